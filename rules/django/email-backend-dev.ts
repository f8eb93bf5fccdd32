/** django/email-backend-dev — EMAIL_BACKEND is a development backend that never sends mail. */
import { defineRule, describeSetting, settingReport } from '../../src/api/django.js';

const DEV_BACKENDS: Record<string, string> = {
  'django.core.mail.backends.console.EmailBackend': 'printed to standard output',
  'django.core.mail.backends.filebased.EmailBackend': 'written to files on the server',
  'django.core.mail.backends.locmem.EmailBackend': 'kept in memory',
  'django.core.mail.backends.dummy.EmailBackend': 'dropped',
};

export default defineRule({
  id: 'django/email-backend-dev',
  title: 'Email goes to a development backend',
  severity: 'medium',
  docs: {
    why:
      'The console, file, locmem and dummy email backends are for development and tests: nothing reaches an inbox. ' +
      'In production that silently breaks password resets, account activation and the error reports Django mails to ' +
      'ADMINS. The console backend also writes whole messages, reset links included, into the logs. With ' +
      "django-environ, EMAIL_URL=consolemail:// (often the code's default) selects the console backend.",
    fix:
      'Use SMTP or a provider backend, configured from the environment:\n\n' +
      'EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"\n' +
      'EMAIL_HOST = os.environ["EMAIL_HOST"]\n' +
      '# django-environ: vars().update(env.email_url("EMAIL_URL"))  with EMAIL_URL=smtp+tls://…',
    refs: [
      'https://docs.djangoproject.com/en/stable/topics/email/#email-backends',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#email-backend-and-related-settings',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('EMAIL_BACKEND');
    if (value.kind !== 'str') return;
    const fate = DEV_BACKENDS[value.value];
    if (!fate) return;
    ctx.report({
      ...settingReport(settings, 'EMAIL_BACKEND', value),
      message: `${describeSetting(settings, 'EMAIL_BACKEND', value)}: every email (password resets, error reports) is ${fate}`,
    });
  },
});
