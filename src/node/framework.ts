/**
 * Node.js as a framework of the engine (src/engine/framework.ts): discovery (discover.ts), what
 * production runs (production/), the report's summary of a Node project and the "production not
 * fully read" cap when no server entry could be decided. The JS evaluator (src/js) and its parser
 * load only when a rule first reads a project's program.
 */
import { redactCommand } from '../deploy/redact.js';
import type { DiscoveredProject, Framework } from '../engine/framework.js';
import { PLATFORM_NAMES } from '../env/platform.js';
import type { RuntimePlatform } from '../env/platform.js';
import { findNodePackages } from './discover.js';
import { NODE_LIVE_TWINS } from './live-twins.js';
import { NODE_OPTIONS } from './options.js';
import { createNodeProject } from './project.js';
import type { BuiltNodeProject } from './project.js';
import type { NodeProductionSummary, NodeProjectSummary } from './project-summary.js';
import type { NodeProject } from './types.js';

/** Frameworks that run a server of their own, from a file: their rules read nothing without an entry. */
const SERVER_FRAMEWORKS = new Set(['express', 'nestjs', 'fastify', 'koa']);
const NO_ENTRY_HINT = 'name the start command in a Procfile, Dockerfile CMD or package.json scripts.start; --set NODE_ENV=… sets NODE_ENV';
const UNREAD_ENTRY_HINT = 'the findings cover only what was read: fix the file, or write it in JavaScript or TypeScript (Flow and other syntaxes are not read)';

const NO_ENTRY = 'no server entry file found';

/** What keeps production from being read: a server framework without an entry file, an entry that does not parse. */
function missing({ project, production }: BuiltNodeProject, evaluated: boolean): string[] {
  const out: string[] = [];
  const servers = project.frameworks.filter((framework) => SERVER_FRAMEWORKS.has(framework));
  const nextStart = production.start?.parsed?.run.kind === 'next';
  if (servers.length > 0 && !nextStart && project.production.entries.length === 0) {
    out.push(`${NO_ENTRY} for ${servers.join(', ')}${production.start ? ` (${production.start.how}: ${redactCommand(production.start.command)})` : ''}`);
  }
  if (evaluated) {
    const entries = new Set(project.production.entries.map((entry) => entry.file));
    for (const problem of project.program?.problems ?? []) {
      if (entries.has(problem.location.file) && problem.kind !== 'unresolved-import') out.push(`${problem.location.file}: ${problem.message}`);
    }
  }
  return out;
}

function productionLine(project: NodeProject): string {
  const { start, entries, nodeEnv, platform } = project.production;
  const parts: string[] = [];
  parts.push(start ? `${redactCommand(start.command)} (${start.how})` : 'no start command');
  if (entries.length > 0) parts.push(`entry ${entries.map((entry) => entry.file).join(', ')}`);
  parts.push(nodeEnv.value !== undefined ? `NODE_ENV=${nodeEnv.value} (${nodeEnv.how})` : `NODE_ENV ${nodeEnv.confidence === 'unknown' ? 'unknown' : 'unset'} (${nodeEnv.how})`);
  if (platform) parts.push(`on ${PLATFORM_NAMES[platform as RuntimePlatform] ?? platform}`);
  return parts.join(' · ');
}

function summarize(built: BuiltNodeProject, missingNow: string[]): NodeProjectSummary {
  const { project } = built;
  const { start, entries, nodeEnv, platform, assumptions } = project.production;
  const production: NodeProductionSummary = {
    // The command as it is printed: a secret it assigns (`JWT_SECRET=… node x`) masked.
    ...(start ? { start: { ...start, command: redactCommand(start.command) } } : {}),
    entries,
    nodeEnv,
    ...(platform ? { platform } : {}),
    assumptions,
    line: productionLine(project),
    complete: missingNow.length === 0,
    ...(missingNow.length > 0 ? { missing: missingNow } : {}),
    hint: missingNow.some((reason) => reason.startsWith(NO_ENTRY)) ? NO_ENTRY_HINT : UNREAD_ENTRY_HINT,
  };
  return {
    kind: 'node',
    root: project.root,
    ...(project.packageJson.name ? { name: project.packageJson.name } : {}),
    frameworks: project.frameworks,
    production,
  };
}

/** Whether a rule read the program (the summary does not evaluate it only to report its parse problems). */
function discovered(built: BuiltNodeProject, evaluated: () => boolean): DiscoveredProject<NodeProject, NodeProjectSummary> {
  let summary: NodeProjectSummary | undefined;
  const summaryOnce = () => (summary ??= summarize(built, missing(built, evaluated())));
  return {
    project: built.project,
    checked: true,
    summary: summaryOnce,
    incomplete() {
      const { production } = summaryOnce();
      return production.complete ? undefined : `${production.missing!.join('; ')}; ${production.hint}`;
    },
  };
}

export const nodeFramework: Framework<NodeProject, NodeProjectSummary> = {
  kind: 'node',
  options: NODE_OPTIONS,
  discover(workspace, { env, envFiles, set }) {
    return findNodePackages(workspace).map((found) => {
      const built = createNodeProject(workspace, found, { ...(env ? { env } : {}), ...(envFiles ? { envFiles } : {}), ...(set ? { set } : {}) });
      return discovered(built, () => built.evaluated());
    });
  },
  liveTwins: NODE_LIVE_TWINS,
};
