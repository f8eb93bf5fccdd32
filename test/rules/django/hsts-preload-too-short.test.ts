import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const MIDDLEWARE = "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']\n";

ruleTester('django/hsts-preload-too-short', {
  valid: [{ name: 'one year', files: settingsFiles(`${MIDDLEWARE}SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_PRELOAD = True\n`) }],
  invalid: [
    {
      name: 'preload on and max-age under a year',
      files: settingsFiles(`${MIDDLEWARE}SECURE_HSTS_SECONDS = 3600\nSECURE_HSTS_PRELOAD = True\n`),
      findings: [{ at: 'mysite/settings.py:2' }],
    },
  ],
});
