import { resolve } from 'node:path';
import { loadConfig } from './load.js';
import { ruleAdjustments, rulesNamed } from './rule-settings.js';
import type { DeploycheckConfig } from './types.js';
import type { CheckOptions } from '../engine/check.js';
import { UsageError } from '../core/errors.js';
import { probeExists } from '../run-cache/record.js';
import { FRAMEWORK_OPTIONS } from '../framework-options.js';
import { parseGrade, parseSeverity } from '../engine/policy.js';
import type { GatePolicy } from '../engine/policy.js';
import { builtInRuleIds, loadBuiltInRules, loadRuleFiles } from '../engine/registry.js';
import type { Severity } from '../core/severity.js';
import type { RuleDefinition } from '../engine/types.js';
import { isProjectRule } from '../engine/types.js';

/** The CLI flags that config options mirror; `given` says whether one was on the command line. */
export interface PolicyFlags {
  config?: string;
  env: string;
  envFile: string[];
  set: Record<string, string>;
  /** The frameworks' own options (Django's `settings`, `configuration`), by FrameworkOption.key. */
  frameworkOptions?: Record<string, string | undefined>;
  rule: string[];
  ignore: string[];
  failOn?: string;
  minGrade?: string;
  reportLevel?: string;
  /** A file, or false for --no-baseline. */
  baseline?: string | false;
  changedSince?: string;
}

export interface ResolvedRun {
  config?: DeploycheckConfig;
  check: CheckOptions;
  gate: GatePolicy;
  /** The lowest severity the reports show (display only: the gate and the grade see every finding). */
  reportLevel: Severity;
}

/** The users' own rules from `rule-files`; a file that fails to load is a UsageError naming it. */
async function userRules(config: DeploycheckConfig, builtIn: readonly { id: string }[]): Promise<RuleDefinition[]> {
  const rules: RuleDefinition[] = [];
  for (const file of config.ruleFiles ?? []) {
    let loaded;
    try {
      [loaded] = await loadRuleFiles([file]);
    } catch (error) {
      throw new UsageError(`${config.label}: rule-files: ${file}: ${(error as Error).message.split('\n')[0]}`);
    }
    if (!loaded || !isProjectRule(loaded)) {
      throw new UsageError(`${config.label}: rule-files: ${file}: expected a defineRule() rule as the default export`);
    }
    if ([...builtIn, ...rules].some((rule) => rule.id === loaded.id)) {
      throw new UsageError(`${config.label}: rule-files: ${file}: rule id '${loaded.id}' is already taken`);
    }
    rules.push(loaded);
  }
  return rules;
}

/**
 * Merge the config (found from `dir`, or --config) with the flags: a flag given on the command line
 * replaces the config's value; env files from the config's environment come before --env-file ones
 * (so the command line's win), and --set goes over the environment's `set`.
 */
export async function resolveRun(dir: string, flags: PolicyFlags, given: (flag: keyof PolicyFlags) => boolean): Promise<ResolvedRun> {
  const config = loadConfig(resolve(dir), flags.config);
  const label = config?.label ?? '';
  const env = given('env') ? flags.env : (config?.env ?? flags.env);
  const environment = config?.environments?.[env] ?? {};
  for (const file of environment.envFiles ?? []) {
    if (!probeExists(file)) throw new UsageError(`${label}: environments.${env}.env-files: ${file}: no such file`);
  }

  // Rule patterns in the config are checked against every rule id, scan rules' too (a config serves
  // `check` and `scan`), but only the rules `check` runs are imported.
  const builtIn = builtInRuleIds().map((id) => ({ id }));
  const extra = config ? await userRules(config, builtIn) : [];
  const known = [...builtIn, ...extra];
  for (const key of ['rule', 'ignore'] as const) {
    if (!given(key)) for (const pattern of config?.[key] ?? []) rulesNamed(known, pattern, label, key);
  }
  const adjustments = ruleAdjustments(config, known);
  const pick = (flag: 'failOn' | 'minGrade' | 'reportLevel') => (given(flag) ? flags[flag] : undefined);

  const failOn = pick('failOn') !== undefined ? parseSeverity(pick('failOn')!, '--fail-on') : (config?.failOn ?? 'high');
  const minGrade = pick('minGrade') !== undefined ? parseGrade(pick('minGrade')!, '--min-grade') : config?.minGrade;
  const reportLevel = pick('reportLevel') !== undefined ? parseSeverity(pick('reportLevel')!, '--report-level') : (config?.reportLevel ?? 'info');
  if (reportLevel === 'none') throw new UsageError('--report-level must be a severity (critical, high, medium, low, info)');
  const baseline = flags.baseline === false ? undefined : flags.baseline !== undefined ? resolve(flags.baseline) : config?.baseline;

  const frameworkFlags = flags.frameworkOptions ?? {};
  const check: CheckOptions = {
    root: dir,
    env,
    envFiles: [...(environment.envFiles ?? []), ...flags.envFile],
    set: { ...environment.set, ...flags.set },
    frameworkOptions: Object.fromEntries(FRAMEWORK_OPTIONS.map(({ key }) => [key, frameworkFlags[key] ?? environment.frameworkOptions?.[key]])),
    rules: [...(await loadBuiltInRules()), ...extra],
    only: given('rule') ? flags.rule : (config?.rule ?? []),
    ignore: [...(given('ignore') ? flags.ignore : (config?.ignore ?? [])), ...adjustments.off],
    policy: {
      severity: adjustments.severity,
      ...(config?.ignorePaths?.length ? { ignorePaths: { base: resolve(config.file, '..'), patterns: config.ignorePaths } } : {}),
      ...(baseline ? { baseline } : {}),
      ...(flags.changedSince ? { changedSince: flags.changedSince } : {}),
    },
  };
  return { ...(config ? { config } : {}), check, gate: { failOn, ...(minGrade ? { minGrade } : {}) }, reportLevel };
}
