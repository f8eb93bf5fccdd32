/** web/allowed-hosts-wildcard — a request with a made-up Host header is served. */
import { defineScanRule, firstHeader, htmlTitle, pageResponse, PROBE, responseOf } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/allowed-hosts-wildcard',
  title: 'Any Host header is accepted (ALLOWED_HOSTS = *)',
  severity: 'medium',
  probes: [PROBE.bogusHost],
  docs: {
    why:
      'Django, and Node.js apps that use req.hostname, build absolute URLs (password-reset links, redirects, sitemaps) from the Host header. If any host is ' +
      'accepted, an attacker who requests a password reset with their own Host gets a reset link pointing at their ' +
      'server sent to the victim, and caches can be poisoned the same way.',
    fix:
      'ALLOWED_HOSTS = ["example.com", "www.example.com"]  # never "*"\n\nand a default nginx server block that drops unknown hosts (`return 444;`). ' +
      'Node.js frameworks accept any Host: drop unknown hosts at the proxy, or reject them first thing in the app ' +
      '(`if (!allowed.has(req.hostname)) return res.sendStatus(400);`).',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts', 'https://docs.djangoproject.com/en/stable/topics/security/#host-headers-virtual-hosting'],
  },
  check(ctx) {
    const probe = ctx.scan.probes[PROBE.bogusHost];
    const response = responseOf(ctx.scan, PROBE.bogusHost);
    const bogus = probe?.request.headers.host;
    if (!response || !bogus) return;
    const location = firstHeader(response.headers, 'location') ?? '';
    const redirectsToBogus = response.status >= 300 && response.status < 400 && location.includes(bogus);
    let served = response.status >= 200 && response.status < 300;
    // A proxy's default server (nginx's welcome page) also answers 200; only the same page as the site counts.
    const page = pageResponse(ctx.scan);
    const pageTitle = page ? htmlTitle(page.body) : undefined;
    if (served && pageTitle !== undefined && htmlTitle(response.body) !== pageTitle) served = false;
    if (!served && !redirectsToBogus) return;
    ctx.report({
      message: redirectsToBogus
        ? `a request for Host: ${bogus} is redirected to that host: the site builds URLs from any Host header`
        : `a request for Host: ${bogus} is served (HTTP ${response.status}) instead of rejected with 400`,
      location: { url: probe.request.url },
      evidence: `Host: ${bogus} → HTTP ${response.status}${redirectsToBogus ? ` Location: ${location}` : ''}`,
      about: 'bogus host accepted',
    });
  },
});
