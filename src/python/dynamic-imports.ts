import type { FileLocation } from '../core/location.js';
import type { Workspace } from '../workspace/types.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import type { Args, Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { PyValue } from './value.js';
import { internalOf } from './internals.js';
import { dict, list, none, object, str, unknown } from './value-ops.js';
import { missingModule } from './imports.js';
import { namesProduction, undecidedVariable } from './assumptions.js';
import { includeSettings, optionalPattern } from './split-settings.js';
import { herokuSettings } from './heroku-settings.js';
import { resolveRelativeModule } from './relative-imports.js';

/**
 * Code that picks a module by a name it computes: `importlib.import_module(f'.{env}', __name__)`,
 * `exec(f'from .{env} import *')`, `vars(module)`, `dir(module)`, and django-split-settings'
 * `include()`. A name built from a variable the environment leaves undecided is resolved in a later
 * run (see settings.ts): the variable is bound to a stand-in, the modules the name could be are
 * listed, and the one that names production is chosen.
 */

/** Calls that need the caller's namespace or the interpreter's modules; undefined for any other callee. */
export function callWithScope(interp: Interpreter, fn: PyValue, args: Args, node: SyntaxNode, scope: Scope): PyValue | undefined {
  if (fn.kind !== 'object' || !fn.type.startsWith('ext:')) return undefined;
  const where = interp.here(node);
  switch (fn.type.slice(4)) {
    case 'importlib.import_module':
      return importModuleCall(interp, args, where);
    case 'builtins.exec':
      return execCall(interp, args, where, scope);
    case 'builtins.vars':
      return args.positional.length === 1 ? moduleNamespace(args.positional[0]!, where, 'vars') : undefined;
    case 'builtins.dir':
      return args.positional.length === 1 ? moduleNamespace(args.positional[0]!, where, 'dir') : undefined;
    case 'split_settings.tools.include':
      return includeSettings(interp, args, where, scope);
    case 'split_settings.tools.optional':
      return optionalPattern(args, where);
    case 'django_heroku.settings':
    case 'django_on_heroku.settings':
      return herokuSettings(interp, args, node, scope);
    default:
      return undefined;
  }
}

/** `vars(module)` (a dict of its names) or `dir(module)` (its names, sorted). */
function moduleNamespace(value: PyValue, where: FileLocation, how: 'vars' | 'dir'): PyValue | undefined {
  const internal = internalOf(value);
  if (internal?.tag !== 'module') return value.kind === 'unknown' ? unknown(value.reason, { loc: where, env: value.env }) : undefined;
  const names = [...internal.module.scope.values.keys()];
  if (how === 'dir') return list(names.sort().map((name) => str(name)), { loc: where });
  return dict(names.map((name) => [name, internal.module.scope.values.get(name)!]), { loc: where });
}

/** `.x` relative to `packageName`, as importlib resolves it; undefined when it goes beyond the top. */
function resolveName(name: string, packageName: string | undefined): string | undefined {
  const dots = /^\.*/.exec(name)![0].length;
  return resolveRelativeModule(packageName, dots, name.slice(dots));
}

/** The project modules (dotted) `prefix` + one name + `suffix` names, sorted (`config.settings.` → production, dev, …). */
export function modulesMatching(workspace: Workspace, root: string, prefix: string, suffix: string): string[] {
  const base = (root ? `${root}/` : '') + prefix.split('.').join('/');
  const tail = suffix.split('.').join('/').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^([A-Za-z_][A-Za-z0-9_]*)${tail}(?:\\.py|/__init__\\.py)$`);
  const found = new Set<string>();
  for (const file of workspace.files) {
    if (!file.startsWith(base) || workspace.isIgnored(file) === true) continue;
    const match = pattern.exec(file.slice(base.length));
    if (match && match[1] !== '__init__') found.add(`${prefix}${match[1]}${suffix}`);
  }
  return [...found].sort();
}

const PREFERRED = ['production', 'prod', 'prd', 'live'];

/** The segment of `candidates` (module names or their varying parts) that names production, preferring the plainest name. */
export function productionChoice(segments: string[]): string | undefined {
  const named = segments.filter(namesProduction);
  return PREFERRED.find((p) => named.includes(p)) ?? named[0];
}

/** The segments that complete `prefix` + segment + `suffix` into a project module or a file. */
type Completions = (prefix: string, suffix: string) => string[];

const moduleCompletions =
  (interp: Interpreter): Completions =>
  (prefix, suffix) =>
    modulesMatching(interp.options.workspace, interp.options.root, prefix, suffix).map((m) => m.slice(prefix.length, m.length - suffix.length));

/**
 * A module name (or path) holding a variable's stand-in: the completions it could have, and the
 * one naming production (recorded as the choice for that variable). Returns the text with the
 * choice in place of the stand-in, or undefined when none names production.
 */
function chooseForStandIn(interp: Interpreter, text: string, where: FileLocation, completions: Completions): string | undefined {
  for (const [standIn, variable] of interp.standIns) {
    const at = text.indexOf(standIn);
    if (at < 0) continue;
    const prefix = text.slice(0, at);
    const suffix = text.slice(at + standIn.length);
    if (suffix.includes(standIn)) return undefined;
    const choice = productionChoice(completions(prefix, suffix));
    if (choice === undefined) return undefined;
    if (!interp.templateChoices.has(variable)) interp.templateChoices.set(variable, { value: choice, location: where });
    return prefix + choice + suffix;
  }
  return undefined;
}

/**
 * A computed module name or path, made absolute by `resolve`: one built from an undecided variable
 * asks for a later run (see settings.ts); a stand-in in it is replaced by the completion naming production.
 */
export function selectedName(
  interp: Interpreter,
  value: PyValue,
  where: FileLocation,
  resolve: (name: string) => string | undefined,
  completions: Completions = moduleCompletions(interp),
): string | undefined {
  const variable = undecidedVariable(interp, value);
  if (variable) interp.templateRequests.add(variable);
  const name = value.kind === 'str' ? resolve(value.value) : undefined;
  if (name === undefined) return undefined;
  return [...interp.standIns.keys()].some((s) => name.includes(s)) ? chooseForStandIn(interp, name, where, completions) : name;
}

/** `importlib.import_module(name, package=None)`. */
function importModuleCall(interp: Interpreter, args: Args, where: FileLocation): PyValue {
  const nameValue = args.positional[0] ?? args.keywords.get('name');
  const packageValue = args.positional[1] ?? args.keywords.get('package');
  if (!nameValue) return unknown('import_module() without a name', { loc: where });
  const packageName = packageValue?.kind === 'str' ? packageValue.value : undefined;
  if (packageValue && packageValue.kind !== 'str' && packageValue.kind !== 'none') return unknown('import_module() of a package that is not known', { loc: where, env: packageValue.env });
  if (nameValue.kind === 'str' && resolveName(nameValue.value, packageName) === undefined) {
    return interp.fail('ImportError', `import_module(${JSON.stringify(nameValue.value)}) is relative without a package`, where, nameValue.env, 'unresolved-import');
  }
  const dotted = selectedName(interp, nameValue, where, (name) => resolveName(name, packageName));
  if (dotted === undefined) {
    return unknown(nameValue.kind === 'unknown' ? `import_module(): ${nameValue.reason}` : 'import_module() of a name that is not known', { loc: where, env: nameValue.env });
  }
  if (!interp.isProjectTopLevel(dotted.split('.')[0]!)) return object(`ext:${dotted}`);
  const record = interp.importModule(dotted, where);
  return record ? record.object : missingModule(interp, dotted, where);
}

/** `exec(code)` / `exec(code, globals())` of a known string: its statements run in the caller's (or the module's) namespace. */
function execCall(interp: Interpreter, args: Args, where: FileLocation, scope: Scope): PyValue {
  const code = args.positional[0];
  if (!code) return none({ loc: where });
  let text = code.kind === 'str' ? code.value : undefined;
  const variable = undecidedVariable(interp, code);
  if (variable) interp.templateRequests.add(variable);
  if (text !== undefined) {
    for (const [standIn] of interp.standIns) {
      const token = new RegExp(`[\\w.]*${standIn}[\\w.]*`).exec(text)?.[0];
      if (!token) continue;
      const chosen = chooseForStandIn(interp, resolveName(token, interp.module?.package) ?? token, where, moduleCompletions(interp));
      const segment = chosen === undefined ? undefined : interp.templateChoices.get(interp.standIns.get(standIn)!)?.value;
      text = segment === undefined ? undefined : text.split(standIn).join(segment);
      break;
    }
  }
  if (text === undefined) return unknown(code.kind === 'unknown' ? `exec(): ${code.reason}` : 'exec() of code that is not known', { loc: where, env: code.env });
  const target = args.positional[1] ? scope.moduleScope() : scope;
  // Pad so the executed lines report the line of the exec() call.
  interp.runSourceInScope('\n'.repeat(Math.max(0, where.line - 1)) + text, interp.file, target);
  return none({ loc: where });
}
