import type { FileLocation } from '../core/location.js';

export type { EnvFileDialect } from './dialects/types.js';

/** Deploy files that both describe a deployment and set environment variables. */
export type PlatformFileKind = 'dockerfile' | 'fly.toml' | 'app.json' | 'docker-compose' | 'heroku.yml' | 'render.yaml' | 'app.yaml';

export type EnvSourceKind =
  | 'env-file'
  | PlatformFileKind
  | 'procfile'
  | 'kubernetes'
  /** A script, server config, supervisor/systemd unit or deploy script that deploy files run or that sets platform config. */
  | 'deploy-script'
  | 'cli'
  | 'settings-loader'
  /** A variable the hosting platform sets at run time (Heroku's DYNO, Fly's FLY_APP_NAME, …). */
  | 'platform';

export interface EnvVarSource {
  kind: EnvSourceKind;
  /** Where the variable is set, when it is set in a file. */
  location?: FileLocation;
  /** Human label: `.env.production:3`, `fly.toml [env]`, `--set`, `heroku-postgresql add-on`. */
  label: string;
}

export interface EnvVar {
  name: string;
  /** undefined: the platform provides the variable but its value is not known here (it is still set). */
  value: string | undefined;
  source: EnvVarSource;
  /**
   * For a value a deploy file takes from the host with a default (compose `${NAME:-text}`): the text
   * production runs with when the host leaves the variable unset, and where it is written.
   */
  fallback?: { value: string; location?: FileLocation };
}

/** A named set of variables with the provenance of each. */
export interface Environment {
  /** `production` by default; `staging`, `development`, … with --env. */
  name: string;
  vars: ReadonlyMap<string, EnvVar>;
  /** Env files that make up this environment (workspace-relative). */
  files: string[];
  get(name: string): EnvVar | undefined;
  /** The platforms production runs on (Heroku, Fly, …), when the environment was built for production. */
  platforms?: readonly string[];
  /**
   * Sources production loads that the repository does not hold (a compose `env_file` that is not
   * committed): they may set variables nobody names here. Those a committed sample names are in
   * `vars`, set with the value unknown.
   */
  opaqueSources?: OpaqueSource[];
}

/** An env file production loads but the repository does not contain, and where production loads it. */
export interface OpaqueSource {
  /** `.env.prod (env_file of docker-compose.prod.yml web, not in the repository; .env.prod-sample names 9 variables)` */
  label: string;
  /** The line that loads it (the compose `env_file` item, the command with `--env-file`). */
  location: FileLocation;
  /** The missing file, workspace-relative. */
  file: string;
  /** The committed sample whose variable names were taken, if any. */
  sample?: string;
}
