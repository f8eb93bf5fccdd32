/** django/proxy-ssl-header-invalid — SECURE_PROXY_SSL_HEADER that Django cannot use as written. */
import { defineRule, proxySslHeaderProblem, pyRepr, settingReport } from '../../src/api/django.js';

export default defineRule({
  id: 'django/proxy-ssl-header-invalid',
  title: 'SECURE_PROXY_SSL_HEADER is malformed or inverted',
  severity: 'high',
  docs: {
    why:
      'Behind a proxy that terminates TLS, SECURE_PROXY_SSL_HEADER tells Django which request header says the client ' +
      'used HTTPS. Django unpacks it into exactly two values, looks the first up in request.META and counts the request ' +
      'as HTTPS only when the header equals the second, character for character; its check framework does not ' +
      'validate the setting. So a value that is not a pair raises ImproperlyConfigured on requests; a header name ' +
      'written as sent (\'X-Forwarded-Proto\') or without the HTTP_ prefix never matches, and every request looks like ' +
      'HTTP (redirect loops with SECURE_SSL_REDIRECT, CSRF failures on HTTPS); and a scheme header compared with ' +
      '\'http\' turns the meaning around: a request that came over plain HTTP counts as secure, so secure-only ' +
      'protections are skipped exactly when they matter.',
    fix:
      'Name the header as Django sees it in request.META, with the value the proxy sends for HTTPS (and only behind a ' +
      'proxy that always sets or strips that header):\n\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header',
      'https://docs.djangoproject.com/en/stable/ref/request-response/#django.http.HttpRequest.is_secure',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const header = settings.get('SECURE_PROXY_SSL_HEADER');
    const found = proxySslHeaderProblem(header);
    if (!found) return;
    ctx.report({
      ...settingReport(settings, 'SECURE_PROXY_SSL_HEADER', header),
      message: `SECURE_PROXY_SSL_HEADER ${pyRepr(header)} ${found.problem}`,
      severity: found.severity,
      about: `SECURE_PROXY_SSL_HEADER ${found.about}`,
    });
  },
});
