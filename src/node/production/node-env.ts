/**
 * NODE_ENV where production runs: set by the start command itself (`NODE_ENV=production node x`),
 * by a deploy file, env file or `--set` (the environment), by the platform (Heroku's Node.js
 * buildpack and Vercel set production), or by `next start`, which runs in production mode. Render,
 * Fly.io and Docker set nothing.
 */
import type { FileLocation } from '../../core/location.js';
import type { RuntimePlatform } from '../../env/platform.js';
import type { EnvVar, Environment } from '../../env/types.js';
import type { NodeProduction } from '../types.js';
import type { NodeRun } from './command.js';

/** Platforms whose Node runtime sets NODE_ENV=production unless the app's config says otherwise. */
const SETS_PRODUCTION: Partial<Record<RuntimePlatform, string>> = {
  heroku: "Heroku's Node.js buildpack sets NODE_ENV=production",
  vercel: 'Vercel runs the app with NODE_ENV=production',
};

export interface NodeEnvInput {
  /** `NAME=value` words of the start command (and the package.json scripts it runs), with where the command is. */
  command?: { assignments: readonly { name: string; value: string | undefined }[]; location: FileLocation | undefined; how: string };
  /** What the start command runs, when known. */
  run?: NodeRun;
  environment: Environment;
  platforms: readonly RuntimePlatform[];
}

export type NodeEnvFact = NodeProduction['nodeEnv'];

/** A variable the platform or the runner sets when nothing else does (for the evaluator's environment). */
export function impliedNodeEnv(input: NodeEnvInput): EnvVar | undefined {
  if (input.environment.get('NODE_ENV')) return undefined;
  const platform = input.platforms.find((candidate) => SETS_PRODUCTION[candidate]);
  if (platform) return { name: 'NODE_ENV', value: 'production', source: { kind: 'platform', label: SETS_PRODUCTION[platform]! } };
  if (input.run?.kind === 'next' && input.run.mode === 'start') return { name: 'NODE_ENV', value: 'production', source: { kind: 'platform', label: '`next start` runs with NODE_ENV=production' } };
  return undefined;
}

/** The NODE_ENV production runs with, and how that was decided. */
export function decideNodeEnv(input: NodeEnvInput): NodeEnvFact {
  const assigned = input.command?.assignments.findLast((assignment) => assignment.name === 'NODE_ENV');
  if (input.command && assigned) {
    const location = input.command.location;
    const how = `the start command sets it (${input.command.how})`;
    return assigned.value === undefined
      ? { how, ...(location ? { location } : {}), confidence: 'unknown' }
      : { value: assigned.value, how, ...(location ? { location } : {}), confidence: 'certain' };
  }
  const variable = input.environment.get('NODE_ENV');
  if (variable) {
    const location = variable.source.location;
    if (variable.value !== undefined) return { value: variable.value, how: variable.source.label, ...(location ? { location } : {}), confidence: 'certain' };
    if (variable.fallback) return { value: variable.fallback.value, how: `${variable.source.label} (its default)`, ...(variable.fallback.location ? { location: variable.fallback.location } : {}), confidence: 'default' };
    return { how: `${variable.source.label} (value not known here)`, ...(location ? { location } : {}), confidence: 'unknown' };
  }
  const implied = impliedNodeEnv(input);
  if (implied) return { value: 'production', how: implied.source.label, confidence: 'certain' };
  const where = input.platforms.length > 0 ? ` (${input.platforms.join(', ')} sets none)` : '';
  return { how: `nothing sets NODE_ENV${where}`, confidence: 'default' };
}
