import type { Platform } from '../deploy/types.js';
import type { EnvVar } from './types.js';

const PLATFORM_NAMES: Record<Platform, string> = {
  heroku: 'Heroku',
  dokku: 'Dokku',
  fly: 'Fly.io',
  render: 'Render',
  'cloud-run': 'Cloud Run',
  'app-engine': 'App Engine',
  docker: 'Docker',
};

/**
 * Variables each platform sets in the running app (documented by the platform), with the value
 * when it is fixed. Fly.io sets no PORT (the app listens on fly.toml's internal_port).
 */
const RUNTIME_VARIABLES: Record<Platform, [string, string?][]> = {
  heroku: [['DYNO'], ['PORT']],
  dokku: [['PORT']],
  fly: [['FLY_APP_NAME'], ['FLY_REGION'], ['FLY_ALLOC_ID'], ['FLY_MACHINE_ID']],
  render: [['RENDER', 'true'], ['RENDER_SERVICE_NAME'], ['RENDER_EXTERNAL_HOSTNAME'], ['RENDER_EXTERNAL_URL'], ['IS_PULL_REQUEST', 'false'], ['PORT']],
  'cloud-run': [['K_SERVICE'], ['K_REVISION'], ['K_CONFIGURATION'], ['PORT']],
  'app-engine': [['GAE_ENV'], ['GAE_APPLICATION'], ['GAE_SERVICE'], ['GAE_VERSION'], ['GAE_INSTANCE'], ['GOOGLE_CLOUD_PROJECT'], ['PORT']],
  docker: [],
};

/** The variables the detected platforms set at run time: set, usually with a value not known here. */
export function platformVariables(platforms: readonly Platform[]): EnvVar[] {
  return platforms.flatMap((platform) =>
    RUNTIME_VARIABLES[platform].map(([name, value]) => ({
      name,
      value,
      source: { kind: 'platform' as const, label: `${PLATFORM_NAMES[platform]} sets ${name} at run time` },
    })),
  );
}
