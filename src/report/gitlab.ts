import { createHash } from 'node:crypto';
import type { ReportInput } from './types.js';
import { locationPath } from './types.js';
import type { Severity } from '../core/severity.js';

type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

const SEVERITY: Record<Severity, CodeQualitySeverity> = {
  info: 'info',
  low: 'minor',
  medium: 'major',
  high: 'critical',
  critical: 'blocker',
};

/**
 * GitLab Code Quality JSON (a subset of the Code Climate issue format): an array of issues with
 * description, check_name, fingerprint, severity and location { path, lines: { begin } }. A
 * live-scan finding's path is its URL (line 1).
 */
export function formatGitlab(input: ReportInput): string {
  const seen = new Map<string, number>();
  const issues = input.findings.map((finding) => {
    // GitLab drops issues with a repeated fingerprint, and ours has no line number (so baselines
    // survive edits): number the repeats instead of hashing the line, which keeps the merge
    // request widget from reporting every issue below an edit as fixed and new again.
    const occurrence = seen.get(finding.fingerprint) ?? 0;
    seen.set(finding.fingerprint, occurrence + 1);
    const fingerprint = createHash('sha256').update(`${finding.fingerprint}\0${occurrence}`).digest('hex').slice(0, 32);
    return {
      description: finding.message,
      check_name: finding.rule,
      fingerprint,
      severity: SEVERITY[finding.severity],
      location: {
        path: locationPath(finding.location),
        lines: { begin: 'file' in finding.location ? finding.location.line : 1 },
      },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
