import type { DeployFile } from '../deploy/types.js';
import type { DjangoProject } from '../project/types.js';
import { platformsOf } from '../production/platform.js';

/**
 * The Procfile of an app the Heroku Python buildpack builds (Heroku, or Dokku through herokuish):
 * a Procfile without heroku.yml (Heroku then builds a container), and on Dokku without a Dockerfile
 * (Dokku prefers it). The buildpack runs collectstatic on every build and its profile.d script
 * exports FORWARDED_ALLOW_IPS='*', so gunicorn and uvicorn trust the router's X-Forwarded-* headers.
 * The platform is the production model's (a deploy file names it, or the code reads its variable).
 */
export function buildpackProcfile(project: Pick<DjangoProject, 'deploy' | 'production'>): DeployFile | undefined {
  const { deploy } = project;
  const platforms = platformsOf(project.production);
  const procfile = deploy.files.find((file) => file.kind === 'procfile');
  if (!procfile) return undefined;
  if (deploy.files.some((file) => file.kind === 'heroku.yml')) return undefined;
  if (platforms.includes('heroku')) return procfile;
  if (platforms.includes('dokku') && !deploy.files.some((file) => file.kind === 'dockerfile')) return procfile;
  return undefined;
}
