/** reconcile/header-stripped — production's settings send a security header, but no live response carries it. */
import { defineReconcileRule, firstHeader, HEADER_EXPECTATIONS, httpsHops, settingReport, siteResponses } from '../../src/api/reconcile.js';

export default defineReconcileRule({
  id: 'reconcile/header-stripped',
  title: 'A header the settings send is missing on the live site',
  severity: 'medium',
  docs: {
    why:
      'The settings production was inferred to run make Django send a security header (Strict-Transport-Security, ' +
      'X-Content-Type-Options, Referrer-Policy, X-Frame-Options), but no response of the running site carries it. ' +
      'Either something in front (a reverse proxy, a CDN, a load balancer) strips it, or production runs other ' +
      'settings than the repository names. A header missing on every response although the middleware would send ' +
      'it points at the proxy; the static check alone would call this site hardened.',
    fix:
      'Look at the proxy in front of Django (nginx `proxy_hide_header`, a CDN\'s header rules) and at the settings module ' +
      'production really runs; or send the header at the proxy, e.g. nginx `add_header Strict-Transport-Security "max-age=31536000" always;`.',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#module-django.middleware.security'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const site = siteResponses(ctx.scan).map(([, response]) => ({ url: response.url, headers: response.headers }));
    for (const expectation of HEADER_EXPECTATIONS) {
      const sent = expectation.sentBy(settings);
      if (!sent) continue;
      const responses = expectation.httpsOnly ? httpsHops(ctx.scan) : site;
      // No response (every probe failed, or no HTTPS at all for an HTTPS-only header) proves nothing.
      if (!responses.length || responses.some((response) => firstHeader(response.headers, expectation.header) !== undefined)) continue;
      for (const twin of ctx.live.filter((finding) => finding.rule === expectation.liveRule)) ctx.supersede(twin);
      const urls = [...new Set(responses.map((response) => response.url))];
      ctx.report({
        ...settingReport(settings, sent.setting, sent.value),
        about: expectation.header,
        message:
          `${sent.setting} makes ${sent.middleware} send ${expectation.header}, but none of the ${urls.length} live response(s) carries it: ` +
          'something in front strips it, or production runs other settings',
        related: urls.slice(0, 3).map((url) => ({ location: { url }, message: `no ${expectation.header} header here` })),
      });
    }
  },
});
