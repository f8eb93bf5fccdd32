import type { Platform } from '../deploy/types.js';
import type { EnvVar } from './types.js';

/**
 * A platform the app may run on: those a deploy file names (src/deploy) and those only the code
 * tells, by reading a variable the platform sets (`'RENDER' in os.environ`).
 */
export type RuntimePlatform = Platform | 'railway' | 'azure-app-service' | 'platform-sh' | 'vercel';

export const PLATFORM_NAMES: Record<RuntimePlatform, string> = {
  heroku: 'Heroku',
  dokku: 'Dokku',
  fly: 'Fly.io',
  render: 'Render',
  'cloud-run': 'Cloud Run',
  'app-engine': 'App Engine',
  docker: 'Docker',
  kubernetes: 'Kubernetes',
  railway: 'Railway',
  'azure-app-service': 'Azure App Service',
  'platform-sh': 'Platform.sh',
  vercel: 'Vercel',
};

/**
 * Variables each platform sets in the running app (documented by the platform), with the value
 * when it is fixed. Fly.io sets no PORT (the app listens on fly.toml's internal_port).
 */
const RUNTIME_VARIABLES: Record<RuntimePlatform, [string, string?][]> = {
  heroku: [['DYNO'], ['PORT']],
  dokku: [['PORT']],
  fly: [['FLY_APP_NAME'], ['FLY_REGION'], ['FLY_ALLOC_ID'], ['FLY_MACHINE_ID']],
  render: [['RENDER', 'true'], ['RENDER_SERVICE_NAME'], ['RENDER_EXTERNAL_HOSTNAME'], ['RENDER_EXTERNAL_URL'], ['IS_PULL_REQUEST', 'false'], ['PORT']],
  'cloud-run': [['K_SERVICE'], ['K_REVISION'], ['K_CONFIGURATION'], ['PORT']],
  'app-engine': [['GAE_ENV'], ['GAE_APPLICATION'], ['GAE_SERVICE'], ['GAE_VERSION'], ['GAE_INSTANCE'], ['GOOGLE_CLOUD_PROJECT'], ['PORT']],
  docker: [],
  // Kubernetes sets service-discovery variables (`<SERVICE>_SERVICE_HOST`), none the app's settings read by a fixed name.
  kubernetes: [],
  railway: [['RAILWAY_ENVIRONMENT'], ['RAILWAY_ENVIRONMENT_NAME'], ['RAILWAY_PUBLIC_DOMAIN'], ['RAILWAY_PROJECT_ID'], ['RAILWAY_SERVICE_NAME'], ['PORT']],
  'azure-app-service': [['WEBSITE_HOSTNAME'], ['WEBSITE_SITE_NAME'], ['WEBSITE_INSTANCE_ID'], ['PORT']],
  'platform-sh': [['PLATFORM_APPLICATION_NAME'], ['PLATFORM_ENVIRONMENT'], ['PLATFORM_BRANCH'], ['PLATFORM_PROJECT'], ['PLATFORM_RELATIONSHIPS'], ['PLATFORM_ROUTES'], ['PORT']],
  vercel: [['VERCEL', '1'], ['VERCEL_ENV', 'production'], ['VERCEL_URL'], ['VERCEL_REGION']],
};

/**
 * Variables whose mere presence in the app's code says which platform it is written for: each
 * platform's own, never a generic one like PORT. `PLATFORM_` stands for every Platform.sh variable.
 */
const MARKERS: Record<Exclude<RuntimePlatform, 'docker' | 'dokku'>, string[]> = {
  heroku: ['DYNO'],
  fly: ['FLY_APP_NAME', 'FLY_REGION', 'FLY_ALLOC_ID', 'FLY_MACHINE_ID'],
  render: ['RENDER', 'RENDER_EXTERNAL_HOSTNAME', 'RENDER_EXTERNAL_URL', 'RENDER_SERVICE_NAME'],
  'cloud-run': ['K_SERVICE', 'K_REVISION'],
  'app-engine': ['GAE_ENV', 'GAE_APPLICATION', 'GAE_SERVICE', 'GAE_INSTANCE'],
  railway: ['RAILWAY_ENVIRONMENT', 'RAILWAY_ENVIRONMENT_NAME', 'RAILWAY_PUBLIC_DOMAIN', 'RAILWAY_STATIC_URL', 'RAILWAY_PROJECT_ID'],
  'azure-app-service': ['WEBSITE_HOSTNAME', 'WEBSITE_SITE_NAME', 'WEBSITE_INSTANCE_ID'],
  'platform-sh': ['PLATFORM_APPLICATION_NAME', 'PLATFORM_ENVIRONMENT', 'PLATFORM_BRANCH', 'PLATFORM_RELATIONSHIPS', 'PLATFORM_ROUTES', 'PLATFORM_PROJECT'],
  vercel: ['VERCEL', 'VERCEL_ENV', 'VERCEL_URL'],
  kubernetes: ['KUBERNETES_SERVICE_HOST'],
};

/** The platform whose own variable `name` is, if any. */
export function platformOfMarker(name: string): RuntimePlatform | undefined {
  for (const [platform, names] of Object.entries(MARKERS)) if (names.includes(name)) return platform as RuntimePlatform;
  return undefined;
}

/** Every marker variable name, for a quick text scan before any parse. */
export const MARKER_NAMES: readonly string[] = Object.values(MARKERS).flat();

/** The variables the detected platforms set at run time: set, usually with a value not known here. */
export function platformVariables(platforms: readonly RuntimePlatform[]): EnvVar[] {
  return platforms.flatMap((platform) =>
    RUNTIME_VARIABLES[platform].map(([name, value]) => ({
      name,
      value,
      source: { kind: 'platform' as const, label: `${PLATFORM_NAMES[platform]} sets ${name} at run time` },
    })),
  );
}
