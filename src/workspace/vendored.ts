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
