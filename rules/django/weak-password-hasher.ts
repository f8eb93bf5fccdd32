/** django/weak-password-hasher — PASSWORD_HASHERS[0] (the one new hashes use) is a fast, weak hash. */
import { confidenceOf, defineRule, settingLocation, versionAtLeast } from '../../src/api/django.js';

const PREFIX = 'django.contrib.auth.hashers.';
/** Legacy hashers that 3.2 still ships and 5.2 no longer has. */
const LEGACY = ['UnsaltedMD5PasswordHasher', 'SHA1PasswordHasher', 'UnsaltedSHA1PasswordHasher', 'CryptPasswordHasher'];

export default defineRule({
  id: 'django/weak-password-hasher',
  title: 'Passwords are hashed with a weak algorithm',
  severity: 'high',
  docs: {
    why:
      'Django hashes new and changed passwords with the first entry of PASSWORD_HASHERS. MD5 and SHA1 hashers (salted ' +
      'or not) and crypt are single fast rounds, so a leaked user table is cracked at billions of guesses per second; ' +
      'the unsalted ones also give equal passwords equal hashes. MD5PasswordHasher exists to speed up test suites, ' +
      'and a test settings file is often where it leaks in from.',
    fix:
      "Remove PASSWORD_HASHERS (Django's default starts with PBKDF2) or put a strong hasher first:\n\n" +
      'PASSWORD_HASHERS = [\n' +
      '    "django.contrib.auth.hashers.Argon2PasswordHasher",   # needs argon2-cffi\n' +
      '    "django.contrib.auth.hashers.PBKDF2PasswordHasher",\n' +
      ']',
    refs: ['https://docs.djangoproject.com/en/stable/topics/auth/passwords/#using-argon2-with-django'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || !settings.has('PASSWORD_HASHERS')) return;
    const hashers = settings.get('PASSWORD_HASHERS');
    if (hashers.kind !== 'list' && hashers.kind !== 'tuple') return;
    const first = hashers.items[0];
    if (first?.kind !== 'str' || !first.value.startsWith(PREFIX)) return;
    const name = first.value.slice(PREFIX.length);
    const weak = name === 'MD5PasswordHasher' || (LEGACY.includes(name) && !versionAtLeast(ctx.project.djangoVersion.version, '5.2'));
    if (!weak) return;
    ctx.report({
      location: first.loc ?? settingLocation(settings, 'PASSWORD_HASHERS', hashers),
      confidence: confidenceOf(first),
      message: `PASSWORD_HASHERS[0] is ${name}: new and changed passwords are stored as a fast, crackable hash`,
      snippet: `PASSWORD_HASHERS[0] ${name}`,
    });
  },
});
