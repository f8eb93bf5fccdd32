/**
 * Which settings make Django send which response header or cookie flag: what `check --url` expects
 * to see live when production's settings enable it (rules/reconcile/header-stripped, cookie-secure-stripped).
 */
import { CLICKJACKING_MIDDLEWARE, SECURITY_MIDDLEWARE } from './middleware-paths.js';
import { middlewareOn, middlewareSetting } from './setting-helpers.js';
import { truthy } from '../python/value.js';
import type { PyValue } from '../python/value.js';
import type { Settings } from '../python/types.js';

export interface HeaderExpectation {
  /** Lower-case response header name. */
  header: string;
  /** The live rule that reports the header missing. */
  liveRule: string;
  /** Django sends it only on HTTPS responses (SecurityMiddleware's HSTS). */
  httpsOnly: boolean;
  /** The setting that turns it on, and its value, when production's settings certainly send the header. */
  sentBy(settings: Settings): { setting: string; value: PyValue; middleware: string } | undefined;
}

/** A setting that makes SecurityMiddleware send a header when it is truthy (unset: Django's default decides). */
function securitySetting(setting: string): HeaderExpectation['sentBy'] {
  return (settings) => {
    if (middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return undefined;
    const value = settings.get(setting);
    return truthy(value) === true ? { setting, value, middleware: 'SecurityMiddleware' } : undefined;
  };
}

export const HEADER_EXPECTATIONS: readonly HeaderExpectation[] = [
  { header: 'strict-transport-security', liveRule: 'web/hsts-missing', httpsOnly: true, sentBy: securitySetting('SECURE_HSTS_SECONDS') },
  { header: 'x-content-type-options', liveRule: 'web/content-type-options-missing', httpsOnly: false, sentBy: securitySetting('SECURE_CONTENT_TYPE_NOSNIFF') },
  { header: 'referrer-policy', liveRule: 'web/referrer-policy-unsafe', httpsOnly: false, sentBy: securitySetting('SECURE_REFERRER_POLICY') },
  {
    header: 'x-frame-options',
    liveRule: 'web/frame-options-missing',
    httpsOnly: false,
    sentBy: (settings) =>
      middlewareOn(settings, CLICKJACKING_MIDDLEWARE) === true
        ? { setting: middlewareSetting(settings), value: settings.get(middlewareSetting(settings)), middleware: 'XFrameOptionsMiddleware' }
        : undefined,
  },
];

/** A cookie Django sets, and the setting that makes it Secure. */
export interface CookieExpectation {
  /** The setting holding the cookie's name (Django's default applies when it is unset). */
  nameSetting: string;
  secureSetting: string;
}

export const SECURE_COOKIES: readonly CookieExpectation[] = [
  { nameSetting: 'SESSION_COOKIE_NAME', secureSetting: 'SESSION_COOKIE_SECURE' },
  { nameSetting: 'CSRF_COOKIE_NAME', secureSetting: 'CSRF_COOKIE_SECURE' },
];

/** The cookie's name when production's settings certainly make it Secure (undefined otherwise). */
export function secureCookieName(settings: Settings, expectation: CookieExpectation): string | undefined {
  if (truthy(settings.get(expectation.secureSetting)) !== true) return undefined;
  const name = settings.get(expectation.nameSetting);
  return name.kind === 'str' ? name.value : undefined;
}
