import type { Workspace } from './types.js';

/** Directory names that hold third-party or generated code, never the project's own files. */
export const VENDORED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  'node_modules',
  'site-packages',
  'venv',
  '.venv',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
]);

/** The file every virtualenv has at its top: a directory holding it is skipped whatever its name (`env/`). */
export const VIRTUALENV_MARKER = 'pyvenv.cfg';

/** Whether a workspace-relative path lies inside a vendored directory. */
export function inVendoredDir(path: string): boolean {
  // Segment by segment without splitting: this runs for every file of a large repository, several times.
  for (let start = 0, end = path.indexOf('/'); end !== -1; start = end + 1, end = path.indexOf('/', start)) {
    if (VENDORED_DIRS.has(path.slice(start, end))) return true;
  }
  return false;
}

/** A Python library folder, whatever the virtualenv around it is called: `lib/python3.12/site-packages`, `Lib/site-packages`. */
const SITE_PACKAGES = /(?:^|\/)(?:lib\/python[\d.]*|Lib)\/site-packages\//;

const predicates = new WeakMap<Workspace, (path: string) => boolean>();

/**
 * Whether a path of the workspace is vendored code even when it is committed: in a vendored directory, in a
 * library folder, or under a folder holding a virtualenv's pyvenv.cfg (`env/`, `myenv/`). The workspace
 * lists committed vendored files (they are in the repository); readers of the project's own code and
 * configuration skip them with this. Built once per workspace.
 */
export function isVendoredIn(workspace: Workspace): (path: string) => boolean {
  let vendored = predicates.get(workspace);
  if (!vendored) {
    const virtualenvs = workspace.files
      .filter((path) => path.endsWith(`/${VIRTUALENV_MARKER}`))
      .map((path) => path.slice(0, path.length - VIRTUALENV_MARKER.length));
    vendored = (path) => inVendoredDir(path) || SITE_PACKAGES.test(path) || virtualenvs.some((prefix) => path.startsWith(prefix));
    predicates.set(workspace, vendored);
  }
  return vendored;
}
