/**
 * Which middleware and plugins the listening app really runs: a `session({...})` call counts when its
 * result is handed to `app.use(...)` of the app production starts, and a Fastify plugin when it is
 * `app.register(plugin, options)` on it. A call in a branch the evaluator could not decide, or whose
 * result we could not follow to an app (a router, a wrapper), counts at `default` confidence; a call
 * registered only on an app that never listens does not count (dead code is not configuration).
 */
import type { Confidence } from '../core/severity.js';
import type { JsApp, JsCall, JsProgram, JsValue } from '../js/types.js';
import { appOf } from '../js/values.js';

export interface PackageUse {
  /** The package (or package export, dot-joined) that was called or registered, e.g. 'express-session', 'helmet.hsts'. */
  pkg: string;
  /** The factory call (`session({...})`) or the registration (`fastify.register(plugin, {...})`). */
  call: JsCall;
  /** The options object the package received, when any. */
  options: JsValue | undefined;
  /** The app it runs on, when known. */
  app: JsApp | undefined;
  /** `certain` when it runs on the listening app; `default` when it may not run or its app is unknown. */
  placement: Confidence;
}

/** The canonical name without ESM `default` export hops: 'express-session.default' → 'express-session'. */
export function canonicalCallee(callee: string): string {
  return callee.replace(/\.default(?=[.#]|$)/g, '');
}

function appById(program: JsProgram, id: number | undefined): JsApp | undefined {
  return id === undefined ? undefined : program.apps.find((app) => app.id === id);
}

/** The apps production serves: those that listen, or every app when the evaluator saw none listen. */
export function servingApps(program: JsProgram): JsApp[] {
  const listening = program.apps.filter((app) => app.listens);
  return listening.length ? listening : program.apps;
}

function placementOn(program: JsProgram, app: JsApp | undefined, call: JsCall): Confidence | undefined {
  if (app && !servingApps(program).includes(app)) return undefined;
  if (!app || !app.listens) return 'default';
  return callPlacement(call);
}

/** `default` for a call that may not run: in an undecided branch, or in one chosen because a variable is unset. */
export function callPlacement(call: JsCall): Confidence {
  return call.conditional || call.assumed ? 'default' : 'certain';
}

/** A plugin value handed to `register`: `require('@fastify/cors')`, `import cors from '@fastify/cors'`. */
function pluginName(value: JsValue | undefined): string | undefined {
  if (value?.kind !== 'module') return undefined;
  const path = value.path.filter((part) => part !== 'default');
  return [value.specifier, ...path].join('.');
}

/**
 * Every use of the given packages in the program, listening app's first: factory calls (`helmet(opts)`,
 * options at `optionsArg`) and Fastify registrations (`app.register(plugin, opts)`).
 */
export function packageUses(program: JsProgram, packages: readonly string[], optionsArg = 0): PackageUse[] {
  const wanted = new Set(packages);
  const uses: PackageUse[] = [];
  for (const call of program.calls) {
    const callee = canonicalCallee(call.callee);
    if (wanted.has(callee)) {
      const app = appOf(program, call);
      const placement = placementOn(program, app, call);
      if (placement) uses.push({ pkg: callee, call, options: call.args[optionsArg], app, placement });
      continue;
    }
    if (callee.endsWith('#register')) {
      const plugin = pluginName(call.args[0]);
      if (!plugin || !wanted.has(plugin)) continue;
      const app = appById(program, call.app);
      const placement = placementOn(program, app, call);
      if (placement) uses.push({ pkg: plugin, call, options: call.args[1], app, placement });
    }
  }
  return uses.sort((a, b) => Number(a.placement !== 'certain') - Number(b.placement !== 'certain'));
}

/**
 * How sure it is that code registered by a call (an error handler) or found in a route handler (a cookie it
 * sets) serves production: `certain` when it is on an app that listens, by a call that surely runs.
 */
export function handlerConfidence(program: JsProgram, call?: JsCall): Confidence {
  const app = appById(program, call?.app);
  const listens = app ? app.listens : program.apps.some((candidate) => candidate.listens);
  return listens && (!call || callPlacement(call) === 'certain') ? 'certain' : 'default';
}

/** Calls of an app method ('express#set', 'koa#use', …) made on a serving app, whatever the app's framework. */
export function appCalls(program: JsProgram, method: string): JsCall[] {
  const serving = servingApps(program);
  return program.calls.filter((call) => call.callee.endsWith(`#${method}`) && (call.app === undefined || serving.some((app) => app.id === call.app)));
}

/** The weaker of two confidences. */
export function weaker(a: Confidence | undefined, b: Confidence | undefined): Confidence {
  return a === 'default' || b === 'default' ? 'default' : 'certain';
}
