import { describe, expect, it } from 'vitest';
import { FINDINGS, sampleInput } from './sample.js';
import { formatGitlab } from '../../src/report/gitlab.js';

interface Issue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  location: { path: string; lines: { begin: number } };
}

describe('GitLab Code Quality report', () => {
  const issues = JSON.parse(formatGitlab(sampleInput())) as Issue[];

  it('has an issue per finding that reads back as the finding', () => {
    expect(issues.map((issue) => ({ ...issue, fingerprint: undefined }))).toEqual(
      FINDINGS.map((f) => ({
        description: f.message,
        check_name: f.rule,
        fingerprint: undefined,
        severity: { critical: 'blocker', high: 'critical', medium: 'major', low: 'minor', info: 'info' }[f.severity],
        location: 'file' in f.location ? { path: f.location.file, lines: { begin: f.location.line } } : { path: f.location.url, lines: { begin: 1 } },
      })),
    );
  });

  it('gives every issue its own fingerprint, also for a problem repeated in one file', () => {
    expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
    expect(issues.every((issue) => /^[0-9a-f]{32}$/.test(issue.fingerprint))).toBe(true);
  });

  it('keeps fingerprints when lines move', () => {
    const moved = FINDINGS.map((f) => ('file' in f.location ? { ...f, location: { ...f.location, line: f.location.line + 5 } } : f));
    const after = JSON.parse(formatGitlab(sampleInput({ findings: moved }))) as Issue[];
    expect(after.map((issue) => issue.fingerprint)).toEqual(issues.map((issue) => issue.fingerprint));
  });

  it('is an empty array without findings', () => {
    expect(JSON.parse(formatGitlab(sampleInput({ findings: [] })))).toEqual([]);
  });
});
