/**
 * Auth cookies the server code sets itself: Express `res.cookie(name, value, options)`, Fastify
 * `reply.setCookie(…)` (@fastify/cookie), Koa `ctx.cookies.set(…)`. The evaluator does not run handler
 * bodies with known arguments, so the source of every file the program evaluated is read (walked
 * iteratively): a call counts when its receiver is a parameter of an enclosing function (a handler, or
 * a helper handed `res`), and only options written as an object literal with literal values are
 * judged. Only cookies whose literal name says they carry a session or a token count. Defaults (their
 * READMEs): res.cookie and setCookie send neither Secure nor HttpOnly nor SameSite; Koa's cookies are
 * HttpOnly, Secure on requests Koa sees as HTTPS (behind a proxy: with `app.proxy`), without SameSite.
 */
import type { FileLocation } from '../core/location.js';
import { children, identifierName, isNode, propertyName, type AstNode } from '../js/ast.js';
import { parseFile } from '../js/parser.js';
import type { JsProgram } from '../js/types.js';
import type { Workspace } from '../workspace/types.js';
import { servingApps } from './app-uses.js';
import { koaTrustsProxy } from './trust-proxy.js';

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
/** Nodes visited per file at most. */
const MAX_NODES = 200_000;


/** Which setter a call is, given the handler's parameter names. */
function setterOf(call: AstNode, params: ReadonlySet<string>): CookieSetter | undefined {
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
    const property = (properties as AstNode[]).find((candidate) => {
      const name = identifierName(candidate.key) ?? (isNode(candidate.key) && candidate.key.type === 'StringLiteral' ? String(candidate.key.value) : undefined);
      return name === key;
    });
    if (!property) return { state: 'absent' };
    const value = literalOf(property.value);
    return value === undefined ? { state: 'unknown' } : { state: 'literal', value };
  };
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** The names a function binds as parameters (plain, defaulted and rest parameters; not destructured ones). */
function paramNames(fn: AstNode): string[] {
  const params = Array.isArray(fn.params) ? (fn.params as unknown[]) : [];
  return params.flatMap((param) => {
    if (!isNode(param)) return [];
    const target = param.type === 'AssignmentPattern' ? param.left : param.type === 'RestElement' ? param.argument : param.type === 'TSParameterProperty' ? param.parameter : param;
    const name = identifierName(target);
    return name ? [name] : [];
  });
}

function cookieAt(file: string, node: AstNode, params: ReadonlySet<string>): HandlerCookie | undefined {
  const setter = setterOf(node, params);
  if (!setter || !node.loc) return undefined;
  const args = Array.isArray(node.arguments) ? (node.arguments as unknown[]) : [];
  const name = literalOf(args[0]);
  if (typeof name !== 'string' || !AUTH_COOKIE.test(name)) return undefined;
  const attribute = attributesOf(args[2]);
  if (!attribute) return undefined;
  return { setter, name, location: { file, line: node.loc.start.line, column: node.loc.start.column + 1 }, attribute };
}

/** The auth cookies set in one file, receivers being parameters of an enclosing function. */
function cookiesIn(file: string, ast: unknown): HandlerCookie[] {
  const found: HandlerCookie[] = [];
  const none: ReadonlySet<string> = new Set();
  const stack: { node: unknown; params: ReadonlySet<string> }[] = [{ node: ast, params: none }];
  let visited = 0;
  while (stack.length && visited < MAX_NODES) {
    const { node, params: outer } = stack.pop()!;
    if (!isNode(node)) continue;
    visited++;
    const params = FUNCTIONS.has(node.type) ? new Set([...outer, ...paramNames(node)]) : outer;
    if (node.type === 'CallExpression') {
      const cookie = cookieAt(file, node, params);
      if (cookie) found.push(cookie);
    }
    for (const child of children(node)) stack.push({ node: child, params });
  }
  return found.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

const walked = new WeakMap<JsProgram, HandlerCookie[]>();

/** Auth cookies set in the files the program evaluated (read once per program). */
export function handlerCookies(program: JsProgram, workspace: Workspace): HandlerCookie[] {
  let found = walked.get(program);
  if (!found) {
    found = walkFiles(program, workspace);
    walked.set(program, found);
  }
  return found;
}

function walkFiles(program: JsProgram, workspace: Workspace): HandlerCookie[] {
  return program.files.flatMap((file) => {
    const parsed = parseFile(workspace, file);
    return parsed.ok ? cookiesIn(file, parsed.ast) : [];
  });
}

/** What each setter does with an attribute that is not written. */
const DEFAULTS: Record<CookieSetter, Record<'secure' | 'httpOnly' | 'sameSite', 'off' | 'on' | 'request'>> = {
  'res.cookie': { secure: 'off', httpOnly: 'off', sameSite: 'off' },
  'reply.setCookie': { secure: 'off', httpOnly: 'off', sameSite: 'off' },
  'ctx.cookies.set': { secure: 'request', httpOnly: 'on', sameSite: 'off' },
};

/**
 * Why a handler cookie's attribute is off, or undefined when it is on or cannot be known: written false, or
 * absent where the setter's default is off. SameSite 'none' is a deliberate cross-site opt-in (it needs Secure),
 * not a missing attribute, as for the session cookies (cookies.ts).
 */
export function cookieAttributeOff(program: JsProgram, cookie: HandlerCookie, key: 'secure' | 'httpOnly' | 'sameSite'): string | undefined {
  const written = cookie.attribute(key);
  if (written.state === 'absent') {
    const fallback = DEFAULTS[cookie.setter][key];
    if (fallback === 'off') return `\`${key}\` is not set (${cookie.setter} then sends none)`;
    // Koa marks it Secure on requests it sees as HTTPS: behind the platform's TLS proxy, only with `app.proxy` on.
    if (fallback === 'request' && !servingApps(program).some(koaTrustsProxy)) return `\`${key}\` is not set and the Koa app does not set app.proxy, so behind a TLS proxy every request looks like plain HTTP`;
    return undefined;
  }
  if (written.state !== 'literal') return undefined;
  return written.value === false ? `\`${key}\` is false` : undefined;
}
