/** django/coop-invalid — mirrors `security.E024` (Django 4.0+). */
import { defineRule, middlewareOn, pyRepr, SECURITY_MIDDLEWARE, settingReport, versionAtLeast } from '../../src/api/django.js';

const VALID = new Set(['same-origin', 'same-origin-allow-popups', 'unsafe-none']);

export default defineRule({
  id: 'django/coop-invalid',
  title: 'SECURE_CROSS_ORIGIN_OPENER_POLICY has an invalid value',
  severity: 'medium',
  django: 'security.E024',
  docs: {
    why:
      'Since Django 4.0 SecurityMiddleware sends a Cross-Origin-Opener-Policy header, which isolates your pages from ' +
      'windows other sites open (cross-window attacks, XS-Leaks). A value browsers do not know is ignored, leaving no ' +
      'isolation. Django reports it as an error (security.E024). Older Django versions have no such setting and no check.',
    fix:
      'Use same-origin, same-origin-allow-popups or unsafe-none (or None to send no header):\n\n' +
      'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || !versionAtLeast(ctx.project.djangoVersion.version, '4.0')) return;
    if (middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const value = settings.get('SECURE_CROSS_ORIGIN_OPENER_POLICY');
    // Only values Python can look up in a set: unknown, opaque and unhashable values are skipped.
    if (!['str', 'int', 'float', 'bool', 'bytes', 'path', 'tuple'].includes(value.kind)) return;
    if (value.kind === 'str' && VALID.has(value.value)) return;
    ctx.report({
      ...settingReport(settings, 'SECURE_CROSS_ORIGIN_OPENER_POLICY', value, settings.get('MIDDLEWARE')),
      message: `SECURE_CROSS_ORIGIN_OPENER_POLICY is ${pyRepr(value)}, which is not a valid Cross-Origin-Opener-Policy value`,
    });
  },
});
