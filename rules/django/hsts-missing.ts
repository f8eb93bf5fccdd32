/** django/hsts-missing — mirrors `security.W004`. */
import { defineRule, describeSetting, middlewareOn, SECURITY_MIDDLEWARE, settingReport, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/hsts-missing',
  title: 'HSTS is not enabled',
  severity: 'medium',
  django: 'security.W004',
  docs: {
    why:
      'Strict-Transport-Security tells browsers to use HTTPS for your domain for a while, so a user who types the bare ' +
      'domain or follows an http:// link is not exposed to a man-in-the-middle on the first, plain request. Django sends ' +
      'the header (from SecurityMiddleware, on HTTPS responses) only when SECURE_HSTS_SECONDS is non-zero. Start with a ' +
      'small value: browsers remember it, and a site that later needs plain HTTP is unreachable until it expires. When a ' +
      'reverse proxy that production runs sends the header (nginx `add_header Strict-Transport-Security`, Traefik ' +
      '`stsSeconds`), the finding is kept for parity with Django but reported as info.',
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
    const report = settingReport(settings, 'SECURE_HSTS_SECONDS', value, settings.get('MIDDLEWARE'));
    const described = describeSetting(settings, 'SECURE_HSTS_SECONDS', value);
    // A reverse proxy production runs may add the header itself (nginx add_header, Traefik stsSeconds).
    const edge = ctx.project.production.edge.hsts;
    if (edge) {
      ctx.report({
        ...report,
        severity: 'info',
        related: edge.location ? [...report.related, { location: edge.location, message: `${edge.by} sends Strict-Transport-Security` }] : report.related,
        message: `${described}, but the reverse proxy production runs sends Strict-Transport-Security (${edge.by}); Django's check --deploy still reports W004`,
      });
      return;
    }
    ctx.report({ ...report, message: `${described}: no Strict-Transport-Security header is sent` });
  },
});
