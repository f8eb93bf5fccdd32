/** django/debug-propagate-exceptions — DEBUG_PROPAGATE_EXCEPTIONS hands exceptions to the WSGI server. */
import { defineRule, describeSetting, settingReport, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/debug-propagate-exceptions',
  title: 'DEBUG_PROPAGATE_EXCEPTIONS is on',
  severity: 'medium',
  docs: {
    why:
      'Normally Django turns an unhandled exception into a 500 response (handler500), logs it and mails ADMINS. With ' +
      'DEBUG_PROPAGATE_EXCEPTIONS the exception skips all of that and goes up to the WSGI/ASGI server, which then ' +
      'decides what the client sees (some servers show a traceback), and Django\'s error logging and mails never happen.',
    fix: 'Remove it (the default is False), or:\n\nDEBUG_PROPAGATE_EXCEPTIONS = False',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#debug-propagate-exceptions'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('DEBUG_PROPAGATE_EXCEPTIONS');
    if (truthy(value) !== true) return;
    ctx.report({
      ...settingReport(settings, 'DEBUG_PROPAGATE_EXCEPTIONS', value),
      message:
        `${describeSetting(settings, 'DEBUG_PROPAGATE_EXCEPTIONS', value)}: unhandled exceptions bypass Django's 500 ` +
        'page, error logging and ADMINS mails and reach the WSGI server',
    });
  },
});
