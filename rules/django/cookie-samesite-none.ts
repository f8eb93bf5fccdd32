/** django/cookie-samesite-none — the session or CSRF cookie is sent on cross-site requests. */
import { defineRule, describeSetting, pyRepr, settingLocation, settingReport, truthy, versionAtLeast } from '../../src/api/django.js';

const COOKIES = [
  { name: 'SESSION_COOKIE_SAMESITE', secure: 'SESSION_COOKIE_SECURE', cookie: 'session' },
  { name: 'CSRF_COOKIE_SAMESITE', secure: 'CSRF_COOKIE_SECURE', cookie: 'CSRF' },
] as const;

export default defineRule({
  id: 'django/cookie-samesite-none',
  title: 'A cookie is sent on cross-site requests (SameSite None or unset)',
  severity: 'medium',
  docs: {
    why:
      'SameSite=Lax (Django\'s default) keeps the browser from sending the session and CSRF cookies on cross-site ' +
      'POSTs and sub-requests, a second line of defence against CSRF and cross-site leaks. The string "None" sends them ' +
      'on every cross-site request and browsers drop such a cookie unless it is also Secure; Python None (or another ' +
      'false value) omits the attribute, so the browser\'s own default applies, which differs between browsers. Any other ' +
      'value makes HttpResponse.set_cookie raise ValueError, so every response that sets the cookie fails. Django ' +
      'before 2.1 has neither setting and never sends the attribute.',
    fix:
      'Keep the default unless a cross-site embed really needs the cookie:\n\n' +
      'SESSION_COOKIE_SAMESITE = "Lax"\nCSRF_COOKIE_SAMESITE = "Lax"\n\n' +
      'If you need "None", also set SESSION_COOKIE_SECURE = True and CSRF_COOKIE_SECURE = True.',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-samesite',
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-samesite',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const version = ctx.project.djangoVersion.version;
    if (!versionAtLeast(version, '2.1')) {
      ctx.report({
        location: settingLocation(settings, 'SESSION_COOKIE_SAMESITE'),
        confidence: 'certain',
        message:
          `Django ${version} sets no SameSite attribute on the session and CSRF cookies (SESSION_COOKIE_SAMESITE and ` +
          "CSRF_COOKIE_SAMESITE came in 2.1), so each browser's own default decides",
      });
      return;
    }
    for (const { name, secure, cookie } of COOKIES) {
      const value = settings.get(name);
      const on = truthy(value);
      if (on === undefined) continue;
      const base = { ...settingReport(settings, name, value), snippet: `${name} ${pyRepr(value)}` };
      const described = describeSetting(settings, name, value);
      if (!on) {
        ctx.report({ ...base, message: `${described}: the ${cookie} cookie gets no SameSite attribute, so each browser's own default decides` });
        continue;
      }
      // The string 'None' came in 3.1: before, set_cookie accepts only 'Lax' and 'Strict' (the branch below).
      if (value.kind === 'str' && value.value.toLowerCase() === 'none' && versionAtLeast(version, '3.1')) {
        const secureValue = settings.get(secure);
        const insecure = truthy(secureValue) === false;
        ctx.report({
          ...base,
          severity: insecure ? 'high' : 'medium',
          message: insecure
            ? `${described} and ${secure} is off: browsers reject a SameSite=None cookie that is not Secure, and over HTTP it is sent cross-site`
            : `${described}: the ${cookie} cookie is sent with every cross-site request`,
        });
        continue;
      }
      if (value.kind === 'str' && ['lax', 'strict'].includes(value.value.toLowerCase())) continue;
      const accepted = versionAtLeast(version, '3.1') ? "'Lax', 'Strict' or 'None'" : `'Lax' or 'Strict' (Django ${version}; 'None' came in 3.1)`;
      ctx.report({
        ...base,
        severity: 'high',
        message: `${described}: set_cookie accepts only ${accepted} and raises ValueError on every response that sets the ${cookie} cookie`,
      });
    }
  },
});
