import type { FileLocation } from '../engine/types.js';
import type { EnvVar } from '../env/types.js';

export type DeployFileKind =
  | 'procfile'
  | 'dockerfile'
  | 'fly.toml'
  | 'app.json'
  | 'docker-compose'
  | 'heroku.yml'
  | 'render.yaml'
  | 'app.yaml';

export type Platform = 'heroku' | 'dokku' | 'fly' | 'render' | 'cloud-run' | 'app-engine' | 'docker';

/** A command a deploy file runs (a Procfile process, a Dockerfile CMD/ENTRYPOINT, a compose command, …). */
export interface DeployCommand {
  text: string;
  /** Process name where the file has one (`web`, `release`, a compose service). */
  process?: string;
  kind: DeployFileKind;
  location: FileLocation;
}

export interface DeployFile {
  kind: DeployFileKind;
  path: string;
}

/** A directory a platform serves at a URL prefix: `path` as the deploy file writes it (a container or app-relative path). */
export interface StaticDir {
  path: string;
  urlPrefix?: string;
  location: FileLocation;
}

export interface DeployProblem {
  message: string;
  location: FileLocation;
}

export interface DeployFacts {
  files: DeployFile[];
  commands: DeployCommand[];
  /** Variables deploy files declare for the running app, in file order. */
  env: EnvVar[];
  /** Build-time arguments (Dockerfile ARG) with their defaults. */
  buildArgs: EnvVar[];
  /** Platforms detected from the deploy files. */
  platforms: Platform[];
  /** Settings the platform itself applies, e.g. fly.toml `force_https`. */
  platformSettings: {
    forceHttps?: { value: boolean; location: FileLocation };
    /** Health checks the platform runs (fly.toml checks, render.yaml healthCheckPath, Dockerfile HEALTHCHECK); `path` for HTTP checks. */
    healthChecks?: { path?: string; location: FileLocation }[];
    /** Directories the platform serves as static files without the app (fly.toml [[statics]], app.yaml static_dir). */
    staticDirs?: StaticDir[];
  };
  /** Dockerfile USER (last one in the final stage); absent means root. */
  containerUser?: { user: string; location: FileLocation };
  problems: DeployProblem[];
}
