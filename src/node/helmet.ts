/**
 * Security headers: Helmet and its Koa and Fastify equivalents (koa-helmet, @fastify/helmet), Helmet's
 * single-header middlewares (`helmet.hsts()`, …), lusca, or headers the app sets itself. Helmet's defaults
 * (v4+): a CSP, HSTS max-age 365 days with includeSubDomains, X-Powered-By removed.
 */
import type { FileLocation } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import type { JsApp, JsProgram, JsValue } from '../js/types.js';
import type { DeployFacts } from '../deploy/types.js';
import { productionNginxConfigs } from '../production/nginx-configs.js';
import type { Workspace } from '../workspace/types.js';
import { confidenceOf } from '../js/values.js';
import { canonicalCallee, packageUses, servingApps, weaker, type PackageUse } from './app-uses.js';
import { isOff, writtenOption } from './option-state.js';

/** Middleware that sets the usual security headers with one call. */
const HEADER_PACKAGES = ['helmet', 'koa-helmet', '@fastify/helmet', 'fastify-helmet', 'lusca'];
/** Packages whose single-header middlewares are `<package>.<header>()`. */
const PARTIAL_PREFIXES = ['helmet.', 'koa-helmet.', 'lusca.'];
/** HSTS shorter than this (180 days) is weak; Helmet's default is 365 days. */
export const HSTS_MIN_SECONDS = 15_552_000;
/** Header names whose presence in the app's own code means it sets security headers itself. */
const OWN_HEADERS = /strict-transport-security|content-security-policy|x-frame-options/i;

function helmetUses(program: JsProgram): PackageUse[] {
  return packageUses(program, HEADER_PACKAGES);
}

function partialUse(program: JsProgram): boolean {
  return program.calls.some((call) => PARTIAL_PREFIXES.some((prefix) => canonicalCallee(call.callee).startsWith(prefix)));
}

/** Whether the evaluated code names a security header itself (`res.setHeader('Strict-Transport-Security', …)`). */
function setsOwnHeaders(program: JsProgram, workspace: Workspace): boolean {
  return program.files.some((file) => {
    const read = workspace.readText(file);
    return read.ok && OWN_HEADERS.test(read.text);
  });
}

/** Problems that may hide a `helmet()` call: a file that did not parse, an import we could not follow. */
function blind(program: JsProgram): boolean {
  return program.problems.some((problem) => problem.kind !== 'import-cycle');
}

/** Whether a proxy in front (a production nginx config, a Caddyfile) adds one of the headers. */
function proxyAddsHeaders(workspace: Workspace, deploy: DeployFacts): boolean {
  const nginx = productionNginxConfigs(workspace, deploy).map((config) => config.file);
  const caddy = workspace.files.filter((path) => /(^|\/)Caddyfile[^/]*$/.test(path));
  return [...nginx, ...caddy].some((file) => {
    const read = workspace.readText(file);
    return read.ok && OWN_HEADERS.test(read.text);
  });
}

/** Helmet (or an equivalent) sits in a branch skipped only because a variable is unset: production may run it. */
function headersSkipped(program: JsProgram): boolean {
  return (program.skippedCalls ?? []).some((call) => HEADER_PACKAGES.includes(canonicalCallee(call.callee)));
}

/**
 * The serving apps (Express, Koa, Fastify, NestJS) that send no security headers at all: no Helmet or
 * equivalent in the program, no header of their own or from the proxy in front. None when that cannot be known.
 * `default` confidence when the app may not be the one production starts, or when Helmet sits in a branch
 * skipped only because a variable is unset (`if (process.env.NODE_ENV === 'production') app.use(helmet())`).
 */
export function appsWithoutHeaders(program: JsProgram, workspace: Workspace, deploy: DeployFacts): { app: JsApp; confidence: Confidence }[] {
  if (blind(program) || helmetUses(program).length || partialUse(program) || setsOwnHeaders(program, workspace)) return [];
  if (proxyAddsHeaders(workspace, deploy)) return [];
  return servingApps(program).map((app) => ({ app, confidence: app.listens && !headersSkipped(program) ? 'certain' : 'default' }));
}

export interface HelmetWeakening {
  /** 'contentSecurityPolicy', 'hsts': the fingerprint's subject. */
  about: string;
  detail: string;
  location: FileLocation;
  confidence: Confidence;
}

/** An HSTS options object whose maxAge (seconds) is under HSTS_MIN_SECONDS. */
function shortHsts(hsts: JsValue): JsValue | undefined {
  const maxAge = writtenOption(hsts, 'maxAge');
  return maxAge?.kind === 'number' && maxAge.value < HSTS_MIN_SECONDS ? maxAge : undefined;
}

function weakening(use: PackageUse, about: string, value: JsValue, detail: string): HelmetWeakening {
  return { about, detail, location: value.loc ?? use.call.location, confidence: weaker(use.placement, confidenceOf(value)) };
}

/** What each Helmet call turns off or shortens: CSP off, HSTS off, HSTS maxAge under 180 days. */
export function helmetWeakenings(program: JsProgram): HelmetWeakening[] {
  const found: HelmetWeakening[] = [];
  for (const use of helmetUses(program)) {
    if (use.pkg === 'lusca') continue;
    const name = use.pkg;
    const csp = writtenOption(use.options, 'contentSecurityPolicy');
    if (csp && isOff(csp)) found.push(weakening(use, 'contentSecurityPolicy', csp, `${name}({ contentSecurityPolicy: false }) sends no Content-Security-Policy`));
    const hsts = writtenOption(use.options, 'strictTransportSecurity', 'hsts');
    if (hsts && isOff(hsts)) found.push(weakening(use, 'hsts', hsts, `${name}() is told not to send Strict-Transport-Security`));
    const short = hsts && shortHsts(hsts);
    if (short?.kind === 'number') found.push(weakening(use, 'hsts', short, `${name}()'s HSTS maxAge is ${short.value} s, under 180 days`));
  }
  for (const use of packageUses(program, ['helmet.hsts', 'helmet.strictTransportSecurity', 'koa-helmet.hsts'])) {
    const short = shortHsts(use.options ?? { kind: 'undefined' });
    if (short?.kind === 'number') found.push(weakening(use, 'hsts', short, `${use.pkg}()'s maxAge is ${short.value} s, under 180 days`));
  }
  return found;
}

/** Whether Helmet (or its X-Powered-By middleware) removes X-Powered-By from the app's responses. */
function helmetHidesPoweredBy(program: JsProgram): boolean {
  const full = helmetUses(program).some((use) => {
    const hide = writtenOption(use.options, 'xPoweredBy', 'hidePoweredBy');
    return use.pkg !== 'lusca' && !(hide && isOff(hide));
  });
  const single = ['helmet.hidePoweredBy', 'helmet.xPoweredBy', 'hide-powered-by'];
  return full || program.calls.some((call) => single.includes(canonicalCallee(call.callee)));
}

/** `app.disable('x-powered-by')` or `app.set('x-powered-by', false)` on this app. */
function poweredByDisabled(program: JsProgram, app: JsApp): boolean {
  return program.calls.some((call) => {
    if (call.app !== app.id) return false;
    const [name, value] = call.args;
    if (name?.kind !== 'string' || name.value.toLowerCase() !== 'x-powered-by') return false;
    if (call.callee.endsWith('#disable')) return true;
    return call.callee.endsWith('#set') && isOff(value);
  });
}

/** `res.removeHeader('X-Powered-By')` written anywhere in the evaluated code. */
function removesPoweredBy(program: JsProgram, workspace: Workspace): boolean {
  return program.files.some((file) => {
    const read = workspace.readText(file);
    return read.ok && /removeHeader\(\s*['"`]x-powered-by/i.test(read.text);
  });
}

/**
 * The serving Express apps (NestJS's included, unless it runs on Fastify) that send `X-Powered-By: Express`.
 * Koa and Fastify send no such header.
 */
export function appsSendingPoweredBy(program: JsProgram, workspace: Workspace): { app: JsApp; confidence: Confidence }[] {
  const express = servingApps(program).filter((app) => app.of === 'express' || (app.of === 'nestjs' && app.platform !== 'fastify'));
  if (!express.length || blind(program) || helmetHidesPoweredBy(program) || removesPoweredBy(program, workspace)) return [];
  return express.filter((app) => !poweredByDisabled(program, app)).map((app) => ({ app, confidence: app.listens && !headersSkipped(program) ? 'certain' : 'default' }));
}
