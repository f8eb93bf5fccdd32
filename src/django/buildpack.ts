import type { DeployFacts, DeployFile } from '../deploy/types.js';

/**
 * The Procfile of an app the Heroku Python buildpack builds (Heroku, or Dokku through herokuish):
 * a Procfile without heroku.yml (Heroku then builds a container), and on Dokku without a Dockerfile
 * (Dokku prefers it). The buildpack runs collectstatic on every build and its profile.d script
 * exports FORWARDED_ALLOW_IPS='*', so gunicorn and uvicorn trust the router's X-Forwarded-* headers.
 */
export function buildpackProcfile(deploy: DeployFacts): DeployFile | undefined {
  const procfile = deploy.files.find((file) => file.kind === 'procfile');
  if (!procfile) return undefined;
  if (deploy.files.some((file) => file.kind === 'heroku.yml')) return undefined;
  if (deploy.platforms.includes('heroku')) return procfile;
  if (deploy.platforms.includes('dokku') && !deploy.files.some((file) => file.kind === 'dockerfile')) return procfile;
  return undefined;
}
