/** reconcile/cookie-secure-stripped — the settings make a Django cookie Secure, but the live site sets it without Secure. */
import { defineReconcileRule, SECURE_COOKIES, secureCookieName, settingReport, siteCookies } from '../../src/api/reconcile.js';

export default defineReconcileRule({
  id: 'reconcile/cookie-secure-stripped',
  title: 'A cookie the settings make Secure is set without Secure on the live site',
  severity: 'high',
  docs: {
    why:
      'The settings production was inferred to run set SESSION_COOKIE_SECURE or CSRF_COOKIE_SECURE, yet the running ' +
      'site sets that cookie without the Secure flag, so browsers also send it over plain HTTP. Either production ' +
      'runs other settings (another settings module, an environment variable that turns the flag off), or something ' +
      'in front rewrites Set-Cookie (a proxy_cookie_flags or a CDN rule).',
    fix:
      'Check DJANGO_SETTINGS_MODULE and the environment on the host, and any Set-Cookie rewriting at the proxy; then ' +
      'check again with the settings and env files the host really uses (--settings, --env-file).',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#session-cookie-secure', 'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-cookie-secure'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const cookies = siteCookies(ctx.scan);
    for (const expectation of SECURE_COOKIES) {
      const name = secureCookieName(settings, expectation);
      const cookie = name === undefined ? undefined : cookies.find((candidate) => candidate.name === name && !candidate.secure);
      if (!cookie) continue;
      // web/cookie-insecure reports each cookie by name, where it was set.
      const twins = ctx.live.filter((finding) => finding.rule === 'web/cookie-insecure' && 'url' in finding.location && finding.location.url === cookie.setBy && finding.message.includes(`'${cookie.name}'`));
      for (const twin of twins) ctx.supersede(twin);
      const value = settings.get(expectation.secureSetting);
      ctx.report({
        ...settingReport(settings, expectation.secureSetting, value),
        message:
          `${expectation.secureSetting} makes the '${cookie.name}' cookie Secure, but ${cookie.setBy} sets it without Secure: ` +
          'production runs other settings, or something in front rewrites the cookie',
        related: [{ location: { url: cookie.setBy }, message: `Set-Cookie: ${cookie.name} without Secure` }],
      });
    }
  },
});
