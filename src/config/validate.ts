import { dirname, resolve } from 'node:path';
import type { DeploycheckConfig, EnvironmentConfig, RuleSetting } from './types.js';
import { UsageError } from '../core/errors.js';
import { FRAMEWORK_OPTIONS } from '../framework-options.js';
import { parseGrade, parseSeverity } from '../engine/policy.js';
import type { Severity } from '../core/severity.js';
import { SEVERITIES } from '../core/severity.js';

const TOP_LEVEL_KEYS = [
  'env',
  'fail-on',
  'min-grade',
  'report-level',
  'rule',
  'ignore',
  'rules',
  'ignore-paths',
  'environments',
  'baseline',
  'rule-files',
] as const;
const ENVIRONMENT_KEYS = ['env-files', ...FRAMEWORK_OPTIONS.map(({ key }) => key), 'set'];

/** Reads one config object, throwing a UsageError that names the file and the key. */
class Reader {
  constructor(
    private readonly label: string,
    private readonly dir: string,
  ) {}

  fail(key: string, problem: string): never {
    throw new UsageError(`${this.label}: ${key}: ${problem}`);
  }

  object(value: unknown, key: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(key, `expected a table/object (got ${describe(value)})`);
    return value as Record<string, unknown>;
  }

  knownKeys(object: Record<string, unknown>, known: readonly string[], prefix: string): void {
    for (const key of Object.keys(object)) {
      if (known.includes(key)) continue;
      const hyphenated = key.replace(/_/g, '-');
      const hint = known.includes(hyphenated) ? ` (did you mean '${hyphenated}'?)` : ` (known keys: ${known.join(', ')})`;
      this.fail(`${prefix}${key}`, `unknown key${hint}`);
    }
  }

  string(value: unknown, key: string): string {
    if (typeof value !== 'string' || value.trim() === '') this.fail(key, `expected a non-empty string (got ${describe(value)})`);
    return value;
  }

  strings(value: unknown, key: string): string[] {
    if (!Array.isArray(value)) this.fail(key, `expected a list of strings (got ${describe(value)})`);
    return value.map((item, index) => this.string(item, `${key}[${index}]`));
  }

  path(value: unknown, key: string): string {
    return resolve(this.dir, this.string(value, key));
  }

  paths(value: unknown, key: string): string[] {
    return this.strings(value, key).map((path) => resolve(this.dir, path));
  }

  severity(value: unknown, key: string): Severity {
    const parsed = parseSeverity(this.string(value, key), `${this.label}: ${key}`);
    if (parsed === 'none') this.fail(key, `must be one of ${SEVERITIES.join(', ')} (got 'none')`);
    return parsed;
  }

  ruleSetting(value: unknown, key: string): RuleSetting {
    if (value === 'off' || value === 'on' || (SEVERITIES as readonly unknown[]).includes(value)) return value as RuleSetting;
    this.fail(key, `must be off, on or a severity (${SEVERITIES.join(', ')}) (got ${describe(value)})`);
  }

  environment(value: unknown, key: string): EnvironmentConfig {
    const object = this.object(value, key);
    this.knownKeys(object, ENVIRONMENT_KEYS, `${key}.`);
    const environment: EnvironmentConfig = {};
    if (object['env-files'] !== undefined) environment.envFiles = this.paths(object['env-files'], `${key}.env-files`);
    for (const { key: option } of FRAMEWORK_OPTIONS) {
      if (object[option] !== undefined) (environment.frameworkOptions ??= {})[option] = this.string(object[option], `${key}.${option}`);
    }
    if (object.set !== undefined) {
      const set = this.object(object.set, `${key}.set`);
      environment.set = Object.fromEntries(
        Object.entries(set).map(([name, variable]) => {
          if (typeof variable !== 'string') this.fail(`${key}.set.${name}`, `expected a string (got ${describe(variable)})`);
          return [name, variable];
        }),
      );
    }
    return environment;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object') return 'a table/object';
  return String(value);
}

/**
 * Validate a config section and resolve its paths against `file`'s directory. Every key and value
 * is checked: an unknown key or a bad value is a UsageError naming `label` and the key.
 */
export function validateConfig(raw: unknown, file: string, label: string): DeploycheckConfig {
  const read = new Reader(label, dirname(file));
  const object = read.object(raw, '(top level)');
  read.knownKeys(object, TOP_LEVEL_KEYS, '');
  const config: DeploycheckConfig = { file, label };
  if (object.env !== undefined) config.env = read.string(object.env, 'env');
  if (object['fail-on'] !== undefined) config.failOn = parseSeverity(read.string(object['fail-on'], 'fail-on'), `${label}: fail-on`);
  if (object['min-grade'] !== undefined) config.minGrade = parseGrade(read.string(object['min-grade'], 'min-grade'), `${label}: min-grade`);
  if (object['report-level'] !== undefined) config.reportLevel = read.severity(object['report-level'], 'report-level');
  if (object.rule !== undefined) config.rule = read.strings(object.rule, 'rule');
  if (object.ignore !== undefined) config.ignore = read.strings(object.ignore, 'ignore');
  if (object.rules !== undefined) {
    const rules = read.object(object.rules, 'rules');
    config.rules = Object.fromEntries(Object.entries(rules).map(([id, setting]) => [id, read.ruleSetting(setting, `rules.${id}`)]));
  }
  if (object['ignore-paths'] !== undefined) config.ignorePaths = read.strings(object['ignore-paths'], 'ignore-paths');
  if (object.environments !== undefined) {
    const environments = read.object(object.environments, 'environments');
    config.environments = Object.fromEntries(
      Object.entries(environments).map(([name, environment]) => [name, read.environment(environment, `environments.${name}`)]),
    );
  }
  if (object.baseline !== undefined) config.baseline = read.path(object.baseline, 'baseline');
  if (object['rule-files'] !== undefined) config.ruleFiles = read.paths(object['rule-files'], 'rule-files');
  return config;
}
