/** django/hsts-missing — mirrors `security.W004`. */
import { defineRule } from '../../src/engine/types.js';
import { truthy } from '../../src/python/value.js';
import { SECURITY_MIDDLEWARE } from '../../src/django/names.js';
import { describeSetting, middlewareOn, settingReport } from '../../src/django/setting-helpers.js';

export default defineRule({
  id: 'django/hsts-missing',
  title: 'HSTS is not enabled',
  severity: 'medium',
  django: 'security.W004',
  facts: ['settings'],
  docs: {
    why:
      'Strict-Transport-Security tells browsers to use HTTPS for your domain for a while, so a user who types the bare ' +
      'domain or follows an http:// link is not exposed to a man-in-the-middle on the first, plain request. Django sends ' +
      'the header (from SecurityMiddleware, on HTTPS responses) only when SECURE_HSTS_SECONDS is non-zero. Start with a ' +
      'small value: browsers remember it, and a site that later needs plain HTTP is unreachable until it expires.',
    fix:
      'Once the whole site works over HTTPS, start small and raise it to a year:\n\n' +
      'SECURE_HSTS_SECONDS = 3600  # then 31536000',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security',
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const value = settings.get('SECURE_HSTS_SECONDS');
    if (truthy(value) !== false) return;
    ctx.report({
      ...settingReport(settings, 'SECURE_HSTS_SECONDS', value, settings.get('MIDDLEWARE')),
      message: `${describeSetting(settings, 'SECURE_HSTS_SECONDS', value)}: no Strict-Transport-Security header is sent`,
    });
  },
});
