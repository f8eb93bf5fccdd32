/** web/csp-missing — no Content-Security-Policy. */
import { defineScanRule, headerValues, pageResponse } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/csp-missing',
  title: 'Content-Security-Policy is missing',
  severity: 'medium',
  docs: {
    why:
      'A Content-Security-Policy limits where scripts, styles and frames may come from, so an XSS bug cannot simply load ' +
      'or inline an attacker’s script. Without one, every injection is a full compromise of the page.',
    fix:
      'Django 6.0+: SECURE_CSP = {"default-src": [CSP.SELF], "script-src": [CSP.SELF, CSP.NONCE]} with ' +
      'ContentSecurityPolicyMiddleware; earlier versions: django-csp. Start with Content-Security-Policy-Report-Only.',
    refs: ['https://docs.djangoproject.com/en/dev/ref/csp/', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/CSP'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page || headerValues(page.headers, 'content-security-policy').length) return;
    if (/<meta[^>]+http-equiv\s*=\s*["']?content-security-policy/i.test(page.body)) return;
    const reportOnly = headerValues(page.headers, 'content-security-policy-report-only').length > 0;
    ctx.report({
      message: reportOnly ? 'only Content-Security-Policy-Report-Only is sent: nothing is enforced' : 'no Content-Security-Policy header',
      location: { url: page.url },
    });
  },
});
