import type { PyNode as SyntaxNode } from './syntax.js';
import type { Args, Interpreter } from './evaluator.js';
import { Scope } from './scope.js';
import type { Mark } from './scope.js';
import type { FileLocation } from '../core/location.js';
import type { EnvRead, PyValue } from './value.js';
import type { FunctionDefinition } from './internals.js';
import { setInternal } from './internals.js';
import { ReturnSignal } from './signals.js';
import { evalExpr } from './expressions.js';
import { assignedNames, execBlock, mayChange, placeOf, writtenNames } from './statements.js';
import { joinValues } from './branches.js';
import { envOf, mergeEnv, none, object, tuple, unknown, withMeta } from './value-ops.js';

/** Defining and calling the functions and lambdas of the project. */

/** Calls nested deeper than this (recursion, mostly) give an unknown result. */
const MAX_CALL_DEPTH = 8;

/** Decorators that leave a function's behaviour as written. */
const TRANSPARENT_DECORATORS = /^@(functools\.)?(lru_cache|cache)(\(.*\))?$|^@staticmethod$/s;

/** One running call: what its `return`s under undecidable conditions and its decided conditions leave behind. */
export interface CallFrame {
  name: string;
  /** Values returned on paths that an undecidable condition may or may not take, and what it depends on. */
  pendingReturns: { value: PyValue; reason: string }[];
  /** Env reads of decided conditions that chose between paths with different `return`s. */
  controlEnv: EnvRead[] | undefined;
}

interface Parameter {
  name: string;
  kind: 'normal' | 'keyword-only' | 'varargs' | 'varkw';
}

/** The function object a `def` (possibly decorated) or `lambda` evaluates to. */
export function defineFunction(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  const name = definition?.type === 'lambda' ? '<lambda>' : (definition?.childForFieldName('name')?.text ?? '<function>');
  const decorators = node.type === 'decorated_definition' ? node.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c!.text) : [];
  const fn = object('function', { loc: interp.here(node) });
  const callable = definition && decorators.every((d) => TRANSPARENT_DECORATORS.test(d.trim()));
  setInternal(fn, {
    tag: 'function',
    name,
    property: decorators.some((d) => /property/.test(d)),
    ...(callable
      ? {
          definition: {
            node: definition,
            // Methods do not see their class body: their free names are the module's.
            closure: scope.kind === 'class' ? (scope.parent ?? scope) : scope,
            module: interp.module,
            file: interp.file,
            defaults: evalDefaults(interp, definition, scope),
          },
        }
      : {}),
  });
  return fn;
}

function evalDefaults(interp: Interpreter, definition: SyntaxNode, scope: Scope): Map<string, PyValue> {
  const defaults = new Map<string, PyValue>();
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (parameter?.type !== 'default_parameter' && parameter?.type !== 'typed_default_parameter') continue;
    const name = parameter.childForFieldName('name')?.text;
    const value = parameter.childForFieldName('value');
    if (name && value) defaults.set(name, evalExpr(interp, value, scope));
  }
  return defaults;
}

function parametersOf(definition: SyntaxNode): Parameter[] {
  const out: Parameter[] = [];
  let keywordOnly = false;
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!parameter) continue;
    const inner = parameter.type === 'typed_parameter' ? (parameter.namedChildren[0] ?? parameter) : parameter;
    switch (inner.type) {
      case 'identifier':
        out.push({ name: inner.text, kind: keywordOnly ? 'keyword-only' : 'normal' });
        break;
      case 'default_parameter':
      case 'typed_default_parameter': {
        const name = inner.childForFieldName('name')?.text;
        if (name) out.push({ name, kind: keywordOnly ? 'keyword-only' : 'normal' });
        break;
      }
      case 'list_splat_pattern':
        keywordOnly = true;
        if (inner.namedChildren[0]) out.push({ name: inner.namedChildren[0].text, kind: 'varargs' });
        break;
      case 'dictionary_splat_pattern':
        if (inner.namedChildren[0]) out.push({ name: inner.namedChildren[0].text, kind: 'varkw' });
        break;
      case 'keyword_separator':
        keywordOnly = true;
        break;
      default:
        break;
    }
  }
  return out;
}

/** Bind call arguments to parameters in a new local scope; a message when Python raises TypeError. */
function bind(definition: FunctionDefinition, name: string, args: Args, local: Scope): string | undefined {
  const parameters = parametersOf(definition.node);
  const positional = [...args.positional];
  const keywords = new Map(args.keywords);
  const extra: PyValue[] = [];
  for (const parameter of parameters) {
    if (parameter.kind === 'normal' && positional.length) {
      if (keywords.has(parameter.name)) return `${name}() got multiple values for argument '${parameter.name}'`;
      local.set(parameter.name, positional.shift()!);
    }
  }
  extra.push(...positional);
  for (const parameter of parameters) {
    if (parameter.kind === 'varargs') {
      local.set(parameter.name, tuple(extra.splice(0)));
    } else if (parameter.kind === 'varkw') continue;
    else if (local.values.has(parameter.name)) continue;
    else if (keywords.has(parameter.name)) {
      local.set(parameter.name, keywords.get(parameter.name)!);
      keywords.delete(parameter.name);
    } else {
      const fallback = definition.defaults.get(parameter.name);
      if (!fallback) return `${name}() missing required argument '${parameter.name}'`;
      local.set(parameter.name, fallback);
    }
  }
  if (extra.length) return `${name}() takes ${parameters.filter((p) => p.kind === 'normal').length} positional arguments but ${args.positional.length} were given`;
  const varkw = parameters.find((p) => p.kind === 'varkw');
  if (varkw) {
    local.set(varkw.name, { kind: 'dict', entries: [...keywords].map(([key, value]) => ({ key: { kind: 'str', value: key }, value })) });
  } else if (keywords.size) return `${name}() got an unexpected keyword argument '${[...keywords.keys()][0]!}'`;
  return undefined;
}

/**
 * Run a project function on known arguments: its body runs in a new local scope with the same
 * statement machinery, and its return value keeps the env reads it was computed from.
 */
export function callFunction(interp: Interpreter, name: string, definition: FunctionDefinition, args: Args, node: SyntaxNode): PyValue {
  const where = interp.here(node);
  const argumentEnv = envOf(...args.positional, ...args.keywords.values());
  const body = definition.node.childForFieldName('body');
  if (!body) return unknown(`${name}() has no body`, { loc: where });
  const local = new Scope(definition.closure, 'function');
  const unbound = body.type === 'block' ? declareOuterNames(local, body) : undefined;
  // A call that is not run may still have changed names outside it: those it declares global or
  // nonlocal, and those it mutates (`MIDDLEWARE.append(…)`) without binding them.
  const notRun = (reason: string): PyValue => {
    const written = writtenNames(body);
    const parameters = new Set(parametersOf(definition.node).map((parameter) => parameter.name));
    for (const outer of assignedNames(body)) {
      const place = placeOf(local, outer, written);
      if (place !== local && !parameters.has(outer) && mayChange(local, outer, written)) {
        place.set(outer, unknown(`changed by ${name}(), which ${reason}`, { loc: where }), interp.statement);
      }
    }
    return unknown(`${name}() ${reason}`, { loc: where, env: argumentEnv });
  };
  if (args.opaque) return notRun('is called with *args/**kwargs that are not known');
  if (interp.frames.length >= MAX_CALL_DEPTH) return notRun(`is called ${MAX_CALL_DEPTH} calls deep (recursion is not followed)`);
  if (unbound) return notRun(`declares nonlocal ${unbound}, which no enclosing function binds`);
  const failure = bind(definition, name, args, local);
  if (failure) return interp.fail('TypeError', `TypeError: ${failure}`, where, argumentEnv);
  const saved = { file: interp.file, module: interp.module, statement: interp.statement };
  const frame: CallFrame = { name, pendingReturns: [], controlEnv: undefined };
  const callStart = local.mark();
  interp.file = definition.file;
  interp.module = definition.module;
  interp.frames.push(frame);
  let result: PyValue = none({ loc: where });
  try {
    if (body.type === 'block') execBlock(interp, body, local);
    else result = evalExpr(interp, body, local);
  } catch (error) {
    if (!(error instanceof ReturnSignal)) throw error;
    result = error.value;
  } finally {
    interp.frames.pop();
    Object.assign(interp, saved);
  }
  for (const pending of frame.pendingReturns) {
    result = joinValues(pending.value, result, `${name}() returns different values: ${pending.reason}`, undefined);
  }
  if (frame.pendingReturns.length) joinEarlyReturns(local, callStart, `${name}() may return early: ${frame.pendingReturns[0]!.reason}`, where);
  return withMeta(result, { env: mergeEnv(frame.controlEnv) });
}

/**
 * A call that may have returned early (on a path that depends on something unknown) may not have
 * made the writes outside the function that come after that return: each such write joins with the
 * value from before the call, so only what holds either way stays certain.
 */
function joinEarlyReturns(local: Scope, callStart: Mark, reason: string, where: FileLocation): void {
  for (const [owner, names] of local.allChangesSince(callStart)) {
    if (owner === local) continue;
    for (const [name, prior] of names) {
      const before = prior.had ? prior.prev : undefined;
      const after = owner.values.get(name);
      if (before !== after) owner.set(name, joinValues(before, after, reason, undefined), owner.assignedAt.get(name) ?? where);
    }
  }
}

/**
 * Apply a function body's `global` and `nonlocal` statements (wherever they are in it, as Python
 * does; not looking into nested functions) to its local scope. Returns a nonlocal name that no
 * enclosing function binds, if any.
 */
function declareOuterNames(local: Scope, block: SyntaxNode): string | undefined {
  let unbound: string | undefined;
  const pending = [...block.namedChildren];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') continue;
    const names = node.namedChildren.filter((c) => c.type === 'identifier').map((c) => c.text);
    if (node.type === 'global_statement') for (const name of names) local.declareGlobal(name);
    else if (node.type === 'nonlocal_statement') for (const name of names) if (!local.declareNonlocal(name)) unbound ??= name;
    else pending.push(...node.namedChildren);
  }
  return unbound;
}

/** Whether a block `return`s somewhere (not counting nested functions). */
export function containsReturn(block: SyntaxNode | null): boolean {
  if (!block) return false;
  const pending = [...block.namedChildren];
  while (pending.length) {
    const node = pending.pop()!;
    if (node.type === 'return_statement') return true;
    if (node.type === 'function_definition' || node.type === 'class_definition' || node.type === 'lambda') continue;
    pending.push(...node.namedChildren);
  }
  return false;
}
