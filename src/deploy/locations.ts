import type { Workspace } from '../workspace/types.js';
import { dirName, isWithin } from '../workspace/paths.js';

/** Folders where projects conventionally keep deploy files, searched one level below as well. */
const CONVENTIONAL_FOLDERS = new Set(['docker', 'deploy', 'deployment', 'deployments', '.deploy', 'compose', 'ops', 'infra']);
/** Folder names that hold development, test, CI or example setups rather than production's. */
const NON_PRODUCTION_FOLDER = /(?:^|[.\-_])(?:dev|develop|development|local|test|tests|ci|e2e|example|examples|devcontainer)(?:$|[.\-_])/i;

/**
 * The directories whose deploy files are read, in increasing precedence: the conventional deploy
 * folders (`docker/`, `deploy/`, `compose/`, … and their direct subfolders, except dev/test/CI/example
 * ones) under the workspace root and the project root, then the workspace root, then the project root.
 * Found from `workspace.files`, without reading the disk.
 */
export function deployDirectories(workspace: Workspace, projectRoot: string): string[] {
  const bases = projectRoot === '' ? [''] : ['', projectRoot];
  const nested = new Set<string>();
  // Each directory once: a large repository has tens of thousands of files in a few hundred directories.
  const seen = new Set<string>();
  for (const path of workspace.files) {
    const dir = dirName(path);
    if (dir === '' || seen.has(dir)) continue;
    seen.add(dir);
    for (const base of bases) {
      if (!isWithin(dir, base)) continue;
      const parts = (base === '' ? dir : dir.slice(base.length + 1)).split('/');
      if (parts.length > 2 || !CONVENTIONAL_FOLDERS.has(parts[0]!) || parts.some((part) => NON_PRODUCTION_FOLDER.test(part))) continue;
      nested.add(dir);
    }
  }
  return [...[...nested].sort(), ...bases];
}

const directories = new WeakMap<Workspace, Map<string, Set<string>>>();

/** Names of the files directly inside a workspace-relative directory (one pass over the file list per workspace). */
export function namesIn(workspace: Workspace, dir: string): Set<string> {
  let byDir = directories.get(workspace);
  if (!byDir) {
    byDir = new Map();
    for (const path of workspace.files) {
      const parent = dirName(path);
      let names = byDir.get(parent);
      if (!names) byDir.set(parent, (names = new Set()));
      names.add(path.slice(parent === '' ? 0 : parent.length + 1));
    }
    directories.set(workspace, byDir);
  }
  return byDir.get(dir) ?? new Set();
}
