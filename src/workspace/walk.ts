import { join } from 'node:path';
import { probeKind, probeListing, probeRealpath } from '../run-cache/record.js';
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
    // Entries as `<kind><name>`: f file, d directory, l symbolic link, o other (see src/run-cache/format.ts).
    const entries = probeListing(absolute);
    if (entries === null) return;
    if (relative !== '' && entries.some((entry) => entry.slice(1) === VIRTUALENV_MARKER)) return;
    for (const entry of entries) {
      const name = entry.slice(1);
      const childRelative = relative === '' ? name : `${relative}/${name}`;
      const childAbsolute = join(absolute, name);
      let isDirectory = entry[0] === 'd';
      let isFile = entry[0] === 'f';
      if (entry[0] === 'l') {
        const kind = probeKind(childAbsolute);
        if (kind === 'missing' || kind === 'error') continue; // dangling link
        isDirectory = kind === 'dir';
        isFile = kind === 'file';
      }
      if (isFile) {
        files.push(childRelative);
      } else if (isDirectory && !VENDORED_DIRS.has(name)) {
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
  return probeRealpath(path) ?? undefined;
}
