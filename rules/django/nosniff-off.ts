/** django/nosniff-off — mirrors `security.W006`. */
import { defineRule, describeNotTrue, isTrue, middlewareOn, SECURITY_MIDDLEWARE, settingReport } from '../../src/api/django.js';

export default defineRule({
  id: 'django/nosniff-off',
  title: 'X-Content-Type-Options: nosniff is off',
  severity: 'medium',
  django: 'security.W006',
  docs: {
    why:
      'Without `X-Content-Type-Options: nosniff` a browser may guess a response\'s type from its content. A user upload ' +
      'served as text/plain or image/png can then be run as HTML or JavaScript in your origin (stored XSS). Django sends ' +
      'the header by default; this fires only when SECURE_CONTENT_TYPE_NOSNIFF is set to something other than True.',
    fix: 'SECURE_CONTENT_TYPE_NOSNIFF = True  # or delete the line: True is the default',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const value = settings.get('SECURE_CONTENT_TYPE_NOSNIFF');
    if (isTrue(value) !== false) return;
    ctx.report({
      ...settingReport(settings, 'SECURE_CONTENT_TYPE_NOSNIFF', value, settings.get('MIDDLEWARE')),
      message: `${describeNotTrue(settings, 'SECURE_CONTENT_TYPE_NOSNIFF', value)}: no X-Content-Type-Options: nosniff header is sent`,
    });
  },
});
