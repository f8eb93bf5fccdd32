/** Reading one Node project's production facts from a throwaway tree, without the JS evaluator. */
import { readDeployFacts } from '../../src/deploy/index.js';
import { buildEnvironment } from '../../src/env/environment.js';
import { findNodePackages } from '../../src/node/discover.js';
import { buildNodeProduction } from '../../src/node/production/index.js';
import type { EcosystemApp, NodeProductionResult } from '../../src/node/production/index.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import type { Files } from '../helpers/project.js';

export const pkg = (fields: Record<string, unknown>): string => JSON.stringify({ name: 'app', ...fields }, null, 2);
export const EXPRESS = { dependencies: { express: '^5.0.0' } };

/** The production of the only (or the `root`) Node project of `files`. */
export function productionOf(files: Files, options: { root?: string; set?: Record<string, string>; ecosystem?: EcosystemApp[] } = {}): NodeProductionResult {
  const workspace = openWorkspace(makeProject(files));
  const found = findNodePackages(workspace).find((candidate) => candidate.root === (options.root ?? ''));
  if (!found) throw new Error(`no Node project at '${options.root ?? ''}'`);
  const deploy = readDeployFacts(workspace, found.root);
  return buildNodeProduction({
    workspace,
    root: found.root,
    packageJson: found.packageJson,
    frameworks: found.frameworks,
    deploy,
    environment: (platforms, commandVars, target) => buildEnvironment(workspace, target, { projectRoot: found.root, platforms, commandVars, dialect: 'npm-dotenv', ...(options.set ? { set: options.set } : {}) }),
    ecosystemApps: () => options.ecosystem ?? [],
  });
}
