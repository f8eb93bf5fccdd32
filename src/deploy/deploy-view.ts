/**
 * What every kind of project shares about how it is deployed, whatever its framework: the deploy
 * files, the web command production starts, the platforms, production's environment and the env
 * files the code loads. Each
 * framework fills it in for its projects (src/django, src/node); the deploy rules (rules/deploy)
 * read only this, so they judge a Dockerfile or a compose file the same way for every kind.
 */
import type { FileLocation } from '../core/location.js';
import type { Project } from '../core/project.js';
import type { EnvFileUse } from '../env/env-file-use.js';
import type { RuntimePlatform } from '../env/platform.js';
import type { Environment } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import type { DeployCommand, DeployFacts } from './types.js';

export interface DeployView {
  readonly deploy: DeployFacts;
  /** The deploy command production's web process runs, when a deploy file names it (undefined: nothing says). */
  readonly start: DeployCommand | undefined;
  readonly platforms: readonly RuntimePlatform[];
  /** Production's environment as the framework reads it (lazy: built on first read). */
  readonly environment: Environment;
  /**
   * Lines of deploy files whose literal credential a rule of the project's own kind already reports
   * (Django's admin passwords, deploy/default-credentials): a deploy rule counts such a value once.
   */
  credentialsReportedElsewhere(workspace: Workspace): FileLocation[];
  /** The env files the project's code or start command loads itself at run time (python-dotenv, dotenv.config(), `node --env-file`). */
  envFilesLoaded(workspace: Workspace): EnvFileUse[];
}

/** A project of any kind that carries its deploy view. */
export interface DeployedProject extends Project {
  readonly deployView: DeployView;
}

export function isDeployedProject(project: Project): project is DeployedProject {
  return 'deployView' in project && (project as { deployView?: unknown }).deployView !== undefined;
}
