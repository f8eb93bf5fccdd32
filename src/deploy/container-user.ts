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
 * The deployed stages production's web process runs in. Without an entry known, every deployed stage
 * (the Dockerfiles are the only deploy files that start anything). With one: the stage whose CMD,
 * ENTRYPOINT or started script it is, or that its compose service builds; else, for an entry from a
 * file that runs images (compose, fly.toml, heroku.yml), the stages that file builds, or the only
 * deployed stage. Side services (a database or a backup container a compose file also builds) are
 * not the app's. A Procfile, app.yaml or systemd entry builds from source: the Dockerfile beside it
 * is for local use.
 */
export function appStages(stages: readonly DeployedStage[], entry: DeployCommand | undefined): DeployedStage[] {
  if (!entry) return [...stages];
  // The entry's own file and the files that lead to it (a compose service that runs a start script).
  const files = [entry.location.file, ...(entry.via ?? []).map((step) => step.file)];
  const reaches = (stage: DeployedStage): boolean =>
    files.includes(stage.dockerfile) || (entry.process !== undefined && files.some((file) => stage.chosenBy.includes(`${file} ${entry.process}.build`)));
  const reached = stages.filter(reaches);
  if (reached.length || !IMAGE_KINDS.has(entry.origin ?? entry.kind)) return reached;
  const starter = entry.via?.[0]?.file ?? entry.location.file;
  const built = stages.filter((stage) => stage.chosenBy.includes(`${starter} `));
  return built.length ? built : stages.length === 1 ? [...stages] : [];
}

/**
 * The deployed stages whose container runs as root: no USER in the stage (nor in the stage it
 * builds on), or a last USER of root/0. Heroku runs every container as an unprivileged user, so an
 * image deployed through heroku.yml is not one. What a base image's own USER sets cannot be seen.
 */
export function rootStages(deploy: DeployFacts, entry: DeployCommand | undefined): RootStage[] {
  if (deploy.files.some((file) => file.kind === 'heroku.yml')) return [];
  const found: RootStage[] = [];
  for (const stage of appStages(deploy.deployedStages ?? [], entry)) {
    if (stage.user && !ROOT_USER.test(stage.user.user.trim())) continue;
    found.push({ stage, ...(stage.user ? { rootUser: stage.user } : {}) });
  }
  return found;
}
