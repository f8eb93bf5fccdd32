/**
 * Auth cookies a request handler sets itself: Express `res.cookie(name, value, options)`, Fastify
 * `reply.setCookie(…)` (@fastify/cookie), Koa `ctx.cookies.set(…)`. The evaluator does not run handler
 * bodies with known arguments, so their source is read: the handlers handed to an app or router method
 * (`app.get('/login', (req, res) => …)`), walked iteratively, and only options written as an object
 * literal with literal values are judged. Only cookies whose literal name says they carry a session or a
 * token count. Defaults (their READMEs): res.cookie and setCookie send neither Secure nor HttpOnly nor
 * SameSite; Koa's cookies are HttpOnly, Secure on requests Koa sees as HTTPS (behind a proxy: with `app.proxy`), without SameSite.
 */
import type { FileLocation } from '../core/location.js';
import type { JsFunction, JsProgram, JsValue } from '../js/types.js';
import { servingApps } from './app-uses.js';

export type CookieSetter = 'res.cookie' | 'reply.setCookie' | 'ctx.cookies.set';

/** An attribute as written: a literal, absent, or written with a value the source alone does not tell. */
export type WrittenAttribute = { state: 'literal'; value: boolean | string } | { state: 'absent' } | { state: 'unknown' };

export interface HandlerCookie {
  setter: CookieSetter;
  name: string;
  location: FileLocation;
  attribute(key: 'secure' | 'httpOnly' | 'sameSite'): WrittenAttribute;
}

/** Cookie names that carry a session id or a credential. */
const AUTH_COOKIE = /token|sess|sid|auth|jwt|access|refresh|login|remember|credential/i;
/** Nodes visited per handler at most. */
const MAX_NODES = 5000;

type Node = { type: string; loc?: { start: { line: number; column: number } }; [key: string]: unknown };

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as Node).type === 'string';
}

function identifierName(node: unknown): string | undefined {
  return isNode(node) && node.type === 'Identifier' ? String(node.name) : undefined;
}

function propertyName(node: Node): string | undefined {
  const key = node.computed ? undefined : node.property;
  return identifierName(key);
}

/** Which setter a call is, given the handler's parameter names. */
function setterOf(call: Node, params: ReadonlySet<string>): CookieSetter | undefined {
  const callee = call.callee;
  if (!isNode(callee) || callee.type !== 'MemberExpression') return undefined;
  const method = propertyName(callee);
  const target = callee.object;
  const owner = identifierName(target);
  if (owner && params.has(owner)) {
    if (method === 'cookie') return 'res.cookie';
    if (method === 'setCookie') return 'reply.setCookie';
    return undefined;
  }
  if (method === 'set' && isNode(target) && target.type === 'MemberExpression' && propertyName(target) === 'cookies') {
    const ctx = identifierName(target.object);
    if (ctx && params.has(ctx)) return 'ctx.cookies.set';
  }
  return undefined;
}

function literalOf(node: unknown): boolean | string | undefined {
  if (!isNode(node)) return undefined;
  if (node.type === 'BooleanLiteral' || node.type === 'StringLiteral') return node.value as boolean | string;
  return undefined;
}

/** The attributes of an options argument: an object literal without spreads, or nothing (every default). */
function attributesOf(options: unknown): ((key: string) => WrittenAttribute) | undefined {
  if (options === undefined) return () => ({ state: 'absent' });
  if (!isNode(options) || options.type !== 'ObjectExpression') return undefined;
  const properties = Array.isArray(options.properties) ? (options.properties as unknown[]) : [];
  if (properties.some((property) => !isNode(property) || property.type !== 'ObjectProperty' || property.computed)) return undefined;
  return (key) => {
    const property = (properties as Node[]).find((candidate) => {
      const name = identifierName(candidate.key) ?? (isNode(candidate.key) && candidate.key.type === 'StringLiteral' ? String(candidate.key.value) : undefined);
      return name === key;
    });
    if (!property) return { state: 'absent' };
    const value = literalOf(property.value);
    return value === undefined ? { state: 'unknown' } : { state: 'literal', value };
  };
}

/** Every function value among a call's arguments (middleware arrays included). */
function handlersIn(args: readonly JsValue[]): JsFunction[] {
  return args.flatMap((arg) => (arg.kind === 'function' ? [arg.fn] : arg.kind === 'array' ? arg.items.flatMap((item) => (item.kind === 'function' ? [item.fn] : [])) : []));
}

function cookiesIn(fn: JsFunction): HandlerCookie[] {
  const found: HandlerCookie[] = [];
  const params = new Set(fn.params);
  const stack: unknown[] = [fn.node];
  let visited = 0;
  while (stack.length && visited < MAX_NODES) {
    const node = stack.pop();
    if (!isNode(node)) continue;
    visited++;
    if (node.type === 'CallExpression') {
      const setter = setterOf(node, params);
      const args = Array.isArray(node.arguments) ? (node.arguments as unknown[]) : [];
      const name = literalOf(args[0]);
      const attributes = setter && typeof name === 'string' && AUTH_COOKIE.test(name) ? attributesOf(args[2]) : undefined;
      if (setter && typeof name === 'string' && attributes && node.loc) {
        found.push({ setter, name, location: { file: fn.file, line: node.loc.start.line, column: node.loc.start.column + 1 }, attribute: attributes });
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments') continue;
      if (Array.isArray(child)) stack.push(...child);
      else if (isNode(child)) stack.push(child);
    }
  }
  return found;
}

const walked = new WeakMap<JsProgram, HandlerCookie[]>();

/** Auth cookies set by the handlers registered on apps and routers, once each (walked once per program). */
export function handlerCookies(program: JsProgram): HandlerCookie[] {
  let found = walked.get(program);
  if (!found) {
    found = walkHandlers(program);
    walked.set(program, found);
  }
  return found;
}

function walkHandlers(program: JsProgram): HandlerCookie[] {
  const seen = new Set<unknown>();
  const where = new Set<string>();
  const found: HandlerCookie[] = [];
  for (const call of program.calls) {
    if (!call.callee.includes('#')) continue;
    for (const fn of handlersIn(call.args)) {
      if (seen.has(fn.node)) continue;
      seen.add(fn.node);
      for (const cookie of cookiesIn(fn)) {
        const key = `${cookie.location.file}:${cookie.location.line}:${cookie.location.column}`;
        if (where.has(key)) continue;
        where.add(key);
        found.push(cookie);
      }
    }
  }
  return found;
}

/** What each setter does with an attribute that is not written. */
const DEFAULTS: Record<CookieSetter, Record<'secure' | 'httpOnly' | 'sameSite', 'off' | 'on' | 'request'>> = {
  'res.cookie': { secure: 'off', httpOnly: 'off', sameSite: 'off' },
  'reply.setCookie': { secure: 'off', httpOnly: 'off', sameSite: 'off' },
  'ctx.cookies.set': { secure: 'request', httpOnly: 'on', sameSite: 'off' },
};

/**
 * Why a handler cookie's attribute is off, or undefined when it is on or cannot be known: written false
 * (or SameSite false/'none' for sameSite), or absent where the setter's default is off.
 */
export function cookieAttributeOff(program: JsProgram, cookie: HandlerCookie, key: 'secure' | 'httpOnly' | 'sameSite'): string | undefined {
  const written = cookie.attribute(key);
  if (written.state === 'absent') {
    const fallback = DEFAULTS[cookie.setter][key];
    if (fallback === 'off') return `\`${key}\` is not set (${cookie.setter} then sends none)`;
    // Koa marks it Secure on requests it sees as HTTPS: behind the platform's TLS proxy, only with `app.proxy = true`.
    if (fallback === 'request' && !koaTrustsProxy(program)) return `\`${key}\` is not set and the Koa app does not set app.proxy, so behind a TLS proxy every request looks like plain HTTP`;
    return undefined;
  }
  if (written.state !== 'literal') return undefined;
  return written.value === false ? `\`${key}\` is false` : undefined;
}

/** `app.proxy = true` on a serving Koa app. */
function koaTrustsProxy(program: JsProgram): boolean {
  return servingApps(program).some((app) => {
    const proxy = app.of === 'koa' ? app.props.get('proxy') : undefined;
    return proxy?.kind === 'boolean' && proxy.value;
  });
}
