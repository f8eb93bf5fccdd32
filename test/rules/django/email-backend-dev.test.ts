import { ruleTester, settings52 as settings } from '../../helpers/rule-tester.js';

ruleTester('django/email-backend-dev', {
  valid: [
    { name: 'SMTP', files: settings("EMAIL_BACKEND = 'django.core.mail.backends.smtp.EmailBackend'\n") },
    { name: 'the default', files: settings('DEBUG = False\n') },
  ],
  invalid: [
    {
      name: 'the console backend',
      files: settings("DEBUG = False\nEMAIL_BACKEND = 'django.core.mail.backends.console.EmailBackend'\n"),
      findings: [{ at: 'mysite/settings.py:2', severity: 'medium', confidence: 'certain' }],
    },
    {
      name: 'django-environ email_url defaulting to consolemail://',
      files: settings("import environ\nenv = environ.Env()\nEMAIL_BACKEND = env.email_url('EMAIL_URL', default='consolemail://')['EMAIL_BACKEND']\n"),
      findings: [{ at: 'mysite/settings.py:3', confidence: 'default' }],
    },
    {
      name: 'django-environ EMAIL_CONFIG applied with vars().update()',
      files: settings("import environ\nenv = environ.Env()\nEMAIL_CONFIG = env.email_url('EMAIL_URL', default='filemail:///tmp/mail')\nvars().update(EMAIL_CONFIG)\n"),
      findings: [{ at: 'mysite/settings.py:4', message: 'filebased' }],
    },
  ],
});
