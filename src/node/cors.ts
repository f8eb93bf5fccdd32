/**
 * CORS middleware of Express (`cors`), Koa (`@koa/cors`) and Fastify (`@fastify/cors`), and NestJS's
 * `app.enableCors(options)` (the `cors` package underneath). What the `origin` option lets through:
 * - `true` reflects the request's Origin (cors, @fastify/cors); a RegExp that matches any origin, or a
 *   function that always allows or returns the request's own Origin, does too;
 * - `'*'` (the default of cors and @fastify/cors when `origin` is absent) allows any origin without cookies:
 *   browsers refuse to share a credentialed response with `*`;
 * - inside an array, `'*'` is compared literally (not a wildcard);
 * - @koa/cors without `origin` answers with the request's Origin when `credentials` is on (v5; older
 *   versions always reflect), else `*`.
 */
import type { FileLocation } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import { isNode, type AstNode } from '../js/ast.js';
import type { JsCall, JsFunction, JsProgram, JsValue } from '../js/types.js';
import { confidenceOf, truthyOf } from '../js/values.js';
import { optionConfidence, optionState, writtenOption } from './option-state.js';
import { appCalls, callPlacement, canonicalCallee, packageUses, servingApps, weaker, type PackageUse } from './app-uses.js';

export interface CorsPolicy {
  /** 'cors', '@koa/cors', '@fastify/cors', 'NestJS enableCors' */
  source: string;
  /** 'reflect': any origin, echoed back (credentials possible); 'any': `*`. */
  origin: 'reflect' | 'any';
  /** How the origin option says so, for the message. */
  how: string;
  credentials: boolean;
  location: FileLocation;
  confidence: Confidence;
}

const CORS_PACKAGES = ['cors', '@koa/cors', 'kcors', '@fastify/cors'];
/** Packages that answer with the request's Origin when `origin` is absent and credentials are on. */
const KOA_CORS = new Set(['@koa/cors', 'kcors']);
/** An origin no allowlist means to allow: a pattern that matches it matches any site. */
const ATTACKER_ORIGIN = 'https://attacker.invalid';

function matchesAnyOrigin(value: JsValue & { kind: 'regexp' }): boolean {
  try {
    return new RegExp(value.pattern, value.flags.replace(/[gy]/g, '')).test(ATTACKER_ORIGIN);
  } catch {
    return false;
  }
}

/** The one expression a function body consists of: `x => expr`, `{ return expr }` or `{ expr; }`. */
function soleExpression(fn: JsFunction): AstNode | undefined {
  const node = fn.node;
  if (!isNode(node) || !isNode(node.body)) return undefined;
  const body = node.body;
  if (body.type !== 'BlockStatement') return body;
  const statements = Array.isArray(body.body) ? (body.body as unknown[]) : [];
  const only = statements.length === 1 ? statements[0] : undefined;
  if (!isNode(only)) return undefined;
  const expression = only.type === 'ReturnStatement' ? only.argument : only.type === 'ExpressionStatement' ? only.expression : undefined;
  return isNode(expression) ? expression : undefined;
}

function isIdentifier(node: unknown, name: string | undefined): boolean {
  return isNode(node) && node.type === 'Identifier' && name !== undefined && node.name === name;
}

/** `ctx.get('Origin')`, `ctx.headers.origin`, `ctx.request.header.origin`, `req.header('origin')`: the request's Origin. */
function readsRequestOrigin(node: AstNode): boolean {
  if (node.type === 'CallExpression' && isNode(node.callee) && node.callee.type === 'MemberExpression') {
    const method = node.callee.property;
    const [arg] = Array.isArray(node.arguments) ? (node.arguments as unknown[]) : [];
    return isNode(method) && (method.name === 'get' || method.name === 'header') && isNode(arg) && arg.type === 'StringLiteral' && String(arg.value).toLowerCase() === 'origin';
  }
  if (node.type === 'MemberExpression' && isNode(node.property) && node.property.name === 'origin' && isNode(node.object)) {
    const holder = node.object;
    return holder.type === 'MemberExpression' && isNode(holder.property) && (holder.property.name === 'headers' || holder.property.name === 'header');
  }
  return false;
}

/** An origin function that lets every origin through: `(origin, cb) => cb(null, true)`, `cb(null, origin)`, `ctx => ctx.get('Origin')`. */
function alwaysAllows(fn: JsFunction): boolean {
  if (fn.returns?.kind === 'boolean' && fn.returns.value) return true;
  const expression = soleExpression(fn);
  if (!expression) return false;
  if (readsRequestOrigin(expression)) return true;
  const [origin, callback] = fn.params;
  if (expression.type !== 'CallExpression' || !isIdentifier(expression.callee, callback)) return false;
  const args = Array.isArray(expression.arguments) ? (expression.arguments as unknown[]) : [];
  const allowed = args[1];
  return isNode(allowed) && ((allowed.type === 'BooleanLiteral' && allowed.value === true) || isIdentifier(allowed, origin));
}

/** What an `origin` option lets through: 'reflect', 'any', or undefined (a list, a specific origin, unknown). */
function judgeOrigin(source: string, origin: JsValue | undefined, credentials: boolean): { origin: 'reflect' | 'any'; how: string } | undefined {
  if (origin === undefined) {
    if (KOA_CORS.has(source)) {
      return credentials ? { origin: 'reflect', how: '`origin` is not set, so it answers with the request\'s Origin' } : { origin: 'any', how: "`origin` is not set ('*')" };
    }
    return { origin: 'any', how: "`origin` is not set (the default is '*')" };
  }
  if (origin.kind === 'boolean') return origin.value && !KOA_CORS.has(source) ? { origin: 'reflect', how: '`origin: true` echoes any request\'s Origin' } : undefined;
  if (origin.kind === 'string') return origin.value === '*' ? { origin: 'any', how: "`origin` is '*'" } : undefined;
  if (origin.kind === 'regexp') return matchesAnyOrigin(origin) ? { origin: 'reflect', how: `\`origin\` /${origin.pattern}/ matches any site` } : undefined;
  if (origin.kind === 'function' && alwaysAllows(origin.fn)) return { origin: 'reflect', how: 'the `origin` function allows every origin' };
  return undefined;
}

function policyOf(source: string, options: JsValue | undefined, at: FileLocation, placement: Confidence): CorsPolicy | undefined {
  const origin = optionState(options, 'origin');
  const credentialsOption = optionState(options, 'credentials');
  if (origin.state === 'unknown' || credentialsOption.state === 'unknown') return undefined;
  if (credentialsOption.state === 'written' && credentialsOption.value.kind === 'unknown') return undefined;
  const credentials = credentialsOption.state === 'written' && truthyOf(credentialsOption.value) === true;
  const originValue = origin.state === 'written' ? origin.value : undefined;
  const judged = judgeOrigin(source, originValue, credentials);
  if (!judged) return undefined;
  const confidence = weaker(placement, weaker(optionConfidence(origin), optionConfidence(credentialsOption)));
  return { source, ...judged, credentials, location: originValue?.loc ?? options?.loc ?? at, confidence };
}

function nestPolicy(call: JsCall): CorsPolicy | undefined {
  return policyOf('NestJS enableCors', call.args[0], call.location, callPlacement(call));
}

/** `NestFactory.create(AppModule, { cors: true | {…} })`: Nest calls enableCors with it (`true`: the cors defaults). */
function nestCreatePolicy(program: JsProgram, call: JsCall): CorsPolicy | undefined {
  const cors = writtenOption(call.args[1], 'cors');
  if (cors?.kind !== 'object' && !(cors?.kind === 'boolean' && cors.value)) return undefined;
  const id = call.result?.kind === 'instance' ? call.result.id : undefined;
  const app = program.apps.find((candidate) => candidate.id === id);
  if (app && !servingApps(program).includes(app)) return undefined;
  const placement = weaker(app?.listens ? 'certain' : 'default', weaker(callPlacement(call), confidenceOf(cors)));
  return policyOf('NestJS cors option', cors.kind === 'object' ? cors : undefined, cors.loc ?? call.location, placement);
}

/** The CORS policies of the serving apps that let any origin through. */
export function openCorsPolicies(program: JsProgram): CorsPolicy[] {
  const fromPackages = packageUses(program, CORS_PACKAGES).map((use: PackageUse) => policyOf(use.pkg, use.options, use.call.location, use.placement));
  const fromNest = appCalls(program, 'enableCors').map(nestPolicy);
  const fromNestCreate = program.calls.filter((call) => canonicalCallee(call.callee) === '@nestjs/core.NestFactory.create').map((call) => nestCreatePolicy(program, call));
  return [...fromPackages, ...fromNest, ...fromNestCreate].filter((policy): policy is CorsPolicy => policy !== undefined);
}
