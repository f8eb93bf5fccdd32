import { toFinding } from './finding.js';
import type { Finding, Report, RuleDefinition } from './types.js';

/** What one run of one rule gave: its findings, or the error it threw (with where it ran), and how long it took. */
export interface RuleRun {
  findings: Finding[];
  error?: string;
  ms: number;
}

/** A rule of any kind: what makes its findings, and a check that reports into a context. */
export type RunnableRule<Context> = Pick<RuleDefinition, 'id' | 'title' | 'severity' | 'django' | 'docs'> & {
  check(ctx: Context & { report(report: Report): void }): void;
};

/** Milliseconds from an arbitrary origin: process.hrtime, as the `performance` global loads perf_hooks (~1 ms of a start). */
const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * Run one rule with its context: the one place a rule's reports become findings, its crash becomes an
 * error naming the rule (and `where`, the project or URL it ran on) instead of ending the run, and its
 * time is measured. Static, workspace and live-scan rules all run here.
 */
export function runRule<Context>(rule: RunnableRule<Context>, context: Context, where?: string): RuleRun {
  const findings: Finding[] = [];
  const started = now();
  try {
    rule.check({ ...context, report: (report: Report) => findings.push(toFinding(rule, report)) });
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { findings, error: `rule ${rule.id} failed${where === undefined ? '' : ` on ${where}`}: ${detail}`, ms: now() - started };
  }
  return { findings, ms: now() - started };
}
