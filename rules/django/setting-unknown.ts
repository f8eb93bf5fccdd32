/**
 * django/setting-unknown — a deploy-critical setting deploycheck could not evaluate.
 *
 * Rules never report on values they cannot see, so an unknown DEBUG or ALLOWED_HOSTS would
 * otherwise pass in silence; this rule says what was not checked and why.
 */
import { defineRule, envReadsOf, settingLocation } from '../../src/api/django.js';

/** The settings most deploy rules hinge on. */
const CRITICAL = [
  'DEBUG',
  'SECRET_KEY',
  'ALLOWED_HOSTS',
  'DATABASES',
  'MIDDLEWARE',
  'INSTALLED_APPS',
  'SECURE_SSL_REDIRECT',
  'SECURE_HSTS_SECONDS',
  'SESSION_COOKIE_SECURE',
  'CSRF_COOKIE_SECURE',
];

export default defineRule({
  id: 'django/setting-unknown',
  title: 'A deploy-critical setting could not be evaluated',
  severity: 'info',
  docs: {
    why:
      'deploycheck reports only what it can establish: a setting whose value it cannot work out (a call into a ' +
      'library it does not model, a loop, a value computed at run time) is skipped by every rule that reads it. ' +
      'For DEBUG, SECRET_KEY, ALLOWED_HOSTS and the HTTPS and cookie settings that means a blind spot, so it is ' +
      'listed here with the reason. A value the platform provides at run time (a variable set in app.json, ' +
      'fly.toml or render.yaml without a literal value) is not a blind spot and is not listed.',
    fix:
      'Pass the value deploycheck cannot see with --set NAME=value or --env-file, or write the setting so it can be ' +
      'read statically, e.g.:\n\nDEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"',
    refs: ['https://docs.djangoproject.com/en/stable/howto/deployment/checklist/'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    for (const name of CRITICAL) {
      const value = settings.get(name);
      if (value.kind !== 'unknown' || !settings.has(name)) continue;
      const reads = envReadsOf(value);
      if (reads.length && reads.every((read) => read.set)) continue;
      ctx.report({
        message: `${name} could not be evaluated (${value.reason}); the rules that read it were skipped`,
        location: settingLocation(settings, name, value),
      });
    }
  },
});
