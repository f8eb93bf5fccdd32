/** web/cookie-httponly — a cookie readable by JavaScript (HttpOnly missing). CSRF cookies are exempt. */
import { defineScanRule, isCsrfCookie, isSessionCookie, siteCookies } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/cookie-httponly',
  title: 'Cookie without the HttpOnly flag',
  severity: 'low',
  docs: {
    why:
      'Without HttpOnly any script on the page, including one injected through an XSS bug, can read the cookie and send ' +
      'it elsewhere; for a session cookie that is the session. (Django’s CSRF cookie is meant to be readable by your ' +
      'JavaScript, so it is not flagged.)',
    fix: 'SESSION_COOKIE_HTTPONLY = True  # the default; check nothing turned it off\n\n(and `httponly=True` on cookies you set yourself).',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly'],
  },
  check(ctx) {
    for (const cookie of siteCookies(ctx.scan)) {
      if (cookie.httpOnly || isCsrfCookie(cookie.name)) continue;
      ctx.report({
        message: `cookie '${cookie.name}' is set without HttpOnly`,
        location: { url: cookie.setBy },
        ...(isSessionCookie(cookie.name) ? { severity: 'medium' as const } : {}),
      });
    }
  },
});
