/** reconcile/ssl-redirect-stripped — SECURE_SSL_REDIRECT is on, but the live site answers plain HTTP without redirecting. */
import { defineReconcileRule, middlewareOn, PROBE, SECURITY_MIDDLEWARE, settingReport, truthy } from '../../src/api/reconcile.js';

export default defineReconcileRule({
  id: 'reconcile/ssl-redirect-stripped',
  title: 'The settings redirect HTTP to HTTPS, the live site does not',
  severity: 'high',
  docs: {
    why:
      'The settings production was inferred to run turn on SECURE_SSL_REDIRECT with SecurityMiddleware, yet plain HTTP ' +
      'is answered without a redirect to HTTPS. Either production runs other settings, or the proxy in front tells ' +
      'Django every request is secure (it sets X-Forwarded-Proto: https, which SECURE_PROXY_SSL_HEADER trusts, on plain ' +
      'HTTP too), so Django never redirects.',
    fix:
      'Make the proxy set X-Forwarded-Proto from the real scheme (nginx `proxy_set_header X-Forwarded-Proto $scheme;`) ' +
      'or redirect at the proxy (`return 301 https://$host$request_uri;`); check the settings module the host runs.',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect', 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-proxy-ssl-header'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const value = settings.get('SECURE_SSL_REDIRECT');
    if (truthy(value) !== true) return;
    // Only an answer over plain HTTP proves anything: no answer (or an error) is not a missing redirect.
    const probe = ctx.scan.probes[PROBE.http];
    const response = probe?.response;
    if (!response || probe.error || new URL(response.url).protocol !== 'http:') return;
    for (const twin of ctx.live.filter((finding) => finding.rule === 'web/https-redirect-missing')) ctx.supersede(twin);
    ctx.report({
      ...settingReport(settings, 'SECURE_SSL_REDIRECT', value),
      message:
        `SECURE_SSL_REDIRECT is on, but ${probe.request.url} answers HTTP ${response.status} over plain HTTP: ` +
        'production runs other settings, or the proxy in front tells Django plain requests are secure',
      related: [{ location: { url: probe.request.url }, message: `plain HTTP answered ${response.status}, not redirected to HTTPS` }],
    });
  },
});
