import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VENDORED_DIRS, VIRTUALENV_MARKER } from './vendored.js';

/**
 * List the files under `root` (relative, forward slashes) without git: skips vendored directories
 * and virtualenvs, follows symlinked directories once (by real path, so loops end) and quietly
 * passes over directories it cannot read.
 */
export function walkFiles(root: string): string[] {
  const files: string[] = [];
  const visited = new Set<string>();
  const rootReal = safeRealpath(root);
  if (rootReal === undefined) return files;
  visited.add(rootReal);

  const visit = (absolute: string, relative: string): void => {
    let entries;
    try {
      entries = readdirSync(absolute, { withFileTypes: true });
    } catch {
      return;
    }
    if (relative !== '' && entries.some((entry) => entry.name === VIRTUALENV_MARKER)) return;
    for (const entry of entries) {
      const childRelative = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const childAbsolute = join(absolute, entry.name);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = statSync(childAbsolute);
          isDirectory = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isFile) {
        files.push(childRelative);
      } else if (isDirectory && !VENDORED_DIRS.has(entry.name)) {
        const real = safeRealpath(childAbsolute);
        if (real === undefined || visited.has(real)) continue;
        visited.add(real);
        visit(childAbsolute, childRelative);
      }
    }
  };
  visit(root, '');
  return files;
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
