/** django/referrer-policy-missing — mirrors `security.W022`. */
import { defineRule } from '../../src/engine/types.js';
import { SECURITY_MIDDLEWARE } from '../../src/django/names.js';
import { describeSetting, middlewareOn, settingReport } from '../../src/django/setting-helpers.js';

export default defineRule({
  id: 'django/referrer-policy-missing',
  title: 'No Referrer-Policy header',
  severity: 'low',
  django: 'security.W022',
  facts: ['settings'],
  docs: {
    why:
      'With SECURE_REFERRER_POLICY = None Django sends no Referrer-Policy header, and the browser default decides how ' +
      'much of your URLs (paths, query strings with tokens or search terms) other sites see in the Referer header. ' +
      "Django's own default, 'same-origin', sends it only to your own site.",
    fix: 'SECURE_REFERRER_POLICY = "same-origin"  # or delete the line: this is the default since Django 3.1',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const value = settings.get('SECURE_REFERRER_POLICY');
    if (value.kind !== 'none') return;
    ctx.report({
      ...settingReport(settings, 'SECURE_REFERRER_POLICY', value, settings.get('MIDDLEWARE')),
      message: `${describeSetting(settings, 'SECURE_REFERRER_POLICY', value)}: no Referrer-Policy header is sent`,
    });
  },
});
