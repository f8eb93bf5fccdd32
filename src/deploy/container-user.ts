/**
 * Which deployed Dockerfile stages start their process as root, and whether production runs that
 * image at all. Framework-neutral: it reads deploy facts and the entry command production starts.
 */
import type { FileLocation } from '../core/location.js';
import type { ComposeServiceUser } from './compose.js';
import type { DeployCommand, DeployedStage, DeployFacts, DeployFileKind } from './types.js';

/** `USER root`, `USER 0`, with or without a group (`root:root`, `0:0`, `0:1000`). */
const ROOT_USER = /^(?:root|0)(?::\S*)?$/i;

/** Deploy files whose web command runs inside the image a Dockerfile builds. */
const IMAGE_KINDS = new Set<DeployFileKind>(['dockerfile', 'docker-compose', 'fly.toml', 'heroku.yml', 'captain-definition']);

export interface RootStage {
  stage: DeployedStage;
  /** `USER root` written last in the stage, or a compose `user: "0:0"`, when that is why; absent when nothing sets a user. */
  rootUser?: { user: string; location: FileLocation; by: 'dockerfile' | 'compose' };
}

/** The `user:` a production compose service that runs this stage sets: one building it, or the entry's own service. */
function composeUser(deploy: DeployFacts, stage: DeployedStage, entry: DeployCommand | undefined): ComposeServiceUser | undefined {
  const entryFiles = entry ? [entry.location.file, ...(entry.via ?? []).map((step) => step.file)] : [];
  for (const { path, users } of deploy.composeServices ?? []) {
    for (const user of users ?? []) {
      if (stage.chosenBy.includes(`${path} ${user.service}.build`) || (entry?.process === user.service && entryFiles.includes(path))) return user;
    }
  }
  return undefined;
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
function appStages(stages: readonly DeployedStage[], entry: DeployCommand | undefined): DeployedStage[] {
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
 * builds on), or a last USER of root/0, unless the production compose service that runs it sets
 * its own `user:` (which decides either way). Heroku runs every container as an unprivileged user, so an
 * image deployed through heroku.yml is not one. What a base image's own USER sets cannot be seen.
 */
export function rootStages(deploy: DeployFacts, entry: DeployCommand | undefined): RootStage[] {
  if (deploy.files.some((file) => file.kind === 'heroku.yml')) return [];
  const found: RootStage[] = [];
  for (const stage of appStages(deploy.deployedStages ?? [], entry)) {
    // Compose's `user:` overrides the image's USER; an interpolated one is not root by name.
    const service = composeUser(deploy, stage, entry);
    if (service) {
      if (service.user !== undefined && ROOT_USER.test(service.user.trim())) found.push({ stage, rootUser: { user: service.user, location: service.location, by: 'compose' } });
      continue;
    }
    if (stage.user && !ROOT_USER.test(stage.user.user.trim())) continue;
    found.push({ stage, ...(stage.user ? { rootUser: { ...stage.user, by: 'dockerfile' as const } } : {}) });
  }
  return found;
}
