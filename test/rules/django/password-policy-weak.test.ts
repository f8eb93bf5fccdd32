import { expect } from 'vitest';
import { ruleTester, settings52 as settings } from '../../helpers/rule-tester.js';

const V = 'django.contrib.auth.password_validation';

ruleTester('django/password-policy-weak', {
  valid: [
    { name: 'the default length', files: settings(`AUTH_PASSWORD_VALIDATORS = [{'NAME': '${V}.MinimumLengthValidator'}, {'NAME': '${V}.CommonPasswordValidator'}]\n`) },
    { name: 'a longer length', files: settings(`AUTH_PASSWORD_VALIDATORS = [{'NAME': '${V}.MinimumLengthValidator', 'OPTIONS': {'min_length': 12}}]\n`) },
    { name: 'a validator of the project', files: settings("AUTH_PASSWORD_VALIDATORS = [{'NAME': 'accounts.validators.PassphraseValidator'}]\n") },
    { name: 'a project that never sets the list', files: settings('DEBUG = False\n') },
  ],
  invalid: [
    {
      name: 'a MinimumLengthValidator below 8, at its min_length',
      files: settings(`AUTH_PASSWORD_VALIDATORS = [\n    {'NAME': '${V}.MinimumLengthValidator',\n     'OPTIONS': {\n         'min_length': 4,\n     }},\n]\n`),
      findings: [
        {
          at: 'mysite/settings.py:4',
          check: (finding) => expect(finding.message).toBe("MinimumLengthValidator accepts passwords of 4 characters (Django's default is 8)"),
        },
      ],
    },
    { name: 'an empty list', files: settings('AUTH_PASSWORD_VALIDATORS = []\n'), findings: [{ message: 'is empty' }] },
    {
      name: 'a list of built-ins without a length check',
      files: settings(`AUTH_PASSWORD_VALIDATORS = [{'NAME': '${V}.NumericPasswordValidator'}]\n`),
      findings: [{ message: 'has no MinimumLengthValidator' }],
    },
  ],
});
