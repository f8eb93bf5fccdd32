/** django/security-middleware-missing — mirrors `security.W001`. */
import { defineRule, middlewareOn, middlewareSetting, SECURITY_MIDDLEWARE, settingReport, versionAtLeast } from '../../src/api/django.js';

/** The settings W001 names as having no effect: SECURE_REFERRER_POLICY came in 3.0, COOP replaced the XSS filter in 4.0. */
function affectedSettings(version: string): string {
  const last = versionAtLeast(version, '4.0') ? 'SECURE_CROSS_ORIGIN_OPENER_POLICY' : 'SECURE_BROWSER_XSS_FILTER';
  const referrer = versionAtLeast(version, '3.0') ? 'SECURE_REFERRER_POLICY, ' : '';
  return `SECURE_HSTS_SECONDS, SECURE_CONTENT_TYPE_NOSNIFF, ${referrer}SECURE_SSL_REDIRECT and ${last}`;
}

export default defineRule({
  id: 'django/security-middleware-missing',
  title: 'SecurityMiddleware is not installed',
  severity: 'high',
  django: 'security.W001',
  docs: {
    why:
      "`django.middleware.security.SecurityMiddleware` is what turns the SECURE_* settings into behaviour: the HTTPS redirect, " +
      'the Strict-Transport-Security, X-Content-Type-Options, Referrer-Policy and Cross-Origin-Opener-Policy headers. ' +
      'Without it in MIDDLEWARE those settings are silently ignored, however carefully they are set. Django matches the ' +
      'exact dotted path, so a subclass under another name does not count (same as `check --deploy`).',
    fix:
      'Put the middleware first in MIDDLEWARE:\n\n' +
      'MIDDLEWARE = [\n    "django.middleware.security.SecurityMiddleware",\n    # ... the rest\n]',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security',
      'https://docs.djangoproject.com/en/stable/ref/checks/#security',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== false) return;
    const name = middlewareSetting(settings);
    ctx.report({
      ...settingReport(settings, name, settings.get(name)),
      message:
        `${name} does not contain '${SECURITY_MIDDLEWARE}', so ${affectedSettings(ctx.project.djangoVersion.version)} ` +
        'have no effect',
    });
  },
});
