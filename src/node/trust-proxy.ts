/**
 * Trusting every proxy hop: Express `app.set('trust proxy', true)` / `app.enable('trust proxy')` (also on
 * NestJS's Express app), Fastify `Fastify({ trustProxy: true })` and NestJS's `new FastifyAdapter({ trustProxy: true })`.
 * The client's address then becomes the left-most X-Forwarded-For entry, which the client writes itself.
 * A hop count, 'loopback' or a subnet list is the safe form; Koa's `app.proxy = true` only trusts the
 * X-Forwarded-* headers of the proxy in front (ips need `app.proxy` plus `maxIpsCount`) and is not reported.
 */
import type { FileLocation } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import type { JsApp, JsProgram, JsValue } from '../js/types.js';
import { confidenceOf, truthyOf } from '../js/values.js';
import { appCalls, callPlacement, canonicalCallee, weaker } from './app-uses.js';
import { isOff } from './option-state.js';

export interface TrustAllProxies {
  /** The code as written, for the message: "app.set('trust proxy', true)". */
  how: string;
  location: FileLocation;
  confidence: Confidence;
}

function isTrue(value: JsValue | undefined): value is JsValue {
  return value?.kind === 'boolean' && value.value;
}

function isTrustProxy(value: JsValue | undefined): boolean {
  return value?.kind === 'string' && value.value === 'trust proxy';
}

/** `app.set('trust proxy', …)` (anything but a falsy value) or `app.enable('trust proxy')` on a serving app. */
export function trustsProxy(program: JsProgram): boolean {
  const set = appCalls(program, 'set').some((call) => isTrustProxy(call.args[0]) && call.args[1] !== undefined && !isOff(call.args[1]));
  return set || appCalls(program, 'enable').some((call) => isTrustProxy(call.args[0]));
}

/** Koa's `app.proxy`: Koa itself checks it for truthiness (`if (this.app.proxy)`), so `app.proxy = 1` counts. */
export function koaTrustsProxy(app: JsApp | undefined): boolean {
  return app?.of === 'koa' && truthyOf(app.props.get('proxy')) === true;
}

const FASTIFY_FACTORIES = new Set(['fastify', 'fastify.fastify', '@nestjs/platform-fastify.FastifyAdapter']);

export function trustAllProxies(program: JsProgram): TrustAllProxies[] {
  const found: TrustAllProxies[] = [];
  for (const call of appCalls(program, 'set')) {
    const [name, value] = call.args;
    if (isTrustProxy(name) && isTrue(value)) {
      found.push({ how: "app.set('trust proxy', true)", location: value.loc ?? call.location, confidence: weaker(callPlacement(call), confidenceOf(value)) });
    }
  }
  for (const call of appCalls(program, 'enable')) {
    const [name] = call.args;
    if (isTrustProxy(name)) found.push({ how: "app.enable('trust proxy')", location: call.location, confidence: callPlacement(call) });
  }
  for (const call of program.calls) {
    if (!FASTIFY_FACTORIES.has(canonicalCallee(call.callee))) continue;
    const options = call.args[0];
    const value = options?.kind === 'object' ? options.props.get('trustProxy') : undefined;
    if (isTrue(value)) found.push({ how: '`trustProxy: true`', location: value.loc ?? call.location, confidence: weaker(callPlacement(call), confidenceOf(value)) });
  }
  return found;
}
