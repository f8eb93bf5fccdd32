/** django/use-x-forwarded-host — the request host comes from a header the client can send. */
import { defineRule, describeSetting, nginxOverwritesForwardedHost, settingReport, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/use-x-forwarded-host',
  title: 'USE_X_FORWARDED_HOST trusts a client-supplied header',
  severity: 'low',
  docs: {
    why:
      'With USE_X_FORWARDED_HOST on, request.get_host() reads X-Forwarded-Host instead of Host. Unless every request ' +
      'passes through a proxy that overwrites (not appends to) that header, a client chooses the host Django uses to ' +
      'build absolute URLs: password-reset links, redirects and cache keys. ALLOWED_HOSTS still applies, so the damage ' +
      'is limited to the hosts it allows, which is why this is low unless ALLOWED_HOSTS is a wildcard, and info when ' +
      'the repository\'s nginx configuration overwrites the header ($host, $server_name or a fixed name).',
    fix:
      'Leave it off unless your proxy sets the header itself:\n\nUSE_X_FORWARDED_HOST = False\n\n' +
      'If you need it, make the proxy overwrite X-Forwarded-Host (nginx: proxy_set_header X-Forwarded-Host $host;) and ' +
      'keep ALLOWED_HOSTS to your real domains.',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#use-x-forwarded-host',
      'https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('USE_X_FORWARDED_HOST');
    if (truthy(value) !== true) return;
    const base = settingReport(settings, 'USE_X_FORWARDED_HOST', value);
    const overwrite = nginxOverwritesForwardedHost(ctx.workspace);
    if (overwrite) {
      ctx.report({
        ...base,
        severity: 'info',
        message:
          `${describeSetting(settings, 'USE_X_FORWARDED_HOST', value)}: the repository's nginx sets X-Forwarded-Host to ` +
          `${overwrite.value}, so the header is no more client-controlled than Host, as long as every request goes through that nginx`,
        related: [...base.related, { location: overwrite.location, message: `nginx overwrites X-Forwarded-Host with ${overwrite.value}` }],
      });
      return;
    }
    ctx.report({
      ...base,
      message: `${describeSetting(settings, 'USE_X_FORWARDED_HOST', value)}: the host comes from the client-controlled X-Forwarded-Host header unless a trusted proxy overwrites it`,
    });
  },
});
