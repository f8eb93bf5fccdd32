import { fingerprint } from './fingerprint.js';
import { maskSecret } from '../core/mask.js';
import type { Finding, Report, RuleDefinition } from './types.js';

/** Secrets shorter than this are not searched for in messages (see toFinding). */
const MIN_SCRUBBED = 8;

/** Turn what a rule (static or live-scan) reported into a Finding: masked evidence, fix text, fingerprint. */
export function toFinding(rule: Pick<RuleDefinition, 'id' | 'title' | 'severity' | 'django' | 'docs'>, report: Report): Finding {
  let message = report.message;
  let evidence = report.evidence;
  let related = report.related ?? [];
  if (report.secret) {
    const masked = maskSecret(report.secret);
    // A rule should never put the secret in its text; this is the safety net if one does. Values too
    // short to be a credential are left alone: they would match ordinary words and paths.
    const scrub = (text: string) => (report.secret!.length >= MIN_SCRUBBED ? text.split(report.secret!).join(masked) : text);
    message = scrub(message);
    evidence = evidence === undefined ? masked : scrub(evidence);
    related = related.map((note) => ({ ...note, message: scrub(note.message) }));
  }
  const django = report.django ?? (typeof rule.django === 'string' ? rule.django : undefined);
  return {
    rule: rule.id,
    severity: report.severity ?? rule.severity,
    confidence: report.confidence ?? 'certain',
    title: rule.title,
    message,
    location: report.location,
    related,
    ...(evidence !== undefined ? { evidence } : {}),
    fix: rule.docs.fix,
    ...(django ? { django } : {}),
    fingerprint: fingerprint(rule.id, report.location, report.snippet ?? message),
  };
}
