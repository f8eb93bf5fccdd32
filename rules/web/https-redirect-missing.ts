/** web/https-redirect-missing — plain HTTP is served instead of being redirected to HTTPS. */
import { defineScanRule, PROBE } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/https-redirect-missing',
  title: 'HTTP is not redirected to HTTPS',
  severity: 'high',
  docs: {
    why:
      'A visitor who types the bare domain or follows an old http:// link talks to the site in clear text: anyone on the ' +
      'network can read and change the page, and steal the cookies it sets. Redirecting every plain-HTTP request to ' +
      'HTTPS (and then HSTS) closes that door.',
    fix:
      'Redirect at the proxy (nginx `return 301 https://$host$request_uri;`), or let Django do it:\n\n' +
      'SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")  # behind a proxy that sets it',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-ssl-redirect'],
  },
  check(ctx) {
    const probe = ctx.scan.probes[PROBE.http];
    // No answer on plain HTTP at all is fine: there is nothing to downgrade to.
    const response = probe?.response;
    if (!response) return;
    const final = new URL(response.url);
    if (final.protocol === 'https:') return;
    if (probe.error?.code === 'too-many-redirects') {
      ctx.report({ message: `plain HTTP redirects in a loop without reaching HTTPS (${probe.error.message})`, location: { url: probe.request.url } });
      return;
    }
    ctx.report({
      message: response.redirects.length
        ? `plain HTTP redirects to ${response.url}, which is still plain HTTP`
        : `plain HTTP answers ${response.status} instead of redirecting to HTTPS`,
      location: { url: probe.request.url },
      evidence: `HTTP ${response.status}${response.redirects.length ? ` after ${response.redirects.length} redirect(s)` : ''}`,
    });
  },
});
