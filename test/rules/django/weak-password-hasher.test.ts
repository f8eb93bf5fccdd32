import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/weak-password-hasher', {
  valid: [
    {
      name: 'a strong first hasher, a weak one further down',
      files: settingsFiles(
        "PASSWORD_HASHERS = ['django.contrib.auth.hashers.Argon2PasswordHasher', 'django.contrib.auth.hashers.MD5PasswordHasher']\n",
        {},
        '5.2.8',
      ),
    },
  ],
  invalid: [
    {
      name: 'MD5PasswordHasher first',
      files: settingsFiles(
        "PASSWORD_HASHERS = [\n    'django.contrib.auth.hashers.MD5PasswordHasher',\n    'django.contrib.auth.hashers.PBKDF2PasswordHasher',\n]\n",
        {},
        '5.2.8',
      ),
      findings: [{ at: 'mysite/settings.py:2', severity: 'high', confidence: 'certain' }],
    },
    {
      name: 'UnsaltedSHA1PasswordHasher on 3.2',
      files: settingsFiles("PASSWORD_HASHERS = ['django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher']\n", {}, '3.2.25'),
      findings: [{}],
    },
  ],
});
