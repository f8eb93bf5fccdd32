/** django/password-policy-weak — AUTH_PASSWORD_VALIDATORS that accept very short passwords. */
import { defineRule, dictGet, pyRepr, settingReport } from '../../src/api/django.js';
import type { PyValue } from '../../src/api/django.js';

const MINIMUM_LENGTH = 'django.contrib.auth.password_validation.MinimumLengthValidator';
const BUILT_IN_PREFIX = 'django.contrib.auth.password_validation.';
/** Django's own default for MinimumLengthValidator, and the floor NIST SP 800-63B sets. */
const FLOOR = 8;

/** The minimum length a validator entry enforces: its OPTIONS min_length, else Django's default; undefined when not known. */
function minLengthOf(entry: PyValue): { length: number; at: PyValue } | undefined {
  const options = dictGet(entry, 'OPTIONS');
  if (options === undefined) return { length: FLOOR, at: entry };
  const length = dictGet(options, 'min_length');
  if (length === undefined) return options.kind === 'dict' ? { length: FLOOR, at: entry } : undefined;
  return length.kind === 'int' ? { length: length.value, at: length } : undefined;
}

export default defineRule({
  id: 'django/password-policy-weak',
  title: 'Password validation accepts very short passwords',
  severity: 'low',
  docs: {
    why:
      'AUTH_PASSWORD_VALIDATORS decides which passwords Django accepts when users sign up or change their password ' +
      '(forms, the admin, createsuperuser). MinimumLengthValidator defaults to 8 characters, the floor NIST SP 800-63B ' +
      'sets; lowering min_length, or listing only validators that do not check the length (or none at all), lets ' +
      'users pick passwords that an online guessing attack or a leaked hash breaks in seconds. Django has no system ' +
      'check for it. Not reported when the list holds a validator of your own (it may check the length) or when ' +
      'the project never sets the list.',
    fix:
      'Keep the validators startproject writes, with a length of at least 8:\n\n' +
      'AUTH_PASSWORD_VALIDATORS = [\n' +
      '    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},\n' +
      '    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},\n' +
      '    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},\n' +
      '    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},\n' +
      ']\n\n' +
      'Relax them in a development settings module only, never in the one production runs.',
    refs: [
      'https://docs.djangoproject.com/en/stable/topics/auth/passwords/#module-django.contrib.auth.password_validation',
      'https://pages.nist.gov/800-63-3/sp800-63b.html#memsecret',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || !settings.has('AUTH_PASSWORD_VALIDATORS')) return;
    const value = settings.get('AUTH_PASSWORD_VALIDATORS');
    if (value.kind !== 'list' && value.kind !== 'tuple') return;
    const report = settingReport(settings, 'AUTH_PASSWORD_VALIDATORS', value);
    const names: string[] = [];
    for (const entry of value.items) {
      const name = dictGet(entry, 'NAME');
      if (name?.kind !== 'str') return;
      names.push(name.value);
      if (name.value !== MINIMUM_LENGTH) continue;
      const minimum = minLengthOf(entry);
      if (!minimum || minimum.length >= FLOOR) return;
      ctx.report({
        ...report,
        location: minimum.at.loc ?? report.location,
        message: `MinimumLengthValidator accepts passwords of ${pyRepr(minimum.at)} character${minimum.length === 1 ? '' : 's'} (Django's default is ${FLOOR})`,
        snippet: 'MinimumLengthValidator min_length',
      });
      return;
    }
    // No length check at all: reported only when every validator is Django's own (one of yours may check the length).
    if (!names.every((name) => name.startsWith(BUILT_IN_PREFIX))) return;
    ctx.report({
      ...report,
      message: names.length
        ? `AUTH_PASSWORD_VALIDATORS has no MinimumLengthValidator: a one-character password passes ${names.map((name) => name.slice(BUILT_IN_PREFIX.length)).join(', ')}`
        : 'AUTH_PASSWORD_VALIDATORS is empty: Django accepts any password, a one-character one included',
      snippet: 'AUTH_PASSWORD_VALIDATORS no length',
    });
  },
});
