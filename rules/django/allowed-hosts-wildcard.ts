/** django/allowed-hosts-wildcard — ALLOWED_HOSTS accepts any Host header. */
import { defineRule } from '../../src/engine/types.js';
import { confidenceOf } from '../../src/python/value.js';
import { settingReport } from '../../src/django/setting-helpers.js';

export default defineRule({
  id: 'django/allowed-hosts-wildcard',
  title: "ALLOWED_HOSTS contains '*'",
  severity: 'high',
  facts: ['settings'],
  docs: {
    why:
      "'*' in ALLOWED_HOSTS switches off Django's Host header validation: any host name an attacker sends is accepted " +
      'and used by request.get_host() to build absolute URLs. That enables password-reset poisoning (the reset link in ' +
      "the victim's mail points at the attacker's host), cache poisoning and DNS-rebinding attacks against the site. " +
      "`check --deploy` only warns when ALLOWED_HOSTS is empty, so '*' passes it silently; other entries next to '*' do " +
      'not help, since any one match is enough.',
    fix:
      'List the real host names (a leading dot allows subdomains):\n\n' +
      'ALLOWED_HOSTS = ["example.com", ".example.com"]\n# from the environment: env.list("DJANGO_ALLOWED_HOSTS")',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
      'https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('ALLOWED_HOSTS');
    if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return;
    const wildcard = value.items.find((item) => item.kind === 'str' && item.value === '*');
    if (!wildcard) return;
    const report = settingReport(settings, 'ALLOWED_HOSTS', value);
    const others = value.items.length - 1;
    const unset = [...new Set([...(wildcard.env ?? []), ...(value.env ?? [])].filter((read) => !read.set).map((read) => read.name))];
    const fallback = unset.length ? ` because ${unset.join(', ')} ${unset.length > 1 ? 'are' : 'is'} unset and the code falls back to it` : '';
    ctx.report({
      ...report,
      location: wildcard.loc ?? report.location,
      confidence: confidenceOf(wildcard) === 'default' ? 'default' : report.confidence,
      message: `ALLOWED_HOSTS contains '*'${others > 0 ? ` (next to ${others} other host${others > 1 ? 's' : ''})` : ''}${fallback}, so Django accepts any Host header`,
      about: "ALLOWED_HOSTS '*'",
    });
  },
});
