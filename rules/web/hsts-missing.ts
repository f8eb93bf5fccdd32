/** web/hsts-missing — an HTTPS response without Strict-Transport-Security. */
import { defineScanRule, firstHeader, httpsHops } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/hsts-missing',
  title: 'Strict-Transport-Security is missing',
  severity: 'medium',
  docs: {
    why:
      'Without HSTS a browser will try plain HTTP again next time (a typed domain, an old link), and a man-in-the-middle ' +
      'can keep the visitor on HTTP. The header must be on every HTTPS response, redirects included: a browser only ' +
      'learns it from the responses it actually receives.',
    fix: 'SECURE_HSTS_SECONDS = 31536000  # start with 3600 and raise it once everything works over HTTPS\n\nor `add_header Strict-Transport-Security "max-age=31536000" always;` in nginx.',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security', 'https://www.rfc-editor.org/rfc/rfc6797'],
  },
  check(ctx) {
    for (const hop of httpsHops(ctx.scan)) {
      if (firstHeader(hop.headers, 'strict-transport-security') === undefined) {
        ctx.report({ message: `no Strict-Transport-Security header on ${hop.url}`, location: { url: hop.url } });
      }
    }
  },
});
