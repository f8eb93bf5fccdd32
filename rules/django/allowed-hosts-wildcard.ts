/**
 * django/allowed-hosts-wildcard — ALLOWED_HOSTS accepts any Host header, or falls back to '*' when
 * the variable production sets goes missing (medium, confidence `default`, like a fallback key).
 */
import { confidenceOf, defineRule, settingReport } from '../../src/api/django.js';
import type { EnvRead, PySequence, PyValue } from '../../src/api/django.js';

const isSequence = (value: PyValue): value is PySequence => value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set';
const isWildcard = (item: PyValue): boolean => item.kind === 'str' && item.value === '*';
const sourceOf = (read: EnvRead): string | undefined => read.sourceLabel ?? (read.source && 'file' in read.source ? read.source.file : undefined);

export default defineRule({
  id: 'django/allowed-hosts-wildcard',
  title: "ALLOWED_HOSTS contains '*'",
  severity: 'high',
  docs: {
    why:
      "'*' in ALLOWED_HOSTS switches off Django's Host header validation: any host name an attacker sends is accepted " +
      'and used by request.get_host() to build absolute URLs. That enables password-reset poisoning (the reset link in ' +
      "the victim's mail points at the attacker's host), cache poisoning and DNS-rebinding attacks against the site. " +
      "`check --deploy` only warns when ALLOWED_HOSTS is empty, so '*' passes it silently; other entries next to '*' do " +
      "not help, since any one match is enough. A '*' fallback (os.environ.get('ALLOWED_HOSTS', '*')) is reported " +
      'even when production sets the variable today, at medium severity with confidence default: one renamed or ' +
      'forgotten variable away from accepting any host.',
    fix:
      'List the real host names (a leading dot allows subdomains):\n\n' +
      'ALLOWED_HOSTS = ["example.com", ".example.com"]\n# from the environment, with no fallback: env.list("DJANGO_ALLOWED_HOSTS")',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts',
      'https://docs.djangoproject.com/en/stable/topics/security/#host-header-validation',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('ALLOWED_HOSTS');
    const wildcard = isSequence(value) ? value.items.find(isWildcard) : undefined;
    if (!wildcard) {
      // Like django/debug-default-true for DEBUG: production sets the variable, but the code still fails open.
      const fallback = value.ifUnset && isSequence(value.ifUnset.value) && value.ifUnset.value.items.some(isWildcard) ? value.ifUnset : undefined;
      if (!fallback) return;
      const names = fallback.names.join(', ');
      const setBy = [...new Set((value.env ?? []).filter((read) => read.set && fallback.names.includes(read.name)).map(sourceOf).filter(Boolean))];
      ctx.report({
        ...settingReport(settings, 'ALLOWED_HOSTS', value),
        message:
          `ALLOWED_HOSTS falls back to '*' when ${names} ${fallback.names.length > 1 ? 'are' : 'is'} unset: production sets ${fallback.names.length > 1 ? 'them' : 'it'} now` +
          `${setBy.length ? ` (${setBy.join(', ')})` : ''}, but a missing variable would make Django accept any Host header`,
        severity: 'medium',
        // True only if the variable goes missing: it fails open (counts half).
        confidence: 'default',
        snippet: "ALLOWED_HOSTS '*' fallback",
      });
      return;
    }
    if (!isSequence(value)) return;
    const report = settingReport(settings, 'ALLOWED_HOSTS', value);
    const others = value.items.length - 1;
    const unset = [...new Set([...(wildcard.env ?? []), ...(value.env ?? [])].filter((read) => !read.set).map((read) => read.name))];
    const fallback = unset.length ? ` because ${unset.join(', ')} ${unset.length > 1 ? 'are' : 'is'} unset and the code falls back to it` : '';
    ctx.report({
      ...report,
      location: wildcard.loc ?? report.location,
      confidence: confidenceOf(wildcard) === 'default' ? 'default' : report.confidence,
      message: `ALLOWED_HOSTS contains '*'${others > 0 ? ` (next to ${others} other host${others > 1 ? 's' : ''})` : ''}${fallback}, so Django accepts any Host header`,
      snippet: "ALLOWED_HOSTS '*'",
    });
  },
});
