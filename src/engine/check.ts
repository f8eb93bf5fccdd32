import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { applyBaseline, readBaseline } from './baseline.js';
import { changedFiles, touchesChanged } from './changed.js';
import { UsageError } from './errors.js';
import { toFinding } from './finding.js';
import { runRule } from './run-rule.js';
import type { RunnableRule } from './run-rule.js';
import { grade } from './grade.js';
import type { GradeResult } from './grade.js';
import { builtInRuleIds, loadBuiltInRules, loadPolicyRules } from './registry.js';
import { selectRules } from './select.js';
import { applySuppressions, findSuppressions } from './suppressions.js';
import type { CheckRule, Finding, PolicyReport, PolicyRuleDefinition, RuleDefinition, Severity, WorkspaceRuleContext, WorkspaceRuleDefinition } from './types.js';
import { isCheckRule, isFileLocation, isWorkspaceRule } from './types.js';
import { pathMatcher } from '../config/glob.js';
import { initPythonParser } from '../python/parser.js';
import { stringItems } from '../python/value.js';
import { discoverProjects } from '../project/discover.js';
import type { DjangoProject, DjangoVersion, SettingsModuleOrigin } from '../project/types.js';
import { isChecked, summarizeProduction } from '../production/summary.js';
import type { ProductionSummary } from '../production/summary.js';
import { openWorkspace } from '../workspace/index.js';
import { relativePath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { compareText } from './compare.js';

export interface CheckOptions {
  /** The directory to check. */
  root: string;
  /** Environment name: `production` (default), `staging`, … */
  env?: string;
  envFiles?: string[];
  set?: Record<string, string>;
  /** Settings module, overriding everything the project says. */
  settings?: string;
  /** django-configurations class, overriding DJANGO_CONFIGURATION. */
  configuration?: string;
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

export interface ProjectSummary {
  root: string;
  settingsModule?: string;
  settingsFile?: string;
  settingsModuleOrigin?: SettingsModuleOrigin;
  djangoVersion: DjangoVersion;
  /** How production was inferred for this project (see src/production). */
  production?: ProductionSummary;
}

/** The best grade a project whose production settings were not fully read can get. */
const INCOMPLETE_CAP = 'B';

export interface CheckResult {
  /** Absolute path that was checked. */
  root: string;
  environment: string;
  projects: ProjectSummary[];
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
}

function openRoot(root: string, source: 'worktree' | 'index'): Workspace {
  const absolute = resolve(root);
  if (!existsSync(absolute)) throw new UsageError(`${root}: no such directory`);
  if (!statSync(absolute).isDirectory()) throw new UsageError(`${root}: not a directory`);
  return openWorkspace(absolute, { source });
}

function silencedChecks(project: DjangoProject): Set<string> {
  const settings = project.settings;
  return new Set(settings ? stringItems(settings.get('SILENCED_SYSTEM_CHECKS')) : []);
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

function runRules(project: DjangoProject, workspace: Workspace, rules: RuleDefinition[], errors: string[], timings: Map<string, number>): Finding[] {
  const findings = runEach(rules, { project, workspace }, project.root || '.', errors, timings);
  const silenced = silencedChecks(project);
  return silenced.size ? findings.filter((finding) => !finding.django || !silenced.has(finding.django)) : findings;
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

export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  // Started first: the grammar's wasm compiles off the main thread while git lists the files. Its
  // failure is reported by the Promise.all below (the catch only keeps an early exit quiet).
  const parserReady = initPythonParser();
  parserReady.catch(() => undefined);
  const workspace = openRoot(options.root, options.source ?? 'worktree');
  const [policyRules, builtInRules] = await Promise.all([loadPolicyRules(), options.rules ?? loadBuiltInRules(), parserReady]);
  const candidates = [...builtInRules, ...policyRules];
  const selected = selectRules(candidates, options.only, options.ignore);
  const rules = selected.filter(isCheckRule);
  const workspaceRules = selected.filter(isWorkspaceRule);
  const focus = options.focus ? new Set(options.focus) : undefined;
  // Only --history pays for loading the history scanner.
  const history = options.history ? await (await import('../history/scan.js')).scanHistory(workspace.root) : undefined;
  const projects = discoverProjects(workspace, {
    env: options.env,
    envFiles: options.envFiles,
    set: options.set,
    settings: options.settings,
    configuration: options.configuration,
  });

  const errors: string[] = [];
  const seen = new Set<string>();
  const findings: Finding[] = [];
  const timings = new Map<string, number>();
  const workspaceFindings = runWorkspaceRules(workspaceRules, { workspace, projects, ...(focus ? { focus } : {}), ...(history ? { history } : {}) }, errors, timings);
  // A project no deploy entry point reaches, while another is deployed, is listed but not checked.
  const checked = projects.filter(isChecked);
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

  const summaries: ProjectSummary[] = projects.map((project) => {
    const checkedProject = isChecked(project);
    return {
      root: project.root,
      ...(project.settingsModule ? { settingsModule: project.settingsModule } : {}),
      ...(checkedProject && project.settings ? { settingsFile: project.settings.file } : {}),
      ...(project.settingsModuleOrigin ? { settingsModuleOrigin: project.settingsModuleOrigin.how } : {}),
      djangoVersion: project.djangoVersion,
      production: summarizeProduction(project),
    };
  });
  // The project layer says when a grade would claim more than was read: a cap, with its reason.
  const caps = summaries.flatMap(({ root, production }) =>
    production?.checked && production.complete === false
      ? [{ rule: 'production', grade: INCOMPLETE_CAP, reason: `${root || '.'}: incomplete: ${production.missing!.join('; ')}; ${production.hint}` }]
      : [],
  );

  return {
    root: workspace.root,
    environment: options.env ?? 'production',
    projects: summaries,
    findings: policy.findings,
    grade: grade(policy.findings, caps),
    errors,
    rulesRun: rules.length + workspaceRules.length,
    rules: selected,
    hidden: policy.hidden,
    timings: Object.fromEntries(timings),
  };
}
