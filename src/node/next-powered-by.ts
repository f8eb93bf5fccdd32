/**
 * Next.js sends `X-Powered-By: Next.js` unless next.config sets `poweredByHeader: false`
 * (https://nextjs.org/docs/app/api-reference/config/next-config-js/poweredByHeader).
 */
import type { FileLocation } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import type { Workspace } from '../workspace/types.js';
import { confidenceOf, truthyOf } from '../js/values.js';
import { joinPath } from '../workspace/paths.js';
import type { NodeProject } from './types.js';

const CONFIG_NAMES = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'next.config.mts'];

export interface NextPoweredBy {
  detail: string;
  location: FileLocation;
  confidence: Confidence;
}

/** Whether the Next.js app of a project keeps X-Powered-By on, and where to say so. */
export function nextPoweredBy(project: NodeProject, workspace: Workspace): NextPoweredBy | undefined {
  if (!project.frameworks.includes('next')) return undefined;
  const config = project.nextConfig;
  if (!config) {
    // No config module at all: the default (on) applies. A config we could not evaluate says nothing.
    const written = CONFIG_NAMES.some((name) => workspace.exists(joinPath(project.root, name)));
    if (written) return undefined;
    return { detail: 'the project has no next.config, so poweredByHeader keeps its default (true)', location: { file: project.packageJson.file, line: 1, column: 1 }, confidence: 'certain' };
  }
  const value = config.value;
  if (value.kind !== 'object') return undefined;
  const powered = value.props.get('poweredByHeader');
  const fileStart = { file: config.file, line: 1, column: 1 };
  if (powered === undefined) {
    return value.partial ? undefined : { detail: `${config.file} does not set poweredByHeader: false`, location: value.loc ?? fileStart, confidence: 'certain' };
  }
  if (truthyOf(powered) !== true) return undefined;
  return { detail: `${config.file} sets poweredByHeader to true`, location: powered.loc ?? fileStart, confidence: confidenceOf(powered) ?? 'certain' };
}
