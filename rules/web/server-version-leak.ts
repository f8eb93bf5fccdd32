/** web/server-version-leak — Server / X-Powered-By reveal software versions. */
import { defineScanRule, firstHeader, pageResponse } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/server-version-leak',
  title: 'Server software version is disclosed',
  severity: 'info',
  docs: {
    why:
      'Version numbers in Server or X-Powered-By let scanners match the site against known vulnerabilities without ' +
      'probing. Hiding them fixes nothing by itself, but it removes the easiest signal.',
    fix: 'nginx: `server_tokens off;`; remove X-Powered-By at the proxy (`proxy_hide_header X-Powered-By;`).',
    refs: ['https://owasp.org/www-project-secure-headers/#div-bestpractices'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    // WSGIServer (runserver) is web/runserver's finding.
    const server = firstHeader(page.headers, 'server');
    const poweredBy = firstHeader(page.headers, 'x-powered-by');
    const leaks = [server !== undefined && /\d+\.\d+/.test(server) && !/^WSGIServer\//i.test(server) ? `Server: ${server}` : undefined, poweredBy !== undefined ? `X-Powered-By: ${poweredBy}` : undefined].filter(
      (leak): leak is string => leak !== undefined,
    );
    if (leaks.length) ctx.report({ message: `the response discloses ${leaks.join(' and ')}`, location: { url: page.url }, evidence: leaks.join('; '), severity: 'low' });
  },
});
