/**
 * Function values: created as closures, run when the code calls them (`bootstrap()`, `require('./routes')(app)`),
 * and, at the end, the ones nothing called (handlers, callbacks) run once with unknown arguments so that their
 * calls are seen (as conditional) and their return value is known when it does not depend on the arguments.
 */
import type * as t from '@babel/types';
import { bindPattern } from './assign.js';
import { type Ctx, here } from './context.js';
import { evalExpr, undecided } from './expressions.js';
import { propertyKey } from './members.js';
import { sameValue } from './operators.js';
import { Scope } from './scope.js';
import { type ClassInfo, type Closure, type Frame, type Interp, MAX_DEPTH, MAX_UNCALLED_RUNS } from './state.js';
import { evalFunctionBody } from './statements.js';
import type { JsFunction, JsValue } from './types.js';
import { mergeEnv, unknown } from './values.js';

/** Calls nested deeper than this return unknown (long chains). */
const MAX_CALL_DEPTH = 12;
/** Runs of one function per program; later calls return unknown (helpers called from many places). */
const MAX_RUNS_PER_FUNCTION = 24;

function paramName(param: t.Node): string {
  switch (param.type) {
    case 'Identifier':
      return param.name;
    case 'AssignmentPattern':
      return paramName(param.left);
    case 'RestElement':
      return `...${paramName(param.argument)}`;
    case 'TSParameterProperty':
      return paramName(param.parameter);
    default:
      return '';
  }
}

function register(ctx: Ctx, node: t.Function | t.Class, params: t.Node[]): JsValue {
  const loc = here(ctx, node);
  const fn: JsFunction = { file: ctx.mod.file, loc, params: params.map(paramName), node };
  const closure: Closure = { fn, node, scope: ctx.scope, module: ctx.mod, ran: false, runs: 0 };
  ctx.it.closures.set(fn, closure);
  // A function written in a skipped branch does not exist in production: it is not run as a handler either.
  if (ctx.it.skipped) closure.ran = true;
  else ctx.it.uncalled.push(closure);
  return { kind: 'function', fn, loc };
}

export function makeFunction(ctx: Ctx, node: t.Function): JsValue {
  return register(ctx, node, node.params);
}

/**
 * A class: its decorators are evaluated (NestJS `@Module({ imports: [JwtModule.register({…})] })`), its methods
 * become functions (run by calls on its instances, else with unknown arguments at the end); `new` of it runs
 * its field initializers and constructor with `this` bound to a new object.
 */
export function makeClass(ctx: Ctx, node: t.Class): JsValue {
  for (const decorator of node.decorators ?? []) evalExpr(ctx, decorator.expression);
  const superClass = node.superClass ? evalExpr(ctx, node.superClass) : undefined;
  const value = register(ctx, node, []);
  const closure = ctx.it.closures.get((value as Extract<JsValue, { kind: 'function' }>).fn)!;
  closure.ran = true;
  const bodyScope = new Scope(ctx.scope);
  bodyScope.declare('this', unknown('this'), ctx.it.conditional);
  const inClass: Ctx = { ...ctx, scope: bodyScope };
  const info: ClassInfo = { methods: new Map(), fields: [], scope: bodyScope, ...(superClass ? { superClass } : {}) };
  ctx.it.classes.set(closure, info);
  for (const member of node.body.body) {
    for (const decorator of ('decorators' in member ? member.decorators : undefined) ?? []) evalExpr(inClass, decorator.expression);
    if (member.type === 'ClassMethod' || member.type === 'ClassPrivateMethod') {
      for (const param of member.params) {
        for (const decorator of ('decorators' in param ? param.decorators : undefined) ?? []) evalExpr(inClass, decorator.expression);
      }
      const method = makeFunction(inClass, member);
      const key = member.type === 'ClassMethod' ? propertyKey(inClass, member.key, member.computed) : undefined;
      if (member.kind === 'constructor') info.init = ctx.it.closures.get((method as Extract<JsValue, { kind: 'function' }>).fn);
      else if (key !== undefined && member.kind === 'method' && !member.static) info.methods.set(key, method);
    } else if (member.type === 'ClassProperty' && member.value) {
      const key = propertyKey(inClass, member.key, member.computed);
      if (member.static) evalExpr(inClass, member.value);
      else if (key !== undefined) info.fields.push({ key, node: member.value });
    }
  }
  return value;
}

/** A method of a project class instance, its superclasses' included. */
export function classMethod(it: Interp, object: object, key: string): JsValue | undefined {
  let info = it.instanceOf.get(object);
  for (let depth = 0; info && depth < 8; depth++) {
    const method = info.methods.get(key);
    if (method) return method;
    const parent = info.superClass?.kind === 'function' ? it.closures.get(info.superClass.fn) : undefined;
    info = parent ? it.classes.get(parent) : undefined;
  }
  return undefined;
}

/** `new ProjectClass(…args)`: an object whose fields and constructor ran with `this` bound to it. */
function construct(ctx: Ctx, closure: Closure, info: ClassInfo, args: JsValue[]): JsValue {
  const self: Extract<JsValue, { kind: 'object' }> = { kind: 'object', props: new Map(), partial: true, loc: closure.fn.loc };
  ctx.it.instanceOf.set(self, info);
  if (ctx.it.conditional) ctx.it.createdAt.set(self, ctx.it.conditional);
  const scope = new Scope(info.scope);
  scope.declare('this', self, ctx.it.conditional);
  const inner: Ctx = { it: ctx.it, scope, mod: closure.module };
  for (const field of info.fields) self.props.set(field.key, evalExpr(inner, field.node));
  if (info.init) invoke(ctx, info.init, args, self);
  return self;
}

function isClass(node: t.Function | t.Class): node is t.Class {
  return node.type === 'ClassDeclaration' || node.type === 'ClassExpression';
}

/** The value a finished frame gives its caller: the one value every path returns, else unknown. */
function resultOf(frame: Frame, values: JsValue[]): JsValue {
  const first = values[0];
  if (!first) return { kind: 'undefined' };
  if (values.every((value) => sameValue(first, value))) return first;
  const env = mergeEnv(...values.map((value) => value.env));
  return unknown(`${frame.closure.fn.params.length ? 'result' : 'return value'} depends on a branch`, env ? { env } : {});
}

/** Passed as `this` to invoke a class: `new`. */
export const NEW_TARGET: JsValue = { kind: 'unknown', reason: 'new' };

/** Run a function with these arguments; undefined arguments are `undefined`. */
export function invoke(ctx: Ctx, closure: Closure, args: JsValue[], thisValue?: JsValue, asCallback = false): JsValue {
  const { it } = ctx;
  if (isClass(closure.node)) {
    const info = it.classes.get(closure);
    return info && thisValue === NEW_TARGET ? construct(ctx, closure, info, args) : unknown('instance of a project class', { loc: closure.fn.loc });
  }
  if (it.frames.length >= MAX_CALL_DEPTH || it.depth >= MAX_DEPTH - 20) return unknown('calls nested too deeply to follow', { loc: closure.fn.loc });
  if (it.frames.some((frame) => frame.closure === closure)) return unknown('recursive call', { loc: closure.fn.loc });
  if (closure.runs >= MAX_RUNS_PER_FUNCTION) return unknown('function run too many times to follow', { loc: closure.fn.loc });
  closure.runs++;
  closure.ran = true;
  const node = closure.node;
  const scope = new Scope(closure.scope, true);
  const frame: Frame = { closure, returns: [], callbacks: [], fallsThrough: false };
  const inner: Ctx = { it, scope, mod: closure.module };
  if (node.type !== 'ArrowFunctionExpression') scope.declare('this', thisValue ?? unknown('this'), it.conditional);
  const last = node.params.length - 1;
  node.params.forEach((param, index) => {
    const value = param.type === 'RestElement' ? { kind: 'array' as const, items: args.slice(index) } : (args[index] ?? { kind: 'undefined' as const });
    bindPattern(inner, param, value, (name, item) => {
      scope.declare(name, item, it.conditional, asCallback && index === last ? { parameterOf: closure } : {});
    });
  });
  it.frames.push(frame);
  it.depth++;
  try {
    if (node.body.type !== 'BlockStatement') {
      frame.returns.push(evalExpr(inner, node.body));
    } else {
      const completion = evalFunctionBody(inner, node.body.body);
      if (completion.type === 'normal' || completion.type === 'break' || completion.type === 'continue') frame.fallsThrough = true;
    }
  } finally {
    it.depth--;
    it.frames.pop();
  }
  const values = frame.fallsThrough ? [...frame.returns, { kind: 'undefined' } as JsValue] : frame.returns;
  const result = resultOf(frame, values);
  if (asCallback) closure.fn.returns = decidedReturn(frame, result);
  return result;
}

/** What a function run with unknown arguments always gives: its callback's second argument (`cb(null, true)`), else its return value. */
function decidedReturn(frame: Frame, result: JsValue): JsValue | undefined {
  const chosen = frame.callbacks.length ? resultOf(frame, frame.callbacks) : result;
  if (chosen.kind === 'unknown' && !chosen.reason.startsWith('parameter ')) return undefined;
  return chosen;
}

/** A call of the function's callback parameter seen while it runs with unknown arguments. */
export function recordCallback(it: Interp, closure: object, args: JsValue[]): void {
  const frame = it.frames[it.frames.length - 1];
  if (frame?.closure === closure) frame.callbacks.push(args[1] ?? { kind: 'undefined' });
}

/** Run, as conditional code, every function nothing called (their own nested functions included), bounded. */
export function runUncalled(it: Interp): void {
  let runs = 0;
  for (let index = 0; index < it.uncalled.length && runs < MAX_UNCALLED_RUNS; index++) {
    const closure = it.uncalled[index]!;
    if (closure.ran) continue;
    runs++;
    const ctx: Ctx = { it, scope: closure.scope, mod: closure.module };
    const args = closure.fn.params.map((name) => unknown(`parameter ${name}`, { loc: closure.fn.loc }));
    undecided(ctx, () => invoke(ctx, closure, args, undefined, true));
  }
}
