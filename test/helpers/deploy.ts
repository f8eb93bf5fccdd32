import { readDeployFacts } from '../../src/deploy/index.js';
import type { DeployFacts } from '../../src/deploy/types.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject, type Files } from './project.js';

/** The deploy facts of a throwaway project of `files`, for the Django project at `projectRoot` (the workspace root by default). */
export function deployFactsOf(files: Files, projectRoot = ''): DeployFacts {
  return readDeployFacts(openWorkspace(makeProject(files)), projectRoot);
}
