/**
 * `check --url`: one report from a check and live scans of the site. Static findings, live findings and
 * the reconciliation rules' findings (where the two disagree), each tagged with its origin; a problem
 * both halves report (twins, as a framework declares them) is reported once with both places, and the
 * grade deducts every problem once.
 */
import type { CheckResult } from './check.js';
import type { ProjectSummary } from './framework.js';
import { capsOf, grade } from './grade.js';
import { runRule } from './run-rule.js';
import type { GradeResult } from './grade.js';
import type { Finding, GradeCap, ReconcileRuleDefinition } from './types.js';
import type { Project } from '../core/project.js';
import type { Workspace } from '../workspace/types.js';

/** What the combined report says about one live scan. */
export interface LiveSummary {
  target: string;
  /** The scan's own grade, before reconciliation. */
  grade: string;
  /** Probes that did not answer (`page: connection refused`): the live half's errors, not internal ones. */
  probeErrors: string[];
  /** Why some reconciliation did not run (several projects could be the site). */
  notes: string[];
}

export interface LiveScan<Observations = unknown> {
  target: string;
  observations: Observations;
  findings: readonly Finding[];
  grade: GradeResult;
  /** Internal errors (a live rule that crashed). */
  errors: readonly string[];
  rules: readonly RuleInfo[];
  probeErrors: string[];
}

export interface CombineInput<S extends ProjectSummary, Observations> {
  check: CheckResult<S>;
  /** The projects whose rules ran (CheckOptions.onChecked). */
  projects: readonly Project[];
  /** The workspace they were read from (CheckOptions.onChecked). */
  workspace?: Workspace;
  scans: readonly LiveScan<Observations>[];
  reconcileRules: readonly ReconcileRuleDefinition[];
  /** Static rule id → the live rules that report the same problem. */
  twins: Readonly<Record<string, readonly string[]>>;
}

/** What the report needs of a rule, and its cap (the check's and the scan's rule definitions carry one). */
type RuleInfo = NonNullable<CheckResult['rules']>[number] & { cap?: GradeCap };

export type CombinedResult<S extends ProjectSummary> = CheckResult<S> & { live: LiveSummary[] };

export function combine<S extends ProjectSummary, Observations>(input: CombineInput<S, Observations>): CombinedResult<S> {
  const { check, scans, twins } = input;
  const errors = [...check.errors, ...scans.flatMap((scan) => scan.errors)];
  const reconciled: Finding[] = [];
  const superseded = new Set<Finding>();
  // Which project a URL serves is not known when several of one kind were checked: reconcile none rather than guess.
  const kinds = new Map<string, number>();
  for (const project of input.projects) kinds.set(project.kind, (kinds.get(project.kind) ?? 0) + 1);
  const ambiguous = [...kinds].filter(([, count]) => count > 1).map(([kind, count]) => `${count} ${kind} projects were checked, so which one the site runs is not known: not reconciled`);
  for (const scan of scans) {
    for (const project of input.projects.filter((candidate) => kinds.get(candidate.kind) === 1)) {
      for (const rule of input.reconcileRules.filter((candidate) => candidate.project === project.kind)) {
        const covered: Finding[] = [];
        const context = { project, ...(input.workspace ? { workspace: input.workspace } : {}), scan: scan.observations, live: scan.findings, supersede: (finding: Finding) => covered.push(finding) };
        const run = runRule(rule, context, `${project.root || '.'} and ${scan.target}`);
        if (run.error) errors.push(run.error);
        reconciled.push(...run.findings.map((finding) => ({ ...finding, origin: 'both' as const })));
        // What a rule explains counts only when it reported something.
        if (run.findings.length) for (const finding of covered) superseded.add(finding);
      }
    }
  }
  const live = scans.flatMap((scan) => scan.findings.filter((finding) => !superseded.has(finding)));
  const absorbed = new Set<Finding>();
  const statics = check.findings.map((finding): Finding => {
    const same = live.filter((candidate) => twins[finding.rule]?.includes(candidate.rule));
    if (!same.length) return { ...finding, origin: 'static' };
    for (const twin of same) absorbed.add(twin);
    const seen = same.map((twin) => ({ location: twin.location, message: `also seen live: ${twin.message}` }));
    return { ...finding, origin: 'both', related: [...finding.related, ...seen] };
  });
  const findings = [...statics, ...reconciled, ...live.filter((finding) => !absorbed.has(finding)).map((finding) => ({ ...finding, origin: 'live' as const }))];
  const caps = capsOf([...((check.rules ?? []) as readonly RuleInfo[]), ...scans.flatMap((scan) => scan.rules), ...input.reconcileRules]);
  // The check's caps that no finding carries (a project not fully read) still limit the grade.
  const extraCaps = check.grade.caps.filter((cap) => !check.findings.some((finding) => finding.rule === cap.rule));
  return {
    ...check,
    findings,
    errors,
    grade: grade(findings, caps, extraCaps),
    rules: [...(check.rules ?? []), ...scans.flatMap((scan) => scan.rules), ...input.reconcileRules],
    live: scans.map((scan) => ({ target: scan.target, grade: scan.grade.grade, probeErrors: scan.probeErrors, notes: ambiguous })),
  };
}
