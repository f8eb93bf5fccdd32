/** web/tls-legacy-protocol — TLS 1.0 or 1.1 still accepted. */
import { defineScanRule } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/tls-legacy-protocol',
  title: 'TLS 1.0 or 1.1 is still accepted',
  severity: 'medium',
  docs: {
    why:
      'TLS 1.0 and 1.1 are deprecated (RFC 8996): they rely on SHA-1 and CBC constructions with known attacks, no current ' +
      'browser uses them, and SSL Labs caps a site that accepts them at B. Keeping them only helps a downgrade.',
    fix: 'Accept TLS 1.2 and 1.3 only: nginx `ssl_protocols TLSv1.2 TLSv1.3;`, or your load balancer’s modern TLS policy.',
    refs: ['https://www.rfc-editor.org/rfc/rfc8996', 'https://ssl-config.mozilla.org/'],
  },
  check(ctx) {
    const tls = ctx.scan.tls;
    if (!tls) return;
    const accepted = (['TLSv1', 'TLSv1.1'] as const).filter((version) => tls.legacy[version] === true);
    if (!accepted.length) return;
    ctx.report({ message: `the server completes a handshake with ${accepted.join(' and ')}`, location: { url: `https://${tls.host}:${tls.port}/` } });
  },
});
