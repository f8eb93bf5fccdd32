/** django/sentry-send-default-pii — the settings start Sentry with send_default_pii=True. */
import { confidenceOf, defineRule, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/sentry-send-default-pii',
  title: 'Sentry is sent personal data of every user',
  severity: 'low',
  docs: {
    why:
      '`sentry_sdk.init(send_default_pii=True)` makes the SDK attach personal data to every event it sends: the ' +
      "user's IP address, the logged-in user's id, username and e-mail, and the request's cookies, headers and " +
      'body (the SDK scrubs only the names it knows, such as sessionid and password). That data then lives at a ' +
      'third party, under its retention, which privacy law (GDPR and the like) asks you to justify, disclose and ' +
      'minimise, and a leaked Sentry project leaks it too. With tracing on, every sampled request carries it, not ' +
      'just errors. The settings module production runs is read; a call inside a branch the code may not take is ' +
      'reported too.',
    fix:
      'Leave it off (the default) and attach only what you need, e.g. the user id:\n\n' +
      'sentry_sdk.init(dsn=SENTRY_DSN, integrations=[DjangoIntegration()], send_default_pii=False)\n' +
      '# in a middleware or view: sentry_sdk.set_user({"id": request.user.pk})\n\n' +
      'If you keep it on, say so in your privacy notice and set a short retention in Sentry.',
    refs: [
      'https://docs.sentry.io/platforms/python/configuration/options/#send-default-pii',
      'https://docs.sentry.io/platforms/python/data-management/data-collected/',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    for (const call of settings.libraryCalls) {
      if (call.callee !== 'sentry_sdk.init') continue;
      const flag = call.keywords.get('send_default_pii');
      if (!flag || truthy(flag) !== true) continue;
      ctx.report({
        location: flag.loc ?? call.location,
        confidence: confidenceOf(flag),
        message:
          'sentry_sdk.init() is called with send_default_pii=True: every event sent to Sentry carries user IP addresses, ' +
          'user names and e-mails, cookies and request headers',
        snippet: 'sentry_sdk.init send_default_pii',
      });
    }
  },
});
