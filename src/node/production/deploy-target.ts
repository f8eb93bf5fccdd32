/**
 * Which deploy production is when a Procfile names the web process and the repository also builds a
 * container image: with a Dockerfile and no other platform file, the image is what is deployed and
 * the Procfile's web process is the command run in it (Dokku and most container platforms read a
 * Procfile so; Heroku's buildpack, which would ignore the Dockerfile, needs no Dockerfile). Production's
 * environment is then the image's (its ENV) and Heroku's runtime variables, NODE_ENV=production
 * included, are not assumed. `heroku.yml` (Heroku builds the image itself) keeps Heroku.
 */
import type { DeployFacts, DeployFileKind } from '../../deploy/types.js';
import type { StartCommand } from './start.js';

/** Platform files that decide the deploy themselves: the Procfile + Dockerfile question does not arise. */
const PLATFORM_FILES: ReadonlySet<DeployFileKind> = new Set(['heroku.yml', 'fly.toml', 'render.yaml', 'app.yaml', 'do-app-spec', 'captain-definition', 'kubernetes']);
/** Platforms that run a Procfile's processes with a buildpack, not in the repository's image. */
const BUILDPACK_PLATFORMS = new Set(['heroku', 'dokku']);

export interface DeployTarget {
  /** The deploy facts production's platforms come from. */
  deploy: DeployFacts;
  /** What was decided and why, for the assumptions; undefined when nothing was. */
  note?: string;
}

export function deployTarget(deploy: DeployFacts, start: StartCommand | undefined): DeployTarget {
  const command = start?.deployCommand;
  if (!command || (command.origin ?? command.kind) !== 'procfile') return { deploy };
  if (deploy.files.some((file) => PLATFORM_FILES.has(file.kind))) return { deploy };
  const image = deploy.deployedStages?.[0]?.dockerfile ?? deploy.files.find((file) => file.kind === 'dockerfile')?.path;
  if (image === undefined || !deploy.platforms.some((platform) => BUILDPACK_PLATFORMS.has(platform))) return { deploy };
  const platforms = deploy.platforms.filter((platform) => !BUILDPACK_PLATFORMS.has(platform));
  return {
    deploy: { ...deploy, platforms: platforms.includes('docker') ? platforms : [...platforms, 'docker'] },
    note: `${start!.how} is taken as the command run in the image ${image} builds (no heroku.yml): the image's environment is production's, not Heroku's buildpack's`,
  };
}
