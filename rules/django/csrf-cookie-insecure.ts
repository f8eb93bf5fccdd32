/** django/csrf-cookie-insecure — mirrors `security.W016`. */
import { cookieFlagFails, CSRF_MIDDLEWARE, defineRule, describeCookieFlag, middlewareOn, settingReport, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/csrf-cookie-insecure',
  title: 'The CSRF cookie is not Secure',
  severity: 'high',
  django: 'security.W016',
  docs: {
    why:
      'Without CSRF_COOKIE_SECURE the CSRF cookie also travels over plain HTTP. An attacker on the network can read it ' +
      '(or plant one), which defeats the double-submit protection. Storing the token in the session ' +
      '(CSRF_USE_SESSIONS = True) avoids the cookie, so the check is skipped then. Django 4.1+ requires the boolean ' +
      'True; up to 4.0 any truthy value passes.',
    fix: 'CSRF_COOKIE_SECURE = True',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const version = ctx.project.djangoVersion.version;
    const useSessions = settings.get('CSRF_USE_SESSIONS');
    if (truthy(useSessions) !== false || middlewareOn(settings, CSRF_MIDDLEWARE) !== true) return;
    const value = settings.get('CSRF_COOKIE_SECURE');
    if (cookieFlagFails(value, version) !== true) return;
    ctx.report({
      ...settingReport(settings, 'CSRF_COOKIE_SECURE', value, useSessions, settings.get('MIDDLEWARE')),
      message: `${describeCookieFlag(settings, 'CSRF_COOKIE_SECURE', value, version)} while CsrfViewMiddleware is on: the CSRF cookie is also sent over plain HTTP`,
    });
  },
});
