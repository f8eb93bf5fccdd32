/** web/tls-expired — the certificate has expired (or expires within 30 days). */
import { defineScanRule } from '../../src/api/web.js';

const SOON_DAYS = 30;

export default defineScanRule({
  id: 'web/tls-expired',
  title: 'The TLS certificate has expired or expires soon',
  severity: 'critical',
  docs: {
    why:
      'An expired certificate breaks the site for every browser and client at once; one that expires within weeks will, ' +
      'unless renewal is automated and working. Renewal failures are silent until the day they are not.',
    fix: 'Renew the certificate and automate renewal (certbot’s timer, your platform’s managed certificates); alert on expiry under 30 days.',
    refs: ['https://letsencrypt.org/docs/integration-guide/'],
  },
  check(ctx) {
    const tls = ctx.scan.tls;
    const leaf = tls?.chain[0];
    if (!tls || !leaf) return;
    const location = { url: `https://${tls.host}:${tls.port}/` };
    const evidence = `valid until ${leaf.validTo}`;
    if (leaf.daysToExpiry < 0 || tls.authorizationError === 'CERT_HAS_EXPIRED') {
      ctx.report({ message: `the certificate expired ${-leaf.daysToExpiry} day(s) ago`, location, evidence });
    } else if (tls.authorizationError === 'CERT_NOT_YET_VALID') {
      ctx.report({ message: `the certificate is not valid yet (from ${leaf.validFrom})`, location, evidence, severity: 'high' });
    } else if (leaf.daysToExpiry < SOON_DAYS) {
      ctx.report({ message: `the certificate expires in ${leaf.daysToExpiry} day(s)`, location, evidence, severity: leaf.daysToExpiry < 7 ? 'high' : 'medium' });
    }
  },
});
