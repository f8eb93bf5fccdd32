/** web/server-version-leak — the Server header reveals a software version (X-Powered-By is web/x-powered-by). */
import { defineScanRule, firstHeader, pageResponse } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/server-version-leak',
  title: 'Server software version is disclosed',
  severity: 'info',
  docs: {
    why:
      'A version number in the Server header lets scanners match the site against known vulnerabilities without ' +
      'probing. Hiding it fixes nothing by itself, but it removes the easiest signal.',
    fix: 'nginx: `server_tokens off;`; Apache: `ServerTokens Prod`.',
    refs: ['https://owasp.org/www-project-secure-headers/#div-bestpractices'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    // WSGIServer (runserver) is web/runserver's finding.
    const server = firstHeader(page.headers, 'server');
    if (server !== undefined && /\d+\.\d+/.test(server) && !/^WSGIServer\//i.test(server)) {
      ctx.report({ message: `the response discloses Server: ${server}`, location: { url: page.url }, about: 'version', evidence: `Server: ${server}`, severity: 'low' });
    }
  },
});
