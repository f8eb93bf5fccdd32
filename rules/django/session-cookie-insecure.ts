/** django/session-cookie-insecure — mirrors `security.W010`, `security.W011` and `security.W012`. */
import { checkSessionCookieFlag, defineRule } from '../../src/api/django.js';

export default defineRule({
  id: 'django/session-cookie-insecure',
  title: 'The session cookie is not Secure',
  severity: 'high',
  django: ['security.W010', 'security.W011', 'security.W012'],
  docs: {
    why:
      'Without SESSION_COOKIE_SECURE the browser also sends the session cookie over plain HTTP, where anyone on the ' +
      'network path (public Wi-Fi, a hostile proxy) can copy it and take over the session. Like `check --deploy`, the ' +
      'rule reports W010 when only the sessions app is installed, W011 when only SessionMiddleware is used and W012 ' +
      'when both are. Django 4.1+ requires the boolean True; up to 4.0 any truthy value passes.',
    fix: 'SESSION_COOKIE_SECURE = True',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure'],
  },
  check(ctx) {
    checkSessionCookieFlag(
      ctx,
      'SESSION_COOKIE_SECURE',
      ['security.W010', 'security.W011', 'security.W012'],
      'the session cookie is also sent over plain HTTP, where it can be sniffed and the session hijacked',
    );
  },
});
