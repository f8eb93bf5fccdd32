/**
 * A settings module production names whose top-level package is committed under another folder
 * name: wsgi.py says `django_project.settings`, the repository has `Django/settings.py`, and that
 * package's own settings name `django_project.urls` as their ROOT_URLCONF. Projects renamed after
 * `startproject` (or cloned into a folder of another name on the server) look like this; a
 * reviewer maps the name, and so does deploycheck, as an assumption it says aloud.
 */
import { posix } from 'node:path';
import type { FileLocation } from '../core/location.js';
import { findModule } from '../project/modules.js';
import { compareText } from '../core/compare.js';
import { isWithin, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { StandIn } from './types.js';

/** Settings that name modules of the project's own package. */
const NAMES_PACKAGE = /^[ \t]*(ROOT_URLCONF|WSGI_APPLICATION|ASGI_APPLICATION)[ \t]*=[ \t]*(['"])([A-Za-z_]\w*)\.([\w.]+)\2/gm;
/** How many files of one candidate package are read for that evidence. */
const MAX_FILES_PER_PACKAGE = 40;

/** The first line of a package's Python files that names `pkg.…` as its URLconf or application. */
function evidenceIn(workspace: Workspace, dir: string, pkg: string): { text: string; location: FileLocation } | undefined {
  const files = workspace.files.filter((path) => path.endsWith('.py') && isWithin(path, dir)).sort(compareText).slice(0, MAX_FILES_PER_PACKAGE);
  for (const file of files) {
    const read = workspace.readText(file);
    if (!read.ok) continue;
    for (const match of read.text.matchAll(NAMES_PACKAGE)) {
      if (match[3] !== pkg) continue;
      const line = read.text.slice(0, match.index).split('\n').length;
      return { text: `${file} names ${pkg}.${match[4]} as its ${match[1]}`, location: { file, line, column: 1 } };
    }
  }
  return undefined;
}

/**
 * The module in the repository assumed to be `module` when `module` is not: exactly one top-level
 * folder (beside where the package should be) holds the same submodule path, and its code names
 * the missing package as its own. Undefined when none or several do.
 */
export function findStandIn(workspace: Workspace, root: string, module: string, projectRoots: readonly string[]): StandIn | undefined {
  const [pkg, ...rest] = module.split('.');
  if (!pkg || rest.length === 0 || findModule(workspace, root, module)) return undefined;
  const tails = [`${rest.join('/')}.py`, `${rest.join('/')}/__init__.py`];
  const nested = (path: string): boolean => projectRoots.some((other) => other.length > root.length && isWithin(path, other));
  const found: StandIn[] = [];
  for (const pythonRoot of [root, joinPath(root, 'src')]) {
    const prefix = pythonRoot === '' ? '' : `${pythonRoot}/`;
    for (const path of workspace.files) {
      if (!path.startsWith(prefix) || nested(path)) continue;
      const relative = path.slice(prefix.length);
      const slash = relative.indexOf('/');
      const folder = relative.slice(0, slash);
      if (slash <= 0 || folder === pkg || !/^[A-Za-z_]\w*$/.test(folder) || !tails.includes(relative.slice(slash + 1))) continue;
      const evidence = evidenceIn(workspace, posix.join(prefix, folder), pkg);
      if (evidence) found.push({ module: [folder, ...rest].join('.'), file: path, package: { named: pkg, committed: folder }, ...evidence });
    }
  }
  const unique = found.filter((standIn, index) => found.findIndex((other) => other.file === standIn.file) === index);
  return unique.length === 1 ? unique[0] : undefined;
}

/** How the assumption reads in the production line, `--explain` and the JSON. */
export function describeStandIn(module: string, standIn: StandIn): string {
  return `${module} is not in the repository; ${standIn.text}: ${standIn.file} is assumed to be it, committed under another folder name (${standIn.package.committed}/ for ${standIn.package.named}/; pass --settings to choose another)`;
}
