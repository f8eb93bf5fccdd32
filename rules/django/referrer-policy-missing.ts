/** django/referrer-policy-missing — mirrors `security.W022`. */
import { defineRule, describeSetting, middlewareOn, middlewareSetting, SECURITY_MIDDLEWARE, settingLocation, settingReport, stringItems, versionAtLeast } from '../../src/api/django.js';

export default defineRule({
  id: 'django/referrer-policy-missing',
  title: 'No Referrer-Policy header',
  severity: 'low',
  django: 'security.W022',
  docs: {
    why:
      'With SECURE_REFERRER_POLICY = None Django sends no Referrer-Policy header, and the browser default decides how ' +
      'much of your URLs (paths, query strings with tokens or search terms) other sites see in the Referer header. ' +
      "Django's own default, 'same-origin', sends it only to your own site. Django 3.0 added the setting with None as " +
      'its default; before 3.0 Django cannot send the header at all, so on those versions this fires unless a ' +
      'middleware whose name mentions the referrer policy is installed.',
    fix:
      'SECURE_REFERRER_POLICY = "same-origin"  # or delete the line: this is the default since Django 3.1\n\n' +
      'Before Django 3.0: upgrade, or add a middleware (or a proxy header) that sends Referrer-Policy.',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const version = ctx.project.djangoVersion.version;
    if (!versionAtLeast(version, '3.0')) {
      const middleware = settings.get(middlewareSetting(settings));
      // An unknown item might be the middleware that sends it.
      const items = middleware.kind === 'list' || middleware.kind === 'tuple' ? middleware.items : [];
      if (items.length === 0 || items.some((item) => item.kind !== 'str')) return;
      if (stringItems(middleware).some((item) => /referrer/i.test(item))) return;
      ctx.report({
        location: settingLocation(settings, 'SECURE_REFERRER_POLICY'),
        confidence: 'certain',
        message: `Django ${version} has no SECURE_REFERRER_POLICY (added in 3.0) and no middleware sends a Referrer-Policy header`,
      });
      return;
    }
    const value = settings.get('SECURE_REFERRER_POLICY');
    if (value.kind !== 'none') return;
    ctx.report({
      ...settingReport(settings, 'SECURE_REFERRER_POLICY', value, settings.get('MIDDLEWARE')),
      message: `${describeSetting(settings, 'SECURE_REFERRER_POLICY', value)}: no Referrer-Policy header is sent`,
    });
  },
});
