import type { Severity } from '../core/severity.js';

/** What `rules` in the config says about a rule or group: turn it off, back on, or change its severity. */
export type RuleSetting = 'off' | 'on' | Severity;

export interface EnvironmentConfig {
  /** Absolute paths. */
  envFiles?: string[];
  /** The frameworks' own options (Django's `settings`, `configuration`), by FrameworkOption.key. */
  frameworkOptions?: Record<string, string>;
  set?: Record<string, string>;
}

/**
 * A validated config. Option names follow the CLI flags (`fail-on` → failOn); relative paths are
 * resolved against the config file's directory.
 */
export interface DeploycheckConfig {
  /** Absolute path of the file it came from. */
  file: string;
  /** How errors name it: `pyproject.toml [tool.deploycheck]`, relative to the working directory. */
  label: string;
  env?: string;
  failOn?: Severity | 'none';
  minGrade?: string;
  reportLevel?: Severity;
  /** Like --rule: only these rule ids or groups. */
  rule?: string[];
  /** Like --ignore: skip these rule ids or groups. */
  ignore?: string[];
  /** Rule id or group → setting; the most specific pattern wins. */
  rules?: Record<string, RuleSetting>;
  /** Globs, relative to the config file's directory: findings in these files are hidden. */
  ignorePaths?: string[];
  environments?: Record<string, EnvironmentConfig>;
  /** Absolute path. */
  baseline?: string;
  /** Absolute paths of the users' own rule files. */
  ruleFiles?: string[];
}
