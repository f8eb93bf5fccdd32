import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import type { DeployCommand, DeployedStage, DeployProblem, StaticDir } from './types.js';
import type { ImageLayout } from './dockerfile.js';

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
  /** A Dockerfile's deployed stage and where its files come from. */
  stage?: DeployedStage;
  image?: ImageLayout;
  /** How a file builds a Dockerfile: its build target (compose `build.target`, fly.toml `build-target`) and context. */
  builds?: DockerBuild[];
  /** A Dockerfile's ENTRYPOINT and CMD of the deployed stage (also in `commands`). */
  imageCommands?: { entrypoint?: DeployCommand; cmd?: DeployCommand };
}

export interface DockerBuild {
  /** Workspace-relative Dockerfile path. */
  dockerfile: string;
  target?: string;
  /** Build context directory, when not the Dockerfile's. */
  context?: string;
  /** `docker-compose.prod.yml build.target`, `fly.toml [build] build-target`. */
  chosenBy: string;
  location: FileLocation;
}

export function emptyReading(): DeployReading {
  return { commands: [], env: [], buildArgs: [], problems: [] };
}
