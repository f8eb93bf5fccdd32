import type { FileLocation } from '../core/location.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import { RaiseSignal } from './signals.js';
import { runBothBranches } from './branches.js';
import { handles, poison, runTryClauses } from './statements.js';
import type { TryClauses } from './statements.js';

/**
 * `try: import debug_toolbar … except ImportError:` — whether a library is installed in production
 * is not known (dev-only packages usually are not), so both outcomes are possible: the `try` runs
 * once with every optional import succeeding and once more per import with that one failing, and
 * what the paths leave is joined like the branches of an undecidable `if`.
 */

/** One path of a forking `try`: the `failAt`-th optional import its body reaches raises (0: none). */
export interface ImportFork {
  failAt: number;
  seen: number;
  /** Where the body runs: imports in a nested undecidable branch or a called function do not fork. */
  speculative: number;
  frames: number;
}

/** More optional imports than this in one `try` body: what it assigns is unknown rather than run 2^n ways. */
const MAX_OPTIONAL_IMPORTS = 4;

/** Libraries every Django deployment has: the standard library (versions 3.8+) and Django itself. */
const ALWAYS_INSTALLED = new Set(
  (
    'django __future__ abc argparse ast asyncio atexit base64 binascii builtins calendar codecs collections ' +
    'configparser contextlib copy csv dataclasses datetime decimal email enum errno fnmatch functools getpass ' +
    'gettext glob gzip hashlib hmac html http importlib inspect io ipaddress itertools json locale logging math ' +
    'mimetypes multiprocessing numbers operator os pathlib pickle platform posixpath pprint queue random re ' +
    'secrets shlex shutil signal site socket ssl stat string struct subprocess sys sysconfig tarfile tempfile ' +
    'textwrap threading time traceback types typing unittest urllib uuid warnings weakref zipfile zlib'
  ).split(' '),
);

function installed(interp: Interpreter, top: string): boolean {
  return ALWAYS_INSTALLED.has(top) || interp.installed.has(top);
}

/**
 * An `import` of a library (not a project module) at `where`. Raises ModuleNotFoundError on the
 * path of a forking `try` where this import is the one that fails, and for a gitignored module of
 * the workspace inside a `try` (production does not have it). Outside any `try`, the settings
 * import only if the library is installed: later optional imports of it do not fork.
 */
export function externalImport(interp: Interpreter, top: string, where: FileLocation): void {
  if (interp.tryDepth > 0 && interp.isIgnoredModule(top)) {
    throw new RaiseSignal('ModuleNotFoundError', `No module named '${top}' (gitignored, so not deployed)`, where, 'unresolved-import');
  }
  if (installed(interp, top)) return;
  const fork = interp.importFork;
  if (fork && fork.speculative === interp.speculative && fork.frames === interp.frames.length && ++fork.seen === fork.failAt) {
    throw new RaiseSignal('ModuleNotFoundError', `No module named '${top}' (on the path where it is not installed)`, where, 'unresolved-import');
  }
  if (interp.tryDepth === 0 && interp.speculative === 0 && !interp.optionalModule) interp.installed.add(top);
}

/**
 * Run a `try` whose handlers catch ImportError: when its body imports libraries that may be
 * missing, join the path where all are installed with one path per import that fails.
 */
export function runTryWithOptionalImports(interp: Interpreter, node: SyntaxNode, clauses: TryClauses, scope: Scope): boolean {
  const libraries = clauses.body ? optionalImports(interp, clauses.body) : [];
  if (!libraries.length || !clauses.handlers.some((handler) => handles(interp, handler, 'ModuleNotFoundError', scope))) return false;
  const names = [...new Set(libraries)];
  const reason = `depends on whether ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} installed`;
  if (libraries.length > MAX_OPTIONAL_IMPORTS) {
    poison(interp, node, scope, reason);
    return true;
  }
  const path = (failAt: number) => (): void => {
    const fork: ImportFork = { failAt, seen: 0, speculative: interp.speculative, frames: interp.frames.length };
    runTryClauses(interp, clauses, scope, fork);
  };
  // Path 0 (all installed) joined with path 1 (the first import fails) joined with path 2 …
  const from = (failAt: number): (() => void) =>
    failAt === libraries.length ? path(failAt) : () => runBothBranches(interp, scope, path(failAt), from(failAt + 1), reason, undefined);
  from(0)();
  return true;
}

/**
 * The top-level names of the libraries a `try` body imports that may not be installed, in order,
 * one per import (found syntactically; nested functions and nested `try`s that catch ImportError
 * themselves are not this `try`'s). A gitignored workspace module is not one: it always fails.
 */
function optionalImports(interp: Interpreter, block: SyntaxNode): string[] {
  const out: string[] = [];
  const optional = (dotted: string): void => {
    const top = dotted.split('.')[0]!;
    if (top && !interp.isProjectTopLevel(top) && !interp.isIgnoredModule(top) && !installed(interp, top)) out.push(top);
  };
  const visit = (node: SyntaxNode): void => {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'function_definition' || child.type === 'decorated_definition' || child.type === 'lambda') continue;
      if (child.type === 'import_statement') {
        for (const item of child.childrenForFieldName('name')) {
          const dotted = item?.type === 'aliased_import' ? item.childForFieldName('name') : item;
          if (dotted) optional(dotted.text.replace(/\s/g, ''));
        }
      } else if (child.type === 'import_from_statement') {
        const module = child.childForFieldName('module_name');
        const wildcard = child.namedChildren.some((c) => c?.type === 'wildcard_import');
        if (module?.type === 'dotted_name' && !wildcard) optional(module.text.replace(/\s/g, ''));
      } else if (child.type === 'try_statement' && catchesImportErrorByName(child)) {
        for (const clause of child.namedChildren) if (clause && clause !== child.childForFieldName('body')) visit(clause);
      } else visit(child);
    }
  };
  visit(block);
  return out;
}

/** Whether a `try` has a handler that names ImportError (or a base of it, or is bare). */
function catchesImportErrorByName(node: SyntaxNode): boolean {
  return node.namedChildren.some((clause) => {
    if (clause?.type !== 'except_clause') return false;
    const caught = clause.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
    if (!caught) return true;
    return /\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b/.test(caught.text);
  });
}
