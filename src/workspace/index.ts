import { isAbsolute, join, posix, resolve } from 'node:path';
import { gitCheckIgnore, gitListFiles, gitListIgnored, insideGitRepo } from './git.js';
import { openIndexWorkspace } from './index-source.js';
import { readFileHead, readTextFile } from './read.js';
import type { ReadResult, SourceKind, Workspace } from './types.js';
import { walkFiles } from './walk.js';
import { probeKind } from '../run-cache/record.js';

export { MAX_TEXT_BYTES } from './read.js';

/** Normalise a workspace-relative path: forward slashes, no `./`, no trailing slash. */
export function normalizePath(path: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/'));
  return normalized === '.' ? '' : normalized.replace(/^\.\//, '').replace(/\/$/, '');
}

export interface OpenWorkspaceOptions {
  /** `index`: the files and contents staged in the git index (`check --staged`); the working tree otherwise. */
  source?: SourceKind;
}

/**
 * Open the working tree at `root`. Inside a git repository the files are those git tracks or
 * would track (one `git ls-files` call); elsewhere a directory walk that skips vendored code.
 * With `source: 'index'`, the git index instead (the working tree outside a git repository).
 */
export function openWorkspace(root: string, options: OpenWorkspaceOptions = {}): Workspace {
  const absoluteRoot = resolve(root);
  if (options.source === 'index' && insideGitRepo(absoluteRoot)) {
    const staged = openIndexWorkspace(absoluteRoot, normalizePath);
    if (staged) return staged;
  }
  const listing = insideGitRepo(absoluteRoot) ? gitListFiles(absoluteRoot) : undefined;
  const files = (listing?.files ?? walkFiles(absoluteRoot)).sort();
  const fileSet = new Set(files);
  const reads = new Map<string, ReadResult>();
  const existence = new Map<string, boolean>();
  let ignored: Set<string> | undefined;

  const absolutePath = (path: string): string => (isAbsolute(path) ? path : join(absoluteRoot, path));

  const isIgnored = (path: string): boolean | undefined => {
    if (!listing) return undefined;
    const relative = normalizePath(path);
    if (listing.tracked.has(relative)) return false;
    ignored ??= gitListIgnored(absoluteRoot) ?? new Set();
    if (ignored.has(relative)) return true;
    for (let slash = relative.indexOf('/'); slash !== -1; slash = relative.indexOf('/', slash + 1)) {
      if (ignored.has(relative.slice(0, slash + 1))) return true;
    }
    return false;
  };

  return {
    root: absoluteRoot,
    source: 'worktree',
    files,
    readText(path: string): ReadResult {
      const relative = normalizePath(path);
      let result = reads.get(relative);
      if (!result) {
        result = readTextFile(absolutePath(relative), relative);
        reads.set(relative, result);
      }
      return result;
    },
    filesRead: () => [...reads.keys()],
    exists(path: string): boolean {
      const relative = normalizePath(path);
      if (fileSet.has(relative)) return true;
      let known = existence.get(relative);
      if (known === undefined) {
        known = probeKind(absolutePath(relative)) === 'file';
        existence.set(relative, known);
      }
      return known;
    },
    isTracked(path: string): boolean | undefined {
      return listing ? listing.tracked.has(normalizePath(path)) : undefined;
    },
    isIgnored,
    readHead: (path, length) => readFileHead(absolutePath(normalizePath(path)), length),
    wouldIgnore: (paths) => (listing ? gitCheckIgnore(absoluteRoot, paths.map(normalizePath)) : undefined),
  };
}
