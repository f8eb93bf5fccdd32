/** web/tls-hostname-mismatch — the certificate does not name the host. */
import { defineScanRule } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/tls-hostname-mismatch',
  title: 'The TLS certificate does not match the host name',
  severity: 'high',
  docs: {
    why:
      'A certificate proves identity only for the names it lists. If the host is not among them, browsers refuse the ' +
      'connection exactly as they would for an impostor, and clients that skip the check are open to one.',
    fix: 'Issue the certificate for every name the site answers on (apex and www, API hosts), or redirect the others from a host that has one.',
    refs: ['https://www.rfc-editor.org/rfc/rfc6125'],
  },
  check(ctx) {
    const tls = ctx.scan.tls;
    const leaf = tls?.chain[0];
    if (!tls || !leaf || tls.hostnameMatches !== false) return;
    const names = leaf.subjectAltNames.length ? leaf.subjectAltNames.join(', ') : (leaf.subjectCN ?? 'nothing');
    ctx.report({ message: `the certificate is for ${names}, not ${tls.host}`, location: { url: `https://${tls.host}:${tls.port}/` } });
  },
});
