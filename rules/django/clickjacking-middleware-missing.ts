/** django/clickjacking-middleware-missing — mirrors `security.W002`. */
import { CLICKJACKING_MIDDLEWARE, defineRule, middlewareOn, middlewareSetting, settingReport } from '../../src/api/django.js';

export default defineRule({
  id: 'django/clickjacking-middleware-missing',
  title: 'XFrameOptionsMiddleware is not installed',
  severity: 'medium',
  django: 'security.W002',
  docs: {
    why:
      'Without `django.middleware.clickjacking.XFrameOptionsMiddleware` Django sends no X-Frame-Options header, so any ' +
      'site can load your pages in an invisible frame and trick a logged-in user into clicking buttons there ' +
      '(clickjacking). Django matches the exact dotted path in MIDDLEWARE.',
    fix:
      'Add the middleware (X_FRAME_OPTIONS then controls the header, "DENY" by default):\n\n' +
      'MIDDLEWARE = [\n    # ...\n    "django.middleware.clickjacking.XFrameOptionsMiddleware",\n]',
    refs: ['https://docs.djangoproject.com/en/stable/ref/clickjacking/'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, CLICKJACKING_MIDDLEWARE) !== false) return;
    const name = middlewareSetting(settings);
    ctx.report({
      ...settingReport(settings, name, settings.get(name)),
      message: `${name} does not contain '${CLICKJACKING_MIDDLEWARE}', so no X-Frame-Options header is sent and pages can be framed by other sites`,
    });
  },
});
