import type { DjangoRuleContext } from './define-rule.js';
import type { Settings } from '../python/types.js';
import { isTrue, truthy } from '../python/value.js';
import type { PyValue } from '../python/value.js';
import { versionAtLeast } from '../project/version.js';
import { SESSION_APP, SESSION_MIDDLEWARE } from './middleware-paths.js';
import { describeNotTrue, describeSetting, middlewareOn, settingIncludes, settingReport } from './setting-helpers.js';

/**
 * Whether a cookie flag fails Django's check. Django 4.1 (django/django#15443) moved these checks
 * from truthiness to `is True`, so 1 or 'True' passes on 3.2-4.0 and fails from 4.1.
 */
export function cookieFlagFails(value: PyValue, version: string): boolean | undefined {
  if (versionAtLeast(version, '4.1')) {
    const passes = isTrue(value);
    return passes === undefined ? undefined : !passes;
  }
  const passes = truthy(value);
  return passes === undefined ? undefined : !passes;
}

/** What a failing cookie flag is, in the terms of the project's Django version. */
export function describeCookieFlag(settings: Settings, name: string, value: PyValue, version: string): string {
  return versionAtLeast(version, '4.1') ? describeNotTrue(settings, name, value) : describeSetting(settings, name, value);
}

/**
 * The session-cookie checks (W010-W012, W013-W015): the app alone gives the first id, the
 * middleware alone the second, both the third. Reports nothing when either membership is unknown.
 */
export function checkSessionCookieFlag(ctx: DjangoRuleContext, name: string, ids: [string, string, string], consequence: string): void {
  const settings = ctx.project.settings;
  if (!settings) return;
  const version = ctx.project.djangoVersion.version;
  const value = settings.get(name);
  if (cookieFlagFails(value, version) !== true) return;
  const app = settingIncludes(settings, 'INSTALLED_APPS', SESSION_APP);
  const middleware = middlewareOn(settings, SESSION_MIDDLEWARE);
  if (app === undefined || middleware === undefined || (!app && !middleware)) return;
  const [appId, middlewareId, bothId] = ids;
  const django = app && middleware ? bothId : app ? appId : middlewareId;
  const uses = app && middleware
    ? `'${SESSION_APP}' is installed and '${SESSION_MIDDLEWARE}' is in MIDDLEWARE`
    : app
      ? `'${SESSION_APP}' is in INSTALLED_APPS`
      : `'${SESSION_MIDDLEWARE}' is in MIDDLEWARE`;
  ctx.report({
    ...settingReport(settings, name, value, settings.get('INSTALLED_APPS'), settings.get('MIDDLEWARE')),
    django,
    message: `${describeCookieFlag(settings, name, value, version)} while ${uses}: ${consequence}`,
  });
}
