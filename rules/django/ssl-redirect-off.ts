/** django/ssl-redirect-off — mirrors `security.W008`. */
import { defineRule, describeNotTrue, isTrue, middlewareOn, SECURITY_MIDDLEWARE, settingReport } from '../../src/api/django.js';

export default defineRule({
  id: 'django/ssl-redirect-off',
  title: 'HTTP is not redirected to HTTPS',
  severity: 'medium',
  django: 'security.W008',
  docs: {
    why:
      'With SECURE_SSL_REDIRECT off, Django answers plain-HTTP requests itself, so pages, forms and cookies without the ' +
      'Secure flag can travel unencrypted. If your load balancer or proxy already redirects every HTTP request, this ' +
      'warning is expected: silence security.W008 in SILENCED_SYSTEM_CHECKS or ignore the rule, and say why. Behind a ' +
      'TLS-terminating proxy, also set SECURE_PROXY_SSL_HEADER or the redirect loops forever. When the edge redirects ' +
      '(fly.toml `force_https = true`, an App Engine app.yaml handler with `secure: always`, Render, or a reverse proxy ' +
      'that production runs from a production compose file: Traefik with an HTTP→HTTPS redirection, nginx ' +
      '`return 301 https://…`, Caddy), the finding is kept for parity with Django but reported as info.',
    fix:
      'SECURE_SSL_REDIRECT = True\n' +
      '# behind a proxy that sets X-Forwarded-Proto:\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const value = settings.get('SECURE_SSL_REDIRECT');
    if (isTrue(value) !== false) return;
    const report = settingReport(settings, 'SECURE_SSL_REDIRECT', value, settings.get('MIDDLEWARE'));
    const described = describeNotTrue(settings, 'SECURE_SSL_REDIRECT', value);
    // Django's own check still reports W008 here (it cannot see the platform), so the finding keeps
    // its id for parity, but is only informational: no plain-HTTP request reaches Django.
    // The production model's edge: fly.toml force_https, App Engine secure: always, Render, or a
    // reverse proxy production runs (Traefik, nginx, Caddy) that redirects.
    const edge = ctx.project.production.edge.httpsRedirect;
    if (edge) {
      ctx.report({
        ...report,
        severity: 'info',
        related: edge.location ? [...report.related, { location: edge.location, message: `${edge.by} redirects HTTP to HTTPS` }] : report.related,
        message: `${described}, but the ${edge.kind === 'platform' ? 'platform' : 'reverse proxy production runs'} redirects HTTP to HTTPS before it reaches Django (${edge.by}); Django's check --deploy still reports W008`,
      });
      return;
    }
    ctx.report({ ...report, message: `${described}: Django serves plain-HTTP requests instead of redirecting them to HTTPS` });
  },
});
