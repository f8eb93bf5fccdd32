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
  for (const path of workspace.files) {
    const dir = dirName(path);
    if (dir === '') continue;
    for (const base of bases) {
      if (!isWithin(dir, base)) continue;
      const parts = (base === '' ? dir : dir.slice(base.length + 1)).split('/');
      if (parts.length > 2 || !CONVENTIONAL_FOLDERS.has(parts[0]!) || parts.some((part) => NON_PRODUCTION_FOLDER.test(part))) continue;
      nested.add(dir);
    }
  }
  return [...[...nested].sort(), ...bases];
}

/** Names of the files directly inside a workspace-relative directory. */
export function namesIn(workspace: Workspace, dir: string): Set<string> {
  const names = new Set<string>();
  const prefix = dir === '' ? '' : `${dir}/`;
  for (const path of workspace.files) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (!rest.includes('/')) names.add(rest);
  }
  return names;
}
