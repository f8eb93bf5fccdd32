/**
 * Which deployed Dockerfile stages start their process as root, and whether production runs that
 * image at all. Framework-neutral: it reads deploy facts and the entry command production starts.
 */
import type { FileLocation } from '../engine/types.js';
import type { DeployCommand, DeployedStage, DeployFacts, DeployFileKind } from './types.js';

/** `USER root`, `USER 0`, with or without a group (`root:root`, `0:0`, `0:1000`). */
const ROOT_USER = /^(?:root|0)(?::\S*)?$/i;

/** Deploy files whose web command runs inside the image a Dockerfile builds. */
const IMAGE_KINDS = new Set<DeployFileKind>(['dockerfile', 'docker-compose', 'fly.toml', 'heroku.yml', 'captain-definition']);

export interface RootStage {
  stage: DeployedStage;
  /** `USER root` written last in the stage, when that is why; absent when the stage has no USER. */
  rootUser?: { user: string; location: FileLocation };
}

/**
 * Whether production's web process runs in the images the Dockerfiles build: no entry known (the
 * Dockerfile is the only deploy file that starts anything), an entry from the image or a file that
 * runs images (compose, fly.toml, heroku.yml) or a script the image starts, or a stage a platform
 * file names by its build settings. A Procfile, app.yaml or systemd entry without those builds
 * from source: the Dockerfile beside it is for local use.
 */
function imageRunsInProduction(stage: DeployedStage, entry: DeployCommand | undefined): boolean {
  if (!entry) return true;
  if (IMAGE_KINDS.has(entry.origin ?? entry.kind)) return true;
  if (entry.location.file === stage.dockerfile || entry.via?.some((step) => step.file === stage.dockerfile)) return true;
  // A render.yaml dockerfilePath, a DigitalOcean dockerfile_path: the platform builds this Dockerfile.
  return !stage.chosenBy.startsWith('last stage') || /\(.+\)$/.test(stage.chosenBy);
}

/**
 * The deployed stages whose container runs as root: no USER in the stage (nor in the stage it
 * builds on), or a last USER of root/0. Heroku runs every container as an unprivileged user, so an
 * image deployed through heroku.yml is not one. What a base image's own USER sets cannot be seen.
 */
export function rootStages(deploy: DeployFacts, entry: DeployCommand | undefined): RootStage[] {
  if (deploy.files.some((file) => file.kind === 'heroku.yml')) return [];
  const found: RootStage[] = [];
  for (const stage of deploy.deployedStages ?? []) {
    if (!imageRunsInProduction(stage, entry)) continue;
    if (stage.user && !ROOT_USER.test(stage.user.user.trim())) continue;
    found.push({ stage, ...(stage.user ? { rootUser: stage.user } : {}) });
  }
  return found;
}
