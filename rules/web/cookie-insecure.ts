/** web/cookie-insecure — a cookie set without the Secure flag. */
import { defineScanRule, isCsrfCookie, isSessionCookie, siteCookies } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/cookie-insecure',
  title: 'Cookie without the Secure flag',
  severity: 'medium',
  docs: {
    why:
      'A cookie without Secure is also sent over plain HTTP, where anyone on the path can read it: a session cookie ' +
      'read that way is a logged-in session stolen. HSTS narrows the window but does not cover the first visit.',
    fix: 'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\n\n(and `secure=True` on cookies you set yourself).',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure', 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure'],
  },
  check(ctx) {
    for (const cookie of siteCookies(ctx.scan)) {
      if (cookie.secure) continue;
      const session = isSessionCookie(cookie.name);
      ctx.report({
        message: `cookie '${cookie.name}' is set without Secure`,
        location: { url: cookie.setBy },
        ...(session ? { severity: 'high' as const } : isCsrfCookie(cookie.name) ? {} : { severity: 'low' as const }),
      });
    }
  },
});
