/**
 * On which platform production runs: the one the deploy files name, else the one whose own
 * variable the app's code reads (`DEBUG = 'RENDER' not in os.environ` is written for Render).
 */
import type { FileLocation } from '../core/location.js';
import type { DeployFacts, DeployFileKind, Platform } from '../deploy/types.js';
import { MARKER_NAMES, PLATFORM_NAMES, platformOfMarker } from '../env/platform.js';
import type { RuntimePlatform } from '../env/platform.js';

export interface PlatformFact {
  platform: RuntimePlatform;
  /** `deploy-file`: a deploy file names it; `marker`: the code reads a variable only it sets. */
  how: 'deploy-file' | 'marker';
  location?: FileLocation;
  /** What told: `fly.toml`, `'RENDER' read in mysite/settings.py:12`. */
  evidence: string;
}

export interface SourceText {
  file: string;
  text: string;
}

/** The deploy file kinds that name each platform. */
const PLATFORM_FILES: Record<Platform, DeployFileKind[]> = {
  heroku: ['procfile', 'app.json', 'heroku.yml'],
  dokku: ['procfile', 'app.json'],
  fly: ['fly.toml'],
  render: ['render.yaml'],
  'cloud-run': ['dockerfile'],
  'app-engine': ['app.yaml'],
  docker: ['dockerfile', 'docker-compose'],
  kubernetes: ['kubernetes'],
};

const QUOTED_NAME = new RegExp(`(['"])(${MARKER_NAMES.join('|')})\\1`, 'g');

function fromDeploy(deploy: DeployFacts): PlatformFact[] {
  return deploy.platforms.map((platform) => {
    const file = deploy.files.find((candidate) => PLATFORM_FILES[platform].includes(candidate.kind));
    return {
      platform,
      how: 'deploy-file' as const,
      ...(file ? { location: { file: file.path, line: 1, column: 1 } } : {}),
      evidence: file?.path ?? 'deploy files',
    };
  });
}

/** Every platform marker read in the sources (a quoted name outside comments), first sighting of each platform. */
function markerPlatforms(sources: readonly SourceText[]): PlatformFact[] {
  const found = new Map<RuntimePlatform, PlatformFact>();
  for (const { file, text } of sources) {
    text.split(/\r?\n/).forEach((line, index) => {
      const code = line.replace(/^\s*#.*$/, '');
      for (const match of code.matchAll(QUOTED_NAME)) {
        const platform = platformOfMarker(match[2]!);
        if (!platform || found.has(platform)) continue;
        const location = { file, line: index + 1, column: (match.index ?? 0) + 1 };
        found.set(platform, { platform, how: 'marker', location, evidence: `'${match[2]}' read in ${file}:${index + 1}` });
      }
    });
  }
  return [...found.values()];
}

/** Platforms that host the app themselves; `docker` alone says how it is packaged, not where it runs. */
function hosts(fact: PlatformFact): boolean {
  return fact.platform !== 'docker';
}

/**
 * The platforms production runs on. Deploy files decide when they name a host; otherwise one
 * platform's marker in the code adds that platform. Markers of several platforms (code written to
 * run anywhere) decide nothing, which is said as an assumption.
 */
export function inferPlatforms(deploy: DeployFacts, sources: readonly SourceText[]): { platforms: PlatformFact[]; assumptions: string[] } {
  const declared = fromDeploy(deploy);
  if (declared.some(hosts)) return { platforms: declared, assumptions: [] };
  const markers = markerPlatforms(sources);
  if (markers.length === 1) return { platforms: [...declared, markers[0]!], assumptions: [] };
  if (markers.length > 1) {
    const names = markers.map((marker) => `${PLATFORM_NAMES[marker.platform]} (${marker.evidence})`).join(', ');
    return { platforms: declared, assumptions: [`the code reads variables of several platforms, ${names}: the platform is not inferred`] };
  }
  return { platforms: declared, assumptions: [] };
}

/** The platforms a production model runs on (from deploy files, or a marker the code reads). */
export function platformsOf(production: { platforms: readonly PlatformFact[] }): RuntimePlatform[] {
  return production.platforms.map((fact) => fact.platform);
}
