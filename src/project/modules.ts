import { joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';

export interface ModuleLocation {
  /** Workspace-relative file of the module. */
  file: string;
  /** The directory on the Python path it was found from (the project root or its `src/`). */
  pythonRoot: string;
}

/** Find a dotted module's file: `<root>/a/b.py` or `<root>/a/b/__init__.py`, also under `<root>/src/`. */
export function findModule(workspace: Workspace, root: string, module: string): ModuleLocation | undefined {
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(module)) return undefined;
  const relative = module.split('.').join('/');
  for (const pythonRoot of [root, joinPath(root, 'src')]) {
    for (const file of [joinPath(pythonRoot, `${relative}.py`), joinPath(pythonRoot, `${relative}/__init__.py`)]) {
      if (workspace.exists(file)) return { file, pythonRoot };
    }
  }
  return undefined;
}
