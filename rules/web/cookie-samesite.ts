/** web/cookie-samesite — a cookie without a valid SameSite (or SameSite=None without Secure). */
import { defineScanRule, siteCookies } from '../../src/api/web.js';

const VALID = new Set(['lax', 'strict', 'none']);

export default defineScanRule({
  id: 'web/cookie-samesite',
  title: 'Cookie without a valid SameSite attribute',
  severity: 'low',
  docs: {
    why:
      'SameSite=Lax or Strict keeps the browser from attaching the cookie to requests other sites trigger, a cheap second ' +
      'line of defence against CSRF. An unknown value is ignored by browsers, and SameSite=None without Secure is rejected.',
    fix: 'SESSION_COOKIE_SAMESITE = "Lax"\nCSRF_COOKIE_SAMESITE = "Lax"  # both the default; check nothing set them to None',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite'],
  },
  check(ctx) {
    for (const cookie of siteCookies(ctx.scan)) {
      const value = cookie.sameSite?.toLowerCase();
      let problem: string | undefined;
      if (value === undefined) problem = 'has no SameSite attribute';
      else if (!VALID.has(value)) problem = `has an invalid SameSite value '${cookie.sameSite}'`;
      else if (value === 'none' && !cookie.secure) problem = 'is SameSite=None without Secure (browsers reject it)';
      if (problem) ctx.report({ message: `cookie '${cookie.name}' ${problem}`, location: { url: cookie.setBy } });
    }
  },
});
