import type { ScanObservations } from '../probe/types.js';
import type { DjangoProject } from '../project/types.js';
import type { HistoryScan } from '../history/types.js';
import type { Workspace } from '../workspace/types.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * `certain`: true in the chosen environment.
 * `default`: true only because an environment variable is unset and the code falls back to a
 * default ("fails open"); counts half in the grade.
 */
export type Confidence = 'certain' | 'default';

export interface FileLocation {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface UrlLocation {
  url: string;
}

export type Location = FileLocation | UrlLocation;

export function isFileLocation(location: Location): location is FileLocation {
  return 'file' in location;
}

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
  /** rule + file + normalised snippet, without line numbers: stable across edits. */
  fingerprint: string;
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

export type FactName = 'settings' | 'env' | 'deploy' | 'urls' | 'workspace';

export interface RuleDocs {
  /** Why this matters, a short paragraph. */
  why: string;
  /** How to fix it, usually with a settings snippet. */
  fix: string;
  refs?: string[];
}

export interface RuleContext {
  /** The Django project being checked; absent for rules that only read the workspace. */
  project: DjangoProject;
  workspace: Workspace;
  report(report: Report): void;
}

export interface RuleDefinition {
  id: string;
  title: string;
  severity: Severity;
  /** The `check --deploy` id this rule mirrors, if any. */
  django?: string | string[];
  facts: FactName[];
  docs: RuleDocs;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

export interface ScanRuleContext {
  scan: ScanObservations;
  report(report: Report): void;
}

/** A live-scan rule: a pure function from what the probes observed to findings (no I/O). */
export interface ScanRuleDefinition extends Omit<RuleDefinition, 'facts' | 'check'> {
  kind: 'scan';
  facts: ['observations'];
  check(ctx: ScanRuleContext): void;
}

export function defineScanRule(rule: Omit<ScanRuleDefinition, 'kind' | 'facts'>): ScanRuleDefinition {
  return { ...rule, kind: 'scan', facts: ['observations'] };
}

/**
 * A rule about deploycheck's own policy input (inline suppressions, the baseline) rather than the
 * project: it has no check function, because the policy step, which sees the suppressions and the
 * baseline, creates its findings from this definition's metadata.
 */
export interface PolicyRuleDefinition extends Omit<RuleDefinition, 'facts' | 'check'> {
  kind: 'policy';
}

export function definePolicyRule(rule: Omit<PolicyRuleDefinition, 'kind'>): PolicyRuleDefinition {
  return { ...rule, kind: 'policy' };
}

export interface WorkspaceRuleContext {
  workspace: Workspace;
  /** Every Django project found in the workspace (none in a repository without Django); their facts are lazy. */
  projects: readonly DjangoProject[];
  /** When set, only findings in these workspace-relative files are kept (`check --staged`), so rules may skip the rest. */
  focus?: ReadonlySet<string>;
  /** Secrets found in the git history (`check --history`), when it was scanned. */
  history?: HistoryScan;
  report(report: Report): void;
}

/** A rule over the whole workspace (committed secrets, env files): runs once, with or without a Django project. */
export interface WorkspaceRuleDefinition extends Omit<RuleDefinition, 'facts' | 'check'> {
  kind: 'workspace';
  facts: ['workspace'];
  check(ctx: WorkspaceRuleContext): void;
}

export function defineWorkspaceRule(rule: Omit<WorkspaceRuleDefinition, 'kind' | 'facts'>): WorkspaceRuleDefinition {
  return { ...rule, kind: 'workspace', facts: ['workspace'] };
}

export type AnyRule = RuleDefinition | ScanRuleDefinition | PolicyRuleDefinition | WorkspaceRuleDefinition;

/** What a rule file exports. */
export interface RuleModule {
  default?: AnyRule;
}

export function isWorkspaceRule(rule: AnyRule): rule is WorkspaceRuleDefinition {
  return 'kind' in rule && rule.kind === 'workspace';
}

/** The rules `deploycheck check` runs: per project (defineRule) and once per workspace (defineWorkspaceRule). */
export type CheckRule = RuleDefinition | WorkspaceRuleDefinition;

export function isScanRule(rule: AnyRule): rule is ScanRuleDefinition {
  return 'kind' in rule && rule.kind === 'scan';
}

export function isPolicyRule(rule: AnyRule): rule is PolicyRuleDefinition {
  return 'kind' in rule && rule.kind === 'policy';
}

/** A rule `deploycheck check` runs over each project's facts (workspace rules run once, see isWorkspaceRule). */
export function isCheckRule(rule: AnyRule): rule is RuleDefinition {
  return !isScanRule(rule) && !isPolicyRule(rule) && !isWorkspaceRule(rule);
}

/** A finding the policy step itself produces (meta/*): the rule it belongs to and what to report. */
export interface PolicyReport {
  rule: string;
  report: Report;
}
