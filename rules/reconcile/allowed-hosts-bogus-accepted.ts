/**
 * reconcile/allowed-hosts-bogus-accepted — ALLOWED_HOSTS in production's settings rejects a made-up
 * Host, yet the live site serves it. (The reverse — '*' in the settings — stays with the static and
 * live rules, which already agree.)
 */
import type { PyValue } from '../../src/api/reconcile.js';
import { defineReconcileRule, PROBE, settingReport } from '../../src/api/reconcile.js';

/** Django's host matching (django.utils.http.is_same_domain): exact, or `.example.com` for the domain and its subdomains. */
function hostAllowed(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  return p.startsWith('.') ? host.endsWith(p) || host === p.slice(1) : host === p;
}

/** The host names ALLOWED_HOSTS lists when every entry is known; undefined when any is not. */
function knownHosts(value: PyValue): string[] | undefined {
  if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return undefined;
  const hosts: string[] = [];
  for (const item of value.items) {
    if (item.kind !== 'str') return undefined;
    hosts.push(item.value);
  }
  return hosts;
}

export default defineReconcileRule({
  id: 'reconcile/allowed-hosts-bogus-accepted',
  title: 'ALLOWED_HOSTS rejects a made-up Host, the live site serves it',
  severity: 'medium',
  docs: {
    why:
      'The settings production was inferred to run list the host names Django answers, so a request for any other ' +
      'Host should get 400. The running site served one anyway: either production runs other settings (another ' +
      "settings module, an environment variable that sets ALLOWED_HOSTS to '*'), or the proxy in front rewrites the " +
      'Host header to an allowed name (nginx `proxy_set_header Host example.com;`), which hides the attacker\'s Host ' +
      'from Django while the proxy still builds URLs from it. Password-reset links and caches can then be poisoned.',
    fix:
      'Check ALLOWED_HOSTS and DJANGO_SETTINGS_MODULE in the host\'s environment; at the proxy pass the real host ' +
      '(`proxy_set_header Host $host;`) and drop unknown hosts in a default server block (`return 444;`).',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts', 'https://docs.djangoproject.com/en/stable/topics/security/#host-headers-virtual-hosting'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const probe = ctx.scan.probes[PROBE.bogusHost];
    const bogus = probe?.request.headers.host;
    if (!probe?.response || probe.error || !bogus) return;
    const value = settings.get('ALLOWED_HOSTS');
    const hosts = knownHosts(value);
    // Empty ALLOWED_HOSTS with DEBUG off rejects every host: the site would not work at all; leave it to the static rules.
    if (!hosts?.length || hosts.some((pattern) => hostAllowed(pattern, bogus))) return;
    // web/allowed-hosts-wildcard judged the answer (the site's own page, or a redirect to the bogus host).
    const twins = ctx.live.filter((finding) => finding.rule === 'web/allowed-hosts-wildcard');
    if (!twins.length) return;
    for (const twin of twins) ctx.supersede(twin);
    ctx.report({
      ...settingReport(settings, 'ALLOWED_HOSTS', value),
      message:
        `ALLOWED_HOSTS (${hosts.join(', ')}) rejects Host: ${bogus}, but ${probe.request.url} serves it (HTTP ${probe.response.status}): ` +
        'production runs other settings, or the proxy in front rewrites the Host header',
      related: [{ location: { url: probe.request.url }, message: twins[0]!.message }],
    });
  },
});
