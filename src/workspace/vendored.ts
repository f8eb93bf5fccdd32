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
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) if (VENDORED_DIRS.has(parts[i]!)) return true;
  return false;
}

/** A Python library folder, whatever the virtualenv around it is called: `lib/python3.12/site-packages`, `Lib/site-packages`. */
const SITE_PACKAGES = /(?:^|\/)(?:lib\/python[\d.]*|Lib)\/site-packages\//;

/**
 * Whether a path of `files` is vendored code even when it is committed: in a vendored directory, in a
 * library folder, or under a folder holding a virtualenv's pyvenv.cfg (`env/`, `myenv/`). The workspace
 * lists committed vendored files (they are in the repository); readers of the project's own code and
 * configuration skip them with this.
 */
export function vendoredPathsOf(files: readonly string[]): (path: string) => boolean {
  const virtualenvs = files
    .filter((path) => path.endsWith(`/${VIRTUALENV_MARKER}`))
    .map((path) => path.slice(0, path.length - VIRTUALENV_MARKER.length));
  return (path) => inVendoredDir(path) || SITE_PACKAGES.test(path) || virtualenvs.some((prefix) => path.startsWith(prefix));
}
