import type { HistoryScan } from '../history/types.js';
import type { Workspace } from '../workspace/types.js';
import type { Confidence, Severity } from '../core/severity.js';
import type { Location } from '../core/location.js';
import type { Project } from '../core/project.js';

export interface Finding {
  rule: string;
  severity: Severity;
  confidence: Confidence;
  title: string;
  message: string;
  location: Location;
  /** Other places that explain the finding (e.g. the env file line that set a variable). */
  related: { location: Location; message: string }[];
  /** A short excerpt of what was found; secrets are masked before they get here. */
  evidence?: string;
  fix: string;
  /** The equivalent `manage.py check --deploy` id, when there is one. */
  django?: string;
  /** rule + file or URL + what the finding is about (`about`), without line numbers or wording: stable across edits. */
  fingerprint: string;
  /** Which half found it, in a report of both (`check --url`): the code, the running site, or both. */
  origin?: 'static' | 'live' | 'both';
}

/** What a rule hands to `ctx.report`; the runner fills in the rest. */
export interface Report {
  message: string;
  location: Location;
  confidence?: Confidence;
  related?: { location: Location; message: string }[];
  /** Raw evidence: the runner masks anything the rule marks as secret. */
  evidence?: string;
  /** Evidence that is a secret: masked by the runner (first 4 characters and the length). */
  secret?: string;
  /**
   * What the finding is about, for its fingerprint (with the rule and the file or URL): the setting, the key,
   * the header, the variable; '' when the rule reports at most one finding per file or URL. Never the message
   * or anything holding a line number, so the fingerprint survives edits.
   */
  about: string;
  /** Overrides the rule's django id (a rule that mirrors several ids, e.g. W010-W012). */
  django?: string;
  /** Overrides the rule's severity for this finding. */
  severity?: Severity;
}

export interface RuleDocs {
  /** Why this matters, a short paragraph. */
  why: string;
  /** How to fix it, usually with a settings snippet. */
  fix: string;
  refs?: string[];
}

/** A grade a rule's `certain` findings cap the report at, with the reason the report gives. */
export interface GradeCap {
  grade: string;
  reason: string;
}

/** What every rule declares, whatever its kind. */
interface RuleMeta {
  id: string;
  title: string;
  severity: Severity;
  /** The `check --deploy` id this rule mirrors, if any. */
  django?: string | string[];
  docs: RuleDocs;
  /** Findings so bad that no other score matters: the grade cannot be better than this (`certain` findings only). */
  cap?: GradeCap;
}

export interface RuleContext<P extends Project = Project> {
  /** The project being checked. */
  project: P;
  workspace: Workspace;
  report(report: Report): void;
}

/**
 * A rule over one project of its kind (`kind` is the framework's project kind, e.g. `django`). A
 * users' rule file without a kind runs on every project.
 */
export interface RuleDefinition<P extends Project = Project> extends RuleMeta {
  kind: P['kind'];
  check(ctx: RuleContext<P>): void;
}

export interface ScanRuleContext<Observations = unknown> {
  scan: Observations;
  report(report: Report): void;
}

/** A live-scan rule: a pure function from what the probes observed to findings (no I/O). */
export interface ScanRuleDefinition<Observations = unknown> extends RuleMeta {
  kind: 'scan';
  /**
   * The probes that send requests of their own (a made-up Host, an Origin) whose responses the rule
   * judges, by probe id: the HTML report shows them under the rule's findings.
   */
  probes?: readonly string[];
  check(ctx: ScanRuleContext<Observations>): void;
}

/**
 * A rule about deploycheck's own policy input (inline suppressions, the baseline) rather than the
 * project: it has no check function, because the policy step, which sees the suppressions and the
 * baseline, creates its findings from this definition's metadata.
 */
export interface PolicyRuleDefinition extends RuleMeta {
  kind: 'policy';
}

export function definePolicyRule(rule: Omit<PolicyRuleDefinition, 'kind'>): PolicyRuleDefinition {
  return { ...rule, kind: 'policy' };
}

export interface WorkspaceRuleContext {
  workspace: Workspace;
  /** Every project the frameworks found in the workspace (none in a repository without one); their facts are lazy. */
  projects: readonly Project[];
  /** When set, only findings in these workspace-relative files are kept (`check --staged`), so rules may skip the rest. */
  focus?: ReadonlySet<string>;
  /** Secrets found in the git history (`check --history`), when it was scanned. */
  history?: HistoryScan;
  report(report: Report): void;
}

/** A rule over the whole workspace (committed secrets, env files): runs once, with or without a project. */
export interface WorkspaceRuleDefinition extends RuleMeta {
  kind: 'workspace';
  check(ctx: WorkspaceRuleContext): void;
}

export function defineWorkspaceRule(rule: Omit<WorkspaceRuleDefinition, 'kind'>): WorkspaceRuleDefinition {
  return { ...rule, kind: 'workspace' };
}

export interface ReconcileRuleContext<P extends Project = Project, Observations = unknown> {
  /** A checked project whose settings production was inferred to run. */
  project: P;
  /** The workspace the check read (absent only when the caller has none, e.g. a unit test). */
  workspace?: Workspace;
  /** What one live scan observed (only probes that answered count: a failed probe proves nothing). */
  scan: Observations;
  /** That scan's findings. */
  live: readonly Finding[];
  /** A finding of `live` that this rule's finding explains: it is not reported (nor graded) again. */
  supersede(finding: Finding): void;
  report(report: Report): void;
}

/**
 * A rule over a project and a live scan of its site together (`check --url`): where the code and the
 * running site disagree. `project` is the kind of project it reads.
 */
export interface ReconcileRuleDefinition<P extends Project = Project, Observations = unknown> extends RuleMeta {
  kind: 'reconcile';
  project: P['kind'];
  check(ctx: ReconcileRuleContext<P, Observations>): void;
}

export type AnyRule = RuleDefinition | ScanRuleDefinition | PolicyRuleDefinition | WorkspaceRuleDefinition | ReconcileRuleDefinition;

/** What a rule file exports. */
export interface RuleModule {
  default?: AnyRule;
}

/** The kinds that are not a project's: every other kind names the framework whose projects a rule checks. */
const NON_PROJECT_KINDS: ReadonlySet<string | undefined> = new Set(['workspace', 'scan', 'policy', 'reconcile']);

export function isWorkspaceRule(rule: AnyRule): rule is WorkspaceRuleDefinition {
  return rule.kind === 'workspace';
}

/** The rules `deploycheck check` runs: per project (RuleDefinition) and once per workspace (WorkspaceRuleDefinition). */
export type CheckRule = RuleDefinition | WorkspaceRuleDefinition;

export function isScanRule(rule: AnyRule): rule is ScanRuleDefinition {
  return rule.kind === 'scan';
}

export function isReconcileRule(rule: AnyRule): rule is ReconcileRuleDefinition {
  return rule.kind === 'reconcile';
}

export function isPolicyRule(rule: AnyRule): rule is PolicyRuleDefinition {
  return rule.kind === 'policy';
}

/** A rule `deploycheck check` runs over each project of its kind (workspace rules run once, see isWorkspaceRule). */
export function isProjectRule(rule: AnyRule): rule is RuleDefinition {
  return !NON_PROJECT_KINDS.has(rule.kind);
}

/**
 * The kind of a built-in project rule that runs on every project, whatever its framework (a users'
 * rule file may simply leave the kind out). Such a rule reads what all kinds share, e.g. their deploy view.
 */
export const EVERY_PROJECT = 'project';

/** Whether a project rule runs on this project: its kind matches, or it runs on every project. */
export function runsOn(rule: RuleDefinition, project: Project): boolean {
  return rule.kind === undefined || rule.kind === EVERY_PROJECT || rule.kind === project.kind;
}

/** A finding the policy step itself produces (meta/*): the rule it belongs to and what to report. */
export interface PolicyReport {
  rule: string;
  report: Report;
}
