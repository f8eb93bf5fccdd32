/**
 * The session cookie's attributes judged per package (see session.ts for each package's defaults).
 * A problem is reported only when the attribute is written with a bad value, or absent where the
 * package's default is bad; an attribute we cannot know gives nothing.
 */
import type { FileLocation } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import type { JsProgram, JsValue } from '../js/types.js';
import { confidenceOf, truthyOf } from '../js/values.js';
import { weaker, type PackageUse } from './app-uses.js';
import { isOff, optionConfidence, type OptionState } from './option-state.js';
import { cookieAttribute, optionLocation, sessionOption } from './session.js';
import { koaTrustsProxy, trustsProxy } from './trust-proxy.js';

export interface CookieProblem {
  /** What is wrong, for the message: "`cookie.secure` is not set (express-session's default is false)". */
  detail: string;
  location: FileLocation;
  confidence: Confidence;
}

function problem(use: PackageUse, option: OptionState, detail: string): CookieProblem {
  const confidence = weaker(use.placement, weaker(confidenceOf(use.options), optionConfidence(option)));
  return { detail, location: optionLocation(use, option), confidence };
}

/** `cookie.secure` for express-session and @fastify/*, `secure` for the others. */
function attributeName(use: PackageUse, key: string): string {
  return use.pkg === 'express-session' || use.pkg.startsWith('@fastify/') ? `cookie.${key}` : key;
}

/** Packages whose cookie is Secure exactly when the request is seen as HTTPS, unless `secure` is written. */
const FOLLOWS_REQUEST = new Set(['cookie-session', 'koa-session']);


/** The session cookie is sent without Secure in production. */
export function insecureCookie(program: JsProgram, use: PackageUse): CookieProblem | undefined {
  const secure = cookieAttribute(use, 'secure');
  const name = attributeName(use, 'secure');
  if (secure.state === 'absent') {
    if (use.pkg === 'express-session') return problem(use, secure, `\`${name}\` is not set (express-session's default is false)`);
    // cookie-session and koa-session (the `cookies` package) mark the cookie Secure only on a request they see as
    // HTTPS: behind a TLS-terminating proxy that takes Express's 'trust proxy' or Koa's `app.proxy`.
    if (FOLLOWS_REQUEST.has(use.pkg) && !trustsProxy(program) && !koaTrustsProxy(use.app)) {
      return problem(use, secure, `\`${name}\` is not set and the app does not trust its proxy, so ${use.pkg} sees every request behind the platform's TLS proxy as plain HTTP and never marks the cookie Secure`);
    }
    return undefined;
  }
  if (secure.state !== 'written') return undefined;
  const value = secure.value;
  if (value.kind === 'string' && value.value === 'auto') {
    if (use.pkg !== 'express-session' || trustsProxy(program)) return undefined;
    const proxy = sessionOption(use, 'proxy');
    if (proxy.state === 'written' && truthyOf(proxy.value) !== false) return undefined;
    return problem(
      use,
      secure,
      `\`${name}\` is 'auto' but the app does not set 'trust proxy': behind the platform's TLS proxy every request looks like plain HTTP, so the cookie is sent without Secure`,
    );
  }
  return isOff(value) ? problem(use, secure, `\`${name}\` is ${describe(value)}`) : undefined;
}

/** The session cookie is readable by page scripts. */
export function httpOnlyOff(use: PackageUse): CookieProblem | undefined {
  const httpOnly = cookieAttribute(use, 'httpOnly');
  if (httpOnly.state !== 'written' || !isOff(httpOnly.value)) return undefined;
  return problem(use, httpOnly, `\`${attributeName(use, 'httpOnly')}\` is ${describe(httpOnly.value)}`);
}

/** Packages whose default sends no SameSite attribute. */
const NO_SAMESITE_DEFAULT = new Set(['express-session', 'cookie-session', 'koa-session']);

/** The session cookie has no SameSite attribute. */
export function sameSiteMissing(use: PackageUse): CookieProblem | undefined {
  if (!NO_SAMESITE_DEFAULT.has(use.pkg)) return undefined;
  const sameSite = cookieAttribute(use, 'sameSite');
  const name = attributeName(use, 'sameSite');
  if (sameSite.state === 'absent') return problem(use, sameSite, `\`${name}\` is not set (${use.pkg} then sends no SameSite attribute)`);
  if (sameSite.state === 'written' && isOff(sameSite.value)) return problem(use, sameSite, `\`${name}\` is ${describe(sameSite.value)}`);
  return undefined;
}

/** express-session's cookie keeps its default name, connect.sid. */
export function defaultCookieName(use: PackageUse): CookieProblem | undefined {
  if (use.pkg !== 'express-session') return undefined;
  const name = sessionOption(use, 'name');
  if (name.state === 'absent') return problem(use, name, '`name` is not set, so the cookie is called connect.sid');
  if (name.state === 'written' && name.value.kind === 'string' && name.value.value === 'connect.sid') {
    return problem(use, name, "`name` is 'connect.sid', the default");
  }
  return undefined;
}

function describe(value: JsValue): string {
  if (value.kind === 'boolean') return String(value.value);
  if (value.kind === 'string') return `'${value.value}'`;
  if (value.kind === 'null' || value.kind === 'undefined') return value.kind;
  return `${value.kind === 'number' ? value.value : 'false'}`;
}
