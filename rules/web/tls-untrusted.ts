/** web/tls-untrusted — the certificate chain does not verify (self-signed, unknown CA, missing intermediate). */
import { defineScanRule } from '../../src/api/web.js';

const EXPIRY_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

export default defineScanRule({
  id: 'web/tls-untrusted',
  title: 'The TLS certificate is not trusted',
  severity: 'high',
  docs: {
    why:
      'Browsers show a full-page warning for a certificate they cannot chain to a trusted root, and API clients refuse ' +
      'to connect. A self-signed certificate or a missing intermediate also trains users to click through warnings, ' +
      'which is exactly what an attacker needs.',
    fix:
      'Serve a certificate from a public CA (Let’s Encrypt is free) with the full chain: in nginx ' +
      '`ssl_certificate` must point at the fullchain file, not the leaf alone.',
    refs: ['https://letsencrypt.org/docs/', 'https://nodejs.org/api/tls.html#x509-certificate-error-codes'],
  },
  check(ctx) {
    const tls = ctx.scan.tls;
    if (!tls || tls.authorized !== false || !tls.authorizationError || EXPIRY_ERRORS.has(tls.authorizationError)) return;
    const leaf = tls.chain[0];
    ctx.report({
      message: `the certificate chain does not verify: ${tls.authorizationError}${leaf?.selfSigned ? ' (self-signed)' : ''}`,
      location: { url: `https://${tls.host}:${tls.port}/` },
      ...(leaf ? { evidence: `subject ${leaf.subjectCN ?? '?'}, issuer ${leaf.issuerCN ?? '?'}` } : {}),
    });
  },
});
