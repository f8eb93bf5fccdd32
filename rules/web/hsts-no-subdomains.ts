/** web/hsts-no-subdomains — HSTS without includeSubDomains. */
import { defineScanRule, firstHeader, pageResponse } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/hsts-no-subdomains',
  title: 'HSTS does not include subdomains',
  severity: 'low',
  docs: {
    why:
      'Without includeSubDomains an attacker can serve a plain-HTTP subdomain (real or spoofed on a hostile network) and ' +
      'set cookies for the parent domain from it, which the HTTPS site will then trust.',
    fix: 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True  # once every subdomain serves HTTPS',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page?.url.startsWith('https:')) return;
    const value = firstHeader(page.headers, 'strict-transport-security');
    if (value === undefined || /(^|;)\s*includesubdomains\s*(;|$)/i.test(value)) return;
    ctx.report({ message: 'Strict-Transport-Security lacks includeSubDomains', location: { url: page.url }, evidence: value });
  },
});
