import type { FileLocation } from '../core/location.js';
import type { Args, Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { PyValue } from './value.js';
import { dirnamePath, none, normalizePath, object, pyStr, str, unknown } from './value-ops.js';
import { selectedName } from './dynamic-imports.js';
import { globRegExp } from '../workspace/glob.js';

/**
 * django-split-settings: `include('components/base.py', 'components/*.py', optional('local.py'),
 * scope=globals())` runs each file, in order, in the including module's namespace. Paths are relative
 * to the including file (`__included_file__` while an included file includes more); a glob expands in
 * sorted order; a file the namespace included already is skipped (`'base.py', '*.py'` runs base.py
 * once); a pattern that matches nothing raises, unless wrapped in `optional()`.
 */

const OPTIONAL = 'split_settings.optional';

/** `optional(pattern)`: a pattern that may match nothing. */
export function optionalPattern(args: Args, where: FileLocation): PyValue {
  const pattern = args.positional[0];
  return object(OPTIONAL, { loc: where }, new Map([['pattern', pattern ?? none()]]));
}

/** The files each namespace included (`__included_files__`): a file is included once, so cycles end too. */
const includedFiles = new WeakMap<Scope, Set<string>>();

/** Glob (`*`, `?`, `[…]`; no `**` recursion, as Python's glob without recursive=True) as a regular expression over workspace paths. */
function globPattern(pattern: string): RegExp {
  return globRegExp(pattern, { classes: true, hiddenDots: true });
}

function expand(interp: Interpreter, path: string): string[] {
  if (!/[*?[]/.test(path)) return interp.exists(path) ? [path] : [];
  const pattern = globPattern(path);
  return interp.options.workspace.files.filter((file) => pattern.test(file) && interp.exists(file)).sort();
}

/** A pattern relative to the including file's directory, as a normalized workspace path. */
function workspacePath(interp: Interpreter, dir: string, pattern: string): string {
  return normalizePath(pattern.startsWith('/') ? (interp.toWorkspacePath(pattern) ?? pattern) : dir ? `${dir}/${pattern}` : pattern);
}

/** The names that complete `prefix` + name + `suffix` into a workspace file (one path segment). */
const fileCompletions =
  (interp: Interpreter) =>
  (prefix: string, suffix: string): string[] =>
    interp.options.workspace.files
      .filter((file) => file.startsWith(prefix) && file.endsWith(suffix) && file.length > prefix.length + suffix.length && interp.exists(file))
      .map((file) => file.slice(prefix.length, file.length - suffix.length))
      .filter((segment) => !segment.includes('/'));

export function includeSettings(interp: Interpreter, args: Args, where: FileLocation, scope: Scope): PyValue {
  const target = scope.moduleScope();
  const from = target.values.get('__included_file__') ?? target.values.get('__file__');
  const fromFile = from?.kind === 'str' ? interp.toWorkspacePath(from.value) : undefined;
  if (fromFile === undefined) return unknown('include() from a file that is not known', { loc: where });
  if (args.opaque) {
    interp.problem('unresolved-import', 'include() of files that are not known (*args): the settings they add are not known', where);
    return unknown('include() of files that are not known', { loc: where });
  }
  const dir = dirnamePath(fromFile);
  const included = includedFiles.get(target) ?? new Set<string>();
  includedFiles.set(target, included);
  for (const argument of args.positional) {
    const isOptional = argument.kind === 'object' && argument.type === OPTIONAL;
    const pattern = isOptional ? argument.attrs?.get('pattern') : argument;
    if (isOptional && (pattern?.kind === 'none' || (pattern?.kind === 'str' && !pattern.value))) continue;
    // `'environments/{}.py'.format(ENV)` with ENV undecided: the file that names production (see selectedName).
    const path = pattern && selectedName(interp, pattern, where, (text) => workspacePath(interp, dir, text), fileCompletions(interp));
    if (path === undefined) {
      const reason = pattern?.kind === 'unknown' ? pattern.reason : pattern?.kind === 'str' ? 'a file that names no production environment' : 'a pattern that is not a string';
      interp.problem('unresolved-import', `include() of ${reason}: the settings it adds are not known`, where);
      continue;
    }
    const files = expand(interp, path);
    if (!files.length && !isOptional) return interp.fail('OSError', `No such file: ${path} (include() of ${pyStr(pattern!) ?? path})`, where, pattern!.env, 'unresolved-import');
    for (const file of files) {
      if (included.has(file) || included.size >= 200) continue;
      included.add(file);
      const saved = target.values.get('__included_file__');
      target.set('__included_file__', str(interp.absolute(file)), where);
      try {
        interp.runInScope(file, target);
      } finally {
        target.set('__included_file__', saved, where);
      }
    }
  }
  return none({ loc: where });
}
