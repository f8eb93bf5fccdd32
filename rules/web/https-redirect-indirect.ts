/** web/https-redirect-indirect — the first redirect from HTTP is not straight to HTTPS on the same host. */
import { defineScanRule, PROBE } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/https-redirect-indirect',
  title: 'The HTTP redirect does not go straight to HTTPS on the same host',
  severity: 'low',
  docs: {
    why:
      'HSTS can only be set by an HTTPS response of the same host. When the first redirect goes to another plain-HTTP ' +
      'URL or to a different host, the browser never learns HSTS for the host the user typed, and each extra plain hop ' +
      'is another chance to intercept the visitor.',
    fix: 'Make the first redirect of http://host/… go to https://host/… (same host); redirect to other hosts only from HTTPS.',
    refs: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security'],
  },
  check(ctx) {
    const probe = ctx.scan.probes[PROBE.http];
    const first = probe?.response?.redirects[0];
    if (!probe?.response || !first?.location || !probe.response.url.startsWith('https:')) return;
    const from = new URL(first.url);
    const to = new URL(first.location, first.url);
    if (to.protocol !== 'https:') {
      ctx.report({ message: `the first redirect goes to ${to.href}, still plain HTTP`, location: { url: first.url } });
    } else if (to.hostname !== from.hostname) {
      ctx.report({ message: `the first redirect changes host (${from.hostname} → ${to.hostname}): HSTS is never set for ${from.hostname}`, location: { url: first.url } });
    }
  },
});
