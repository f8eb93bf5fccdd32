/**
 * NODE_ENV where production runs. Express (and the libraries around it) read it: anything but `production`
 * makes Express's default error handler send stack traces and turns view caching off. Set to another value by
 * a deploy file or a start script, it is wrong for certain; never set, it is wrong only for a server whose
 * platform does not set it (Heroku and Vercel do, `next start` does itself; Docker, Fly, Render, a VPS do not).
 */
import type { Location } from '../core/location.js';
import { nodeEnvInCommand } from './dev-servers.js';
import type { NodeProject } from './types.js';

/** Platforms that run Node apps with NODE_ENV=production unless told otherwise. */
const SETS_PRODUCTION = new Set(['heroku', 'vercel', 'netlify']);
/** A start command that sets NODE_ENV=production itself. */
const NEXT_START = /(?:^|[\s/])next\s+start\b/;

export type NodeEnvProblem =
  | { kind: 'other-value'; value: string; how: string; location?: Location; confidence: 'certain' | 'default' }
  | { kind: 'never-set'; start: string; how: string; location: Location };

/** What is wrong with NODE_ENV in production, or undefined when it is production, unknown, or does not matter. */
export function nodeEnvProblem(project: NodeProject): NodeEnvProblem | undefined {
  const { nodeEnv, start, platform } = project.production;
  if (nodeEnv.value !== undefined) {
    if (nodeEnv.value === 'production' || nodeEnv.confidence === 'unknown') return undefined;
    return { kind: 'other-value', value: nodeEnv.value, how: nodeEnv.how, ...(nodeEnv.location ? { location: nodeEnv.location } : {}), confidence: nodeEnv.confidence };
  }
  // Set by the platform's secret store or a file production loads, with the value unknown here.
  if (project.environment.get('NODE_ENV') !== undefined) return undefined;
  // Set by a wrapper the production model does not read (`cross-env NODE_ENV=production node server.js`).
  const inCommand = start && nodeEnvInCommand(start.command, project.packageJson.scripts);
  if (start && inCommand !== undefined) {
    if (inCommand === 'production') return undefined;
    return { kind: 'other-value', value: inCommand, how: `the start command sets it (${start.how})`, location: start.location, confidence: 'certain' };
  }
  // Only Express changes what it sends on NODE_ENV (NestJS answers errors itself; Koa and Fastify do not read it).
  if (!project.frameworks.includes('express') || project.frameworks.includes('nestjs')) return undefined;
  // Without a deploy file naming the platform, it may well be one that sets NODE_ENV (Heroku runs scripts.start).
  if (!start || platform === undefined || NEXT_START.test(start.command) || SETS_PRODUCTION.has(platform)) return undefined;
  return { kind: 'never-set', start: start.command, how: start.how, location: start.location };
}
