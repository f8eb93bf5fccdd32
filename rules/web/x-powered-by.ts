/** web/x-powered-by — responses name the framework in X-Powered-By (Express, Next.js, PHP, …). */
import { defineScanRule, firstHeader, pageResponse } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/x-powered-by',
  title: 'X-Powered-By names the framework',
  severity: 'low',
  docs: {
    why:
      '`X-Powered-By: Express` or `Next.js` tells scanners which framework to try their exploits for, on every ' +
      'response, and serves no purpose. Turning it off costs nothing.',
    fix:
      'Express: `app.disable("x-powered-by")` (Helmet also removes it); Next.js: `poweredByHeader: false` in next.config; ' +
      'at the proxy: `proxy_hide_header X-Powered-By;` (nginx).',
    refs: ['https://expressjs.com/en/advanced/best-practice-security.html#reduce-fingerprinting', 'https://nextjs.org/docs/app/api-reference/config/next-config-js/poweredByHeader'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    const poweredBy = page ? firstHeader(page.headers, 'x-powered-by') : undefined;
    if (page && poweredBy !== undefined) {
      ctx.report({ message: `the response names its framework: X-Powered-By: ${poweredBy}`, location: { url: page.url }, evidence: `X-Powered-By: ${poweredBy}`, about: 'X-Powered-By' });
    }
  },
});
