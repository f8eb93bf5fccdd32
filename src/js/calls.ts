/**
 * Calls: `require()`, dynamic `import()`, package exports (recorded with their canonical callee name:
 * 'express-session', 'jsonwebtoken.sign', '@nestjs/core.NestFactory.create'), methods of app instances
 * ('express#use'), project functions (run), built-ins. Every recorded call keeps its evaluated arguments.
 */
import type * as t from '@babel/types';
import type { FileLocation } from '../core/location.js';
import { appFactoryResult, callInstanceMethod } from './apps.js';
import { callGlobal, callPath, callValueMethod } from './builtins.js';
import { type Ctx, here } from './context.js';
import { loadDotenvConfig, loadNestConfig, loadNodeEnvFile } from './dotenv.js';
import { evalExpr } from './expressions.js';
import { invoke, NEW_TARGET, recordCallback } from './functions.js';
import { GLOBAL_SPECIFIER, rootedPath } from './globals.js';
import { requireValue } from './loader.js';
import { resolveSpecifier } from './modules.js';
import { memberOf, moduleMember, propertyKey } from './members.js';
import type { JsCall, JsValue } from './types.js';
import { str, unknown } from './values.js';

type CallNode = t.CallExpression | t.OptionalCallExpression | t.NewExpression;
type ModuleValue = Extract<JsValue, { kind: 'module' }>;

/** Packages whose export returns its argument (a plugin wrapper): `fastify-plugin`. */
const PASS_THROUGH = new Set(['fastify-plugin']);

function evalArgs(ctx: Ctx, node: CallNode): JsValue[] {
  const args: JsValue[] = [];
  for (const arg of node.arguments) {
    if (arg.type === 'SpreadElement') {
      const spread = evalExpr(ctx, arg.argument);
      if (spread.kind === 'array') args.push(...spread.items);
      else args.push(unknown('spread argument', { loc: here(ctx, arg) }));
    } else if (arg.type === 'ArgumentPlaceholder') {
      args.push(unknown('placeholder', { loc: here(ctx, arg) }));
    } else {
      args.push(evalExpr(ctx, arg));
    }
  }
  return args;
}

/** `require(x)` / `import(x)`: x is usually a literal, sometimes a constant (`const src = './index'`). */
function moduleImport(ctx: Ctx, node: CallNode, namespace: boolean): JsValue {
  const loc = here(ctx, node);
  const [specifier] = evalArgs(ctx, node);
  if (specifier?.kind !== 'string') return unknown(`${namespace ? 'import' : 'require'} of a computed path`, { loc });
  if (ctx.it.skipped) {
    // A skipped branch loads no project module; a package binding is cheap and names its calls.
    const resolution = resolveSpecifier(ctx.it.workspace, ctx.it.files, ctx.mod.file, specifier.value);
    return resolution.kind === 'external' ? { kind: 'module', specifier: resolution.specifier, path: [], loc } : unknown('import in a skipped branch', { loc });
  }
  if (specifier.value === 'dotenv/config') loadDotenvConfig(ctx, [], loc);
  return requireValue(ctx, specifier.value, loc, namespace);
}

export function evalCall(ctx: Ctx, node: CallNode): JsValue {
  const loc = here(ctx, node);
  const isNew = node.type === 'NewExpression';
  const callee = node.callee;
  if (callee.type === 'Import') return moduleImport(ctx, node, true);
  if (callee.type === 'Identifier' && callee.name === 'require' && !isNew && !ctx.scope.lookup('require')) return moduleImport(ctx, node, false);
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && callee.object.type !== 'Super') {
    const target = evalExpr(ctx, callee.object);
    if ((target.kind === 'undefined' || target.kind === 'null') && (callee.type === 'OptionalMemberExpression' || node.type === 'OptionalCallExpression')) {
      return { kind: 'undefined', loc };
    }
    const key = propertyKey(ctx, callee.property, callee.computed);
    const args = evalArgs(ctx, node);
    if (ctx.it.skipped) return skippedCall(ctx, target.kind === 'module' && key !== undefined ? moduleMember(target, key, loc) : undefined, args, loc, isNew);
    return callMethod(ctx, target, key, args, loc, isNew);
  }
  if (callee.type === 'V8IntrinsicIdentifier' || callee.type === 'Super') {
    evalArgs(ctx, node);
    return unknown(callee.type, { loc });
  }
  const calleeValue = evalExpr(ctx, callee);
  const args = evalArgs(ctx, node);
  if (ctx.it.skipped) return skippedCall(ctx, calleeValue, args, loc, isNew);
  if (callee.type === 'Identifier') {
    const binding = ctx.scope.lookup(callee.name);
    if (binding?.parameterOf) recordCallback(ctx.it, binding.parameterOf, args);
  }
  if (calleeValue.kind === 'undefined' && node.type === 'OptionalCallExpression') return { kind: 'undefined', loc };
  return callValue(ctx, calleeValue, args, loc, isNew);
}

/** A call in a branch skipped because a variable is unset: not run; a package call is noted with its arguments. */
function skippedCall(ctx: Ctx, callee: JsValue | undefined, args: JsValue[], location: FileLocation, isNew: boolean): JsValue {
  if (callee?.kind === 'module' && callee.specifier !== GLOBAL_SPECIFIER) {
    const call: JsCall = { callee: [callee.specifier, ...callee.path].join('.'), args, location, assumed: true };
    if (isNew) call.isNew = true;
    ctx.it.skippedCalls.push(call);
  }
  return unknown('in a branch production skips', { loc: location, env: ctx.it.assumed });
}

/** `target.key(...args)`. */
function callMethod(ctx: Ctx, target: JsValue, key: string | undefined, args: JsValue[], loc: FileLocation, isNew: boolean): JsValue {
  if (key === undefined) return unknown('method not known', { loc });
  if (key === 'then' && args[0]?.kind === 'function') return thenCallback(ctx, target, args[0], loc);
  if (target.kind === 'instance' && !isNew) {
    const call = record(ctx, `${target.of}#${key}`, args, loc, false);
    call.on = target.id;
    const result = callInstanceMethod(ctx, target, key, args, call);
    if (result.kind === 'instance') call.result = result;
    return result;
  }
  if (target.kind === 'module') {
    if (target.specifier === 'require' && target.path.length === 0 && key === 'resolve') return unknown('require.resolve', { loc });
    return callModule(ctx, moduleMember(target, key, loc) as ModuleValue, args, loc, isNew);
  }
  if (target.kind === 'string' || target.kind === 'array') {
    const result = callValueMethod(ctx, target, key, args, loc);
    if (result) return result;
  }
  const method = memberOf(ctx, target, key, loc);
  if (method.kind === 'function') return callValue(ctx, method, args, loc, isNew, target);
  return unknown(`${key}() of a value not known`, target.env ? { loc, env: target.env } : { loc });
}

/**
 * `promise.then(fn)`: promises are transparent (as `await` is), so fn runs with the value itself (an instance
 * from `NestFactory.create(…)`), or with an unknown one. `.catch` handlers stay uncalled (conditional).
 */
function thenCallback(ctx: Ctx, target: JsValue, callback: Extract<JsValue, { kind: 'function' }>, loc: FileLocation): JsValue {
  const closure = ctx.it.closures.get(callback.fn);
  if (!closure) return unknown('then callback', { loc });
  const resolved = target.kind === 'instance' ? target : unknown('resolved value', { loc });
  return invoke(ctx, closure, [resolved]);
}

/** Calling a value: a package export, a project function, an instance (a factory's product: `RedisStore(…)`). */
function callValue(ctx: Ctx, value: JsValue, args: JsValue[], loc: FileLocation, isNew: boolean, thisValue?: JsValue): JsValue {
  switch (value.kind) {
    case 'module':
      return callModule(ctx, value, args, loc, isNew);
    case 'function': {
      const closure = ctx.it.closures.get(value.fn);
      if (!closure) return unknown('function not known', { loc });
      return invoke(ctx, closure, args, isNew ? NEW_TARGET : thisValue);
    }
    case 'instance': {
      const call = record(ctx, `${value.of}()`, args, loc, isNew);
      const result: JsValue = { kind: 'instance', of: call.callee, id: ctx.it.id(), loc };
      call.result = result;
      return result;
    }
    default:
      return unknown('call of a value not known', value.env ? { loc, env: value.env } : { loc });
  }
}

function record(ctx: Ctx, callee: string, args: JsValue[], location: FileLocation, isNew: boolean): JsCall {
  const call: JsCall = { callee, args, location };
  if (isNew) call.isNew = true;
  if (ctx.it.conditional) call.conditional = true;
  if (ctx.it.assumed.length) call.assumed = true;
  ctx.it.calls.push(call);
  return call;
}

/** A package export called: recorded, with what it returns modelled (an app, a server, a passed-through plugin, an instance). */
function callModule(ctx: Ctx, value: ModuleValue, args: JsValue[], loc: FileLocation, isNew: boolean): JsValue {
  const { specifier, path } = value;
  if (specifier === GLOBAL_SPECIFIER) return callGlobal(ctx, path, args, loc);
  if (specifier === 'process') {
    if (path.join('.') === 'loadEnvFile') loadNodeEnvFile(ctx, args, loc);
    return path.join('.') === 'cwd' ? str(rootedPath(ctx.it.cwd), { loc }) : unknown(`process.${path.join('.')}()`, { loc });
  }
  if (specifier === 'require') return unknown('require member', { loc });
  const callee = [specifier, ...path].join('.');
  const call = record(ctx, callee, args, loc, isNew);
  if (specifier === 'path' && path.length === 1) {
    const result = callPath(ctx, path[0]!, args, loc);
    if (result) return result;
  }
  if (callee === 'dotenv.config' || callee === 'dotenv.configDotenv') loadDotenvConfig(ctx, args, loc);
  if (callee === '@nestjs/config.ConfigModule.forRoot') loadNestConfig(ctx, args, loc);
  if (PASS_THROUGH.has(callee) && args[0]) return args[0];
  const result: JsValue = appFactoryResult(ctx, callee, args, loc) ?? { kind: 'instance', of: callee, id: ctx.it.id(), loc };
  call.result = result;
  return result;
}
