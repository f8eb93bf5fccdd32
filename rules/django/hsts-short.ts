/** django/hsts-short — SECURE_HSTS_SECONDS is on but under six months (the static twin of web/hsts-short). */
import { defineRule, describeSetting, middlewareOn, SECURITY_MIDDLEWARE, settingReport, truthy } from '../../src/api/django.js';

/** Six months, the threshold web/hsts-short, the Observatory and testssl.sh use. */
const HSTS_MIN_SECONDS = 15_552_000;

export default defineRule({
  id: 'django/hsts-short',
  title: 'HSTS max-age is under six months',
  severity: 'low',
  docs: {
    why:
      'Browsers remember Strict-Transport-Security only for SECURE_HSTS_SECONDS. With a short value (an hour, a day, ' +
      'the 3600 the Django docs suggest for a first trial) a visitor who comes back after it ran out makes their ' +
      'first request over plain HTTP again, open to a downgrade. Six months is the usual minimum and a year the usual ' +
      'target. A short value is the right start while testing HTTPS, so this is low; it is the setting-side twin of ' +
      'the live web/hsts-short. Not reported when SECURE_HSTS_SECONDS is 0 (django/hsts-missing) or when ' +
      'SECURE_HSTS_PRELOAD is on (django/hsts-preload-too-short asks for a year already).',
    fix: 'Once the whole site (and, with includeSubDomains, every subdomain) works over HTTPS:\n\nSECURE_HSTS_SECONDS = 31536000  # one year',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/middleware/#http-strict-transport-security',
      'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Strict-Transport-Security',
      'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Strict_Transport_Security_Cheat_Sheet.html',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) === false) return;
    const seconds = settings.get('SECURE_HSTS_SECONDS');
    if (seconds.kind !== 'int' || seconds.value <= 0 || seconds.value >= HSTS_MIN_SECONDS) return;
    // Preload asks for a year: django/hsts-preload-too-short reports the same value, one problem one finding.
    if (truthy(settings.get('SECURE_HSTS_PRELOAD')) === true) return;
    const days = Math.floor(seconds.value / 86400);
    ctx.report({
      ...settingReport(settings, 'SECURE_HSTS_SECONDS', seconds),
      message:
        `${describeSetting(settings, 'SECURE_HSTS_SECONDS', seconds)} (${days ? `${days} days` : 'under a day'}): ` +
        'browsers forget HTTPS-only after that, so returning visitors make a plain-HTTP first request again; six months is the usual minimum',
    });
  },
});
