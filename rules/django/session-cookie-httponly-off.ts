/** django/session-cookie-httponly-off — mirrors `security.W013`, `security.W014` and `security.W015`. */
import { checkSessionCookieFlag, defineRule } from '../../src/api/django.js';

export default defineRule({
  id: 'django/session-cookie-httponly-off',
  title: 'The session cookie is not HttpOnly',
  severity: 'medium',
  django: ['security.W013', 'security.W014', 'security.W015'],
  docs: {
    why:
      'An HttpOnly cookie cannot be read by JavaScript, so a cross-site-scripting bug cannot simply copy the session id ' +
      "out of document.cookie. Django's default is True; this fires only when someone turned it off. W013/W014/W015 " +
      'follow the same app / middleware / both split as W010-W012, and Django 4.1+ requires the boolean True.',
    fix: 'SESSION_COOKIE_HTTPONLY = True  # or delete the line: True is the default',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-httponly'],
  },
  check(ctx) {
    checkSessionCookieFlag(
      ctx,
      'SESSION_COOKIE_HTTPONLY',
      ['security.W013', 'security.W014', 'security.W015'],
      'scripts on the page can read the session cookie, so an XSS bug can steal sessions',
    );
  },
});
