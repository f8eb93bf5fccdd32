import { openWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { makeProject, type Files } from './project.js';

/** The workspace of a throwaway project of `files` (see makeProject). */
export function workspaceOf(files: Files): Workspace {
  return openWorkspace(makeProject(files));
}
