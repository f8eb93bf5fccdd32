import type { GradeResult } from '../engine/grade.js';
import type { Location } from '../core/location.js';
import type { Severity } from '../core/severity.js';
import type { AnyRule, Finding } from '../engine/types.js';
import { SEVERITIES } from '../core/severity.js';

/** What a CI report needs to know about a rule: its help text and default severity. */
export type ReportRule = Pick<AnyRule, 'id' | 'title' | 'severity' | 'docs' | 'django'>;

/**
 * The input of the CI formatters (SARIF, JUnit, GitLab, GitHub, Markdown). A `CheckResult`
 * satisfies it structurally; a live scan's result will too (its findings carry `{ url }` locations).
 */
export interface ReportInput {
  kind?: 'check' | 'scan';
  /** Absolute path that was checked (SARIF's %SRCROOT%). */
  root?: string;
  findings: readonly Finding[];
  grade: GradeResult;
  errors: readonly string[];
  /**
   * The rules that ran: their help text, and what a JUnit report lists as passed. Without it the
   * reports know only the rules that have findings.
   */
  rules?: readonly ReportRule[];
}

/** `mysite/settings.py:26:5`, or the URL of a live-scan finding. */
export function describeLocation(location: Location): string {
  return 'file' in location ? `${location.file}:${location.line}:${location.column}` : location.url;
}

/** The file path, or the URL of a live-scan finding. */
export function locationPath(location: Location): string {
  return 'file' in location ? location.file : location.url;
}

/**
 * The rules the report describes: those that ran, then any rule a finding names that is not among
 * them (described from the finding), each once, in first-seen order.
 */
export function reportRules(input: ReportInput): ReportRule[] {
  const rules = new Map<string, ReportRule>();
  for (const rule of input.rules ?? []) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  for (const finding of input.findings) {
    if (rules.has(finding.rule)) continue;
    rules.set(finding.rule, {
      id: finding.rule,
      title: finding.title,
      severity: finding.severity,
      docs: { why: finding.title, fix: finding.fix },
      ...(finding.django ? { django: finding.django } : {}),
    });
  }
  return [...rules.values()];
}

/** Findings per severity, worst first, for summary lines. */
export function countBySeverity(findings: readonly Finding[]): [Severity, number][] {
  return SEVERITIES.map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length]);
}
