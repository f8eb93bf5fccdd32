/** django/csrf-middleware-missing — mirrors `security.W003`. */
import { CSRF_MIDDLEWARE, defineRule, middlewareOn, middlewareSetting, settingReport } from '../../src/api/django.js';

export default defineRule({
  id: 'django/csrf-middleware-missing',
  title: 'CsrfViewMiddleware is not installed',
  severity: 'high',
  django: 'security.W003',
  docs: {
    why:
      'Django only checks CSRF tokens on unsafe requests when `django.middleware.csrf.CsrfViewMiddleware` is in MIDDLEWARE. ' +
      'Without it, every form and POST endpoint that relies on the cookie session can be submitted from another site. ' +
      'Decorating views one by one with `csrf_protect` is easy to get wrong; the middleware protects everything by default.',
    fix:
      'Add the middleware and opt single views out with `@csrf_exempt` only where needed:\n\n' +
      'MIDDLEWARE = [\n    # ...\n    "django.middleware.csrf.CsrfViewMiddleware",\n]',
    refs: ['https://docs.djangoproject.com/en/stable/ref/csrf/'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, CSRF_MIDDLEWARE) !== false) return;
    const name = middlewareSetting(settings);
    ctx.report({
      ...settingReport(settings, name, settings.get(name)),
      message: `${name} does not contain '${CSRF_MIDDLEWARE}', so no view is protected against cross-site request forgery`,
    });
  },
});
