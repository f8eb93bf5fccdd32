import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/cookie-samesite-none', {
  valid: [{ name: 'the defaults or Strict', files: settingsFiles("CSRF_COOKIE_SAMESITE = 'Strict'\n") }],
  invalid: [
    {
      name: "'None' without Secure (high) and Python None",
      files: settingsFiles("SESSION_COOKIE_SAMESITE = 'None'\nCSRF_COOKIE_SAMESITE = None\n"),
      findings: [
        { at: 'mysite/settings.py:1', severity: 'high' },
        { at: 'mysite/settings.py:2', severity: 'medium' },
      ],
    },
    {
      name: 'high on an invalid value',
      files: settingsFiles("SESSION_COOKIE_SAMESITE = 'Relaxed'\n"),
      findings: [{ severity: 'high', message: 'ValueError' }],
    },
  ],
});
