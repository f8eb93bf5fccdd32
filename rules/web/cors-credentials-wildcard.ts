/** web/cors-credentials-wildcard — any origin may read responses with the user's cookies. */
import { defineScanRule, firstHeader, PROBE, responseOf } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/cors-credentials-wildcard',
  title: 'CORS allows any origin with credentials',
  severity: 'high',
  probes: [PROBE.cors],
  docs: {
    why:
      'Echoing any Origin in Access-Control-Allow-Origin together with Access-Control-Allow-Credentials: true lets every ' +
      'website a logged-in user visits read your responses with their cookies: their data, CSRF tokens, API results.',
    fix:
      'List the origins that may call you: with django-cors-headers, CORS_ALLOWED_ORIGINS = ["https://app.example.com"] ' +
      'and never CORS_ALLOW_ALL_ORIGINS = True together with CORS_ALLOW_CREDENTIALS = True.',
    refs: ['https://github.com/adamchainz/django-cors-headers#configuration', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS'],
  },
  check(ctx) {
    const probe = ctx.scan.probes[PROBE.cors];
    const response = responseOf(ctx.scan, PROBE.cors);
    const origin = probe?.request.headers.origin;
    if (!response || !origin) return;
    const allowOrigin = firstHeader(response.headers, 'access-control-allow-origin')?.trim();
    const credentials = firstHeader(response.headers, 'access-control-allow-credentials')?.trim().toLowerCase() === 'true';
    if (!credentials || (allowOrigin !== origin && allowOrigin !== '*')) return;
    ctx.report({
      message:
        allowOrigin === '*'
          ? 'CORS answers Access-Control-Allow-Origin: * with credentials allowed'
          : `CORS echoes a foreign Origin (${origin}) with Access-Control-Allow-Credentials: true`,
      location: { url: probe.request.url },
      evidence: `Access-Control-Allow-Origin: ${allowOrigin}; Access-Control-Allow-Credentials: true`,
      snippet: 'cors any origin with credentials',
      ...(allowOrigin === '*' ? { severity: 'medium' as const } : {}),
    });
  },
});
