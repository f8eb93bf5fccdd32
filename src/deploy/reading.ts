import type { FileLocation } from '../engine/types.js';
import type { EnvVar } from '../env/types.js';
import type { DeployCommand, DeployProblem, StaticDir } from './types.js';

/** What one deploy file contributes to DeployFacts. */
export interface DeployReading {
  commands: DeployCommand[];
  env: EnvVar[];
  buildArgs: EnvVar[];
  problems: DeployProblem[];
  forceHttps?: { value: boolean; location: FileLocation };
  containerUser?: { user: string; location: FileLocation };
  healthChecks?: { path?: string; location: FileLocation }[];
  /** Directories the platform serves as static files itself (fly.toml [[statics]], app.yaml static_dir). */
  staticDirs?: StaticDir[];
  /** The file refers to the PORT variable a platform injects (Cloud Run, Heroku, …). */
  usesPortVariable?: boolean;
  /** Dockerfiles the file builds the app from (workspace-relative), e.g. a compose `build` or heroku.yml `build.docker`. */
  dockerfiles?: string[];
}

export function emptyReading(): DeployReading {
  return { commands: [], env: [], buildArgs: [], problems: [] };
}
