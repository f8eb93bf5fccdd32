import { join, resolve } from 'node:path';
import { applyBaseline, readBaseline } from './baseline.js';
import { changedFiles, touchesChanged } from './changed.js';
import { UsageError } from '../core/errors.js';
import { toFinding } from './finding.js';
import type { DiscoveredProject, Framework, ProjectSummary } from './framework.js';
import { capsOf, grade } from './grade.js';
import { runRule } from './run-rule.js';
import type { RunnableRule } from './run-rule.js';
import type { GradeResult } from './grade.js';
import type { LiveSummary } from './combine.js';
import { builtInRuleIds, loadBuiltInRules, loadPolicyRules } from './registry.js';
import { selectRules } from './select.js';
import { applySuppressions, findSuppressions } from './suppressions.js';
import type { Severity } from '../core/severity.js';
import type { CheckRule, Finding, PolicyReport, PolicyRuleDefinition, RuleDefinition, WorkspaceRuleContext, WorkspaceRuleDefinition } from './types.js';
import type { Project } from '../core/project.js';
import { isFileLocation } from '../core/location.js';
import { isProjectRule, isWorkspaceRule, runsOn } from './types.js';
import { pathMatcher } from '../workspace/path-matcher.js';
import { openWorkspace } from '../workspace/index.js';
import { relativePath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { compareText } from '../core/compare.js';
import { probeKind, uncacheable } from '../run-cache/record.js';

export interface CheckOptions {
  /** The directory to check. */
  root: string;
  /** Environment name: `production` (default), `staging`, … */
  env?: string;
  envFiles?: string[];
  set?: Record<string, string>;
  /** Values of the frameworks' own options (FrameworkOption.key → value, e.g. Django's `settings`). */
  frameworkOptions?: Record<string, string | undefined>;
  /** Rules to run instead of the built-in ones. */
  rules?: CheckRule[];
  /** Only these rule ids or groups (`django`, `django/*`, `django/debug`). */
  only?: string[];
  /** Skip these rule ids or groups. */
  ignore?: string[];
  /** What happens to the findings after the rules ran (see applyPolicy). */
  policy?: PolicyOptions;
  /** Read the files from the git index (`--staged`) instead of the working tree. */
  source?: 'worktree' | 'index';
  /** Keep only findings that concern these workspace-relative files (the staged ones for a pre-commit hook). */
  focus?: string[];
  /** Also scan the git history for secrets (`--history`). */
  history?: boolean;
  /** Called with the projects whose rules ran, after the rules (`check --url` reconciles them with the live site). */
  onChecked?: (projects: readonly Project[], workspace: Workspace) => void;
}

export interface PolicyOptions {
  /** Rule id → the severity its findings get. */
  severity?: Record<string, Severity>;
  /** Hide findings in files matching these globs, relative to `base` (an absolute directory). */
  ignorePaths?: { base: string; patterns: string[] };
  /** Absolute path of a baseline file: the findings it lists are hidden, its stale entries reported. */
  baseline?: string;
  /** Report only findings that concern files changed since this git revision. */
  changedSince?: string;
}

/** How many findings the policy hid, and why. */
export interface HiddenCounts {
  suppressed: number;
  ignoredPaths: number;
  baselined: number;
  unchanged: number;
}

/** The best grade a project whose production settings were not fully read can get. */
const INCOMPLETE_CAP = 'B';

export interface CheckResult<S extends ProjectSummary = ProjectSummary> {
  /** Absolute path that was checked. */
  root: string;
  environment: string;
  projects: S[];
  findings: Finding[];
  grade: GradeResult;
  /** Internal errors (a rule that crashed): the CLI exits 2 when there are any. */
  errors: string[];
  rulesRun: number;
  /** The rules that ran, including the policy rules whose findings the policy step creates (runCheck always sets it). */
  rules?: readonly Pick<RuleDefinition | PolicyRuleDefinition, 'id' | 'title' | 'severity' | 'docs' | 'django'>[];
  /** What the policy step hid (runCheck always sets it). */
  hidden?: HiddenCounts;
  /** Milliseconds each rule took, over every project (runCheck always sets it). */
  timings?: Record<string, number>;
  /** The live scans a `check --url` report also covers (see combine.ts). */
  live?: LiveSummary[];
}

function openRoot(root: string, source: 'worktree' | 'index'): Workspace {
  const absolute = resolve(root);
  const kind = probeKind(absolute);
  if (kind === 'missing' || kind === 'error') throw new UsageError(`${root}: no such directory`);
  if (kind !== 'dir') throw new UsageError(`${root}: not a directory`);
  return openWorkspace(absolute, { source });
}

function compareFindings(a: Finding, b: Finding): number {
  const fa = 'file' in a.location ? a.location.file : a.location.url;
  const fb = 'file' in b.location ? b.location.file : b.location.url;
  if (fa !== fb) return compareText(fa, fb);
  const la = 'file' in a.location ? a.location.line : 0;
  const lb = 'file' in b.location ? b.location.line : 0;
  return la - lb || compareText(a.rule, b.rule) || compareText(a.message, b.message);
}

/** Run each rule through runRule: its findings, its error into `errors`, its time added to `timings`. */
function runEach<Context>(rules: readonly RunnableRule<Context>[], context: Context, where: string | undefined, errors: string[], timings: Map<string, number>): Finding[] {
  return rules.flatMap((rule) => {
    const run = runRule(rule, context, where);
    if (run.error) errors.push(run.error);
    timings.set(rule.id, (timings.get(rule.id) ?? 0) + run.ms);
    return run.findings;
  });
}

function runRules({ project, keeps }: DiscoveredProject<Project, ProjectSummary>, workspace: Workspace, rules: RuleDefinition[], errors: string[], timings: Map<string, number>): Finding[] {
  const findings = runEach(rules.filter((rule) => runsOn(rule, project)), { project, workspace }, project.root || '.', errors, timings);
  return keeps ? findings.filter((finding) => keeps(finding)) : findings;
}

/** Rules over the whole workspace run once, whether or not a Django project was found. */
function runWorkspaceRules(rules: WorkspaceRuleDefinition[], context: Omit<WorkspaceRuleContext, 'report'>, errors: string[], timings: Map<string, number>): Finding[] {
  return runEach(rules, context, undefined, errors, timings);
}

interface PolicyContext {
  workspace: Workspace;
  /** Ids of every rule deploycheck knows, and of those that ran (check and policy rules). */
  known: Set<string>;
  ran: Set<string>;
  policy: PolicyOptions;
  /** The meta/* rules whose findings the policy step creates. */
  policyRules: ReadonlyMap<string, PolicyRuleDefinition>;
}

/**
 * The policy step, after the rules: inline suppressions, severity overrides, ignored paths, the
 * baseline, then --changed-since. The findings it creates itself (meta/*) pass through the later
 * steps too, and only when their rule is selected.
 */
function applyPolicy(findings: Finding[], context: PolicyContext): { findings: Finding[]; hidden: HiddenCounts } {
  const { workspace, known, ran, policy, policyRules } = context;
  const selected = (finding: Finding) => ran.has(finding.rule);
  const toMetaFinding = ({ rule, report }: PolicyReport) => toFinding(policyRules.get(rule)!, report);
  const hidden: HiddenCounts = { suppressed: 0, ignoredPaths: 0, baselined: 0, unchanged: 0 };

  const suppressions = applySuppressions(findings, findSuppressions(workspace, findings), known, ran);
  hidden.suppressed = suppressions.suppressed;
  const ignored = pathMatcher(policy.ignorePaths?.patterns ?? []);
  const base = policy.ignorePaths?.base ?? workspace.root;
  const isIgnored = (finding: Finding) =>
    isFileLocation(finding.location) && ignored(relativePath(base, join(workspace.root, finding.location.file)));
  const adjust = (batch: Finding[]) =>
    batch.map((finding) => {
      const severity = policy.severity?.[finding.rule];
      return severity ? { ...finding, severity } : finding;
    });

  let result = adjust([...suppressions.kept, ...suppressions.problems.map(toMetaFinding).filter(selected)]);
  const shown = result.filter((finding) => !isIgnored(finding));
  hidden.ignoredPaths = result.length - shown.length;
  result = shown;

  let stale: Finding[] = [];
  if (policy.baseline) {
    const baseline = applyBaseline(result, readBaseline(policy.baseline), workspace.root);
    hidden.baselined = baseline.baselined;
    result = baseline.kept;
    stale = adjust(baseline.stale.map(toMetaFinding).filter(selected));
  }
  if (policy.changedSince) {
    const changed = changedFiles(workspace.root, policy.changedSince);
    const touching = result.filter((finding) => touchesChanged(finding, changed));
    hidden.unchanged = result.length - touching.length;
    result = touching;
  }
  // Stale baseline entries are about the baseline as a whole, so --changed-since does not hide them.
  return { findings: [...result, ...stale].sort(compareFindings), hidden };
}

/** Check a workspace: the frameworks find its projects, the rules of each project's kind and the workspace rules run, then the policy and the grade. */
export async function runCheck<S extends ProjectSummary>(options: CheckOptions, frameworks: readonly Framework<Project, S>[]): Promise<CheckResult<S>> {
  // Started first: a framework's parser (Django's Python grammar, a wasm) compiles off the main thread
  // while git lists the files. Its failure is reported by the Promise.all below (the catch only keeps
  // an early exit quiet).
  const prepared = Promise.all(frameworks.map((framework) => framework.prepare?.()));
  prepared.catch(() => undefined);
  const workspace = openRoot(options.root, options.source ?? 'worktree');
  const [policyRules, builtInRules] = await Promise.all([loadPolicyRules(), options.rules ?? loadBuiltInRules(), prepared]);
  const candidates = [...builtInRules, ...policyRules];
  const selected = selectRules(candidates, options.only, options.ignore);
  const rules = selected.filter(isProjectRule);
  const workspaceRules = selected.filter(isWorkspaceRule);
  const focus = options.focus ? new Set(options.focus) : undefined;
  // Only --history pays for loading the history scanner. The history is not validated by the run cache.
  if (options.history) uncacheable('--history');
  const history = options.history ? await (await import('../history/scan.js')).scanHistory(workspace.root) : undefined;
  const discoverOptions = { env: options.env, envFiles: options.envFiles, set: options.set, options: options.frameworkOptions ?? {} };
  const discovered = frameworks.flatMap((framework) => framework.discover(workspace, discoverOptions));
  const projects = discovered.map(({ project }) => project);

  const errors: string[] = [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const timings = new Map<string, number>();
  const workspaceFindings = runWorkspaceRules(workspaceRules, { workspace, projects, ...(focus ? { focus } : {}), ...(history ? { history } : {}) }, errors, timings);
  // A framework lists a project production does not run (none of the deploy entry points reaches it) but does not check it.
  const checked = discovered.filter((project) => project.checked);
  for (const batch of [...checked.map((project) => runRules(project, workspace, rules, errors, timings)), workspaceFindings]) {
    for (const finding of batch) {
      if (focus && !touchesChanged(finding, focus)) continue;
      // Projects in one repository can share files (deploy files, a settings package): report each problem once.
      const key = `${finding.fingerprint}\0${JSON.stringify(finding.location)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(finding);
    }
  }
  const policy = applyPolicy(findings, {
    workspace,
    known: new Set([...builtInRuleIds(), ...candidates.map((rule) => rule.id)]),
    ran: new Set(selected.map((rule) => rule.id)),
    policy: options.policy ?? {},
    policyRules: new Map(policyRules.map((rule) => [rule.id, rule])),
  });

  options.onChecked?.(checked.map(({ project }) => project), workspace);
  const summaries = discovered.map((project) => project.summary());
  // A framework says when a grade would claim more than was read: a cap, with its reason.
  const caps = discovered.flatMap((project) => {
    const reason = project.incomplete();
    return reason ? [{ rule: 'production', grade: INCOMPLETE_CAP, reason: `${project.project.root || '.'}: incomplete: ${reason}` }] : [];
  });

  return {
    root: workspace.root,
    environment: options.env ?? 'production',
    projects: summaries,
    findings: policy.findings,
    grade: grade(policy.findings, capsOf(selected), caps),
    errors,
    rulesRun: rules.length + workspaceRules.length,
    rules: selected,
    hidden: policy.hidden,
    timings: Object.fromEntries(timings),
  };
}
