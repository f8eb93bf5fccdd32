/**
 * Workspace-relative paths (forward slashes, '' for the workspace root), as env, deploy and
 * secrets code handles them. Kept apart from node:path so a root of '' never turns into '.'.
 */
import { posix, relative } from 'node:path';

/** `dir/name`, or `name` itself in the workspace root. */
export function joinPath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** The last segment: `deploy/.env.prod` → `.env.prod`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The directory part: `deploy/.env.prod` → `deploy`, `manage.py` → '' (the workspace root). */
export function dirName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** What follows the last dot of a file name, lower-cased (`App.JSON` → `json`, `.env` → `env`); '' without a dot. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Whether `path` lies inside directory `dir` ('' holds everything). */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path.startsWith(`${dir}/`);
}

/**
 * A path written in `file` relative to that file's directory (`env_file: ../.env`, a Dockerfile
 * named in heroku.yml), as a workspace-relative path; undefined when it leaves the workspace.
 */
export function resolveFrom(file: string, path: string): string | undefined {
  const resolved = posix.normalize(posix.join(posix.dirname(file), path));
  if (resolved === '..' || resolved.startsWith('../') || posix.isAbsolute(resolved)) return undefined;
  return resolved === '.' ? '' : resolved;
}

/**
 * A file-system path relative to directory `from` (both as node:path takes them), written with
 * forward slashes on every platform, as workspace-relative paths are; it may start with `../`.
 */
export function relativePath(from: string, to: string): string {
  return relative(from, to).split('\\').join('/');
}
