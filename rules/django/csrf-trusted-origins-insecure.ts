/** django/csrf-trusted-origins-insecure — CSRF_TRUSTED_ORIGINS entries that weaken or break the Origin check. */
import { confidenceOf, defineRule, isLoopbackOrigin, pyRepr, settingReport, sharedPlatformDomain, versionAtLeast } from '../../src/api/django.js';

/** The domain a subdomain wildcard covers (`https://*.example.com`, or `.example.com` in the 3.2 host-only form). */
function subdomainWildcard(entry: string, schemes: boolean): string | undefined {
  const wildcard = /^[a-z]+:\/\/\*\.(.+)$/i.exec(entry);
  if (wildcard) return wildcard[1];
  return !schemes && entry.startsWith('.') ? entry.slice(1) : undefined;
}

export default defineRule({
  id: 'django/csrf-trusted-origins-insecure',
  title: 'CSRF_TRUSTED_ORIGINS trusts insecure, shared or malformed origins',
  severity: 'medium',
  docs: {
    why:
      'CSRF_TRUSTED_ORIGINS lists origins whose unsafe requests (POST, PUT, …) Django accepts. An http:// origin can be ' +
      'impersonated by anyone on the network path, so trusting it in production lets a man-in-the-middle forge ' +
      'requests. A wildcard over a shared platform domain (https://*.herokuapp.com, *.onrender.com, *.fly.dev, …) ' +
      'trusts every app anyone deploys there. A wildcard over your own domain (https://*.example.com, supported ' +
      'since Django 4.0) is not reported: you control its subdomains. A bare * or https://* matches no origin at all ' +
      '(Django needs a domain after *.) and only shows the check was meant to be switched off. Since Django 4.0 every ' +
      'entry must include the scheme; an entry without one (the 3.2 host-only form) fails the 4_0.E001 system check ' +
      'and never matches.',
    fix:
      'List exact HTTPS origins, or a wildcard over a domain you own:\n\n' +
      'CSRF_TRUSTED_ORIGINS = ["https://myapp.herokuapp.com", "https://*.example.com"]',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#csrf-trusted-origins',
      'https://docs.djangoproject.com/en/stable/releases/4.0/#csrf-trusted-origins-changes',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('CSRF_TRUSTED_ORIGINS');
    if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return;
    const schemes = versionAtLeast(ctx.project.djangoVersion.version, '4.0');
    const base = settingReport(settings, 'CSRF_TRUSTED_ORIGINS', value);
    for (const item of value.items) {
      if (item.kind !== 'str') continue;
      const entry = item.value;
      const at = {
        ...base,
        location: item.loc ?? base.location,
        confidence: confidenceOf(item) === 'default' ? ('default' as const) : base.confidence,
        snippet: `CSRF_TRUSTED_ORIGINS ${entry}`,
      };
      if (schemes && !entry.includes('://')) {
        ctx.report({
          ...at,
          severity: 'high',
          django: '4_0.E001',
          message: `CSRF_TRUSTED_ORIGINS entry ${pyRepr(item)} has no scheme: Django ${ctx.project.djangoVersion.version} requires one (e.g. 'https://${entry.replace(/^\./, '*.')}') and the system check fails`,
        });
      } else if (/^http:\/\//i.test(entry) && !isLoopbackOrigin(entry)) {
        ctx.report({ ...at, message: `CSRF_TRUSTED_ORIGINS trusts the plain-HTTP origin ${pyRepr(item)}, which a network attacker can impersonate` });
      } else if (/^(?:[a-z]+:\/\/)?\*\/?$/i.test(entry)) {
        ctx.report({
          ...at,
          severity: 'low',
          message: `CSRF_TRUSTED_ORIGINS entry ${pyRepr(item)} is meant to trust every origin: Django matches no origin against it (a wildcard needs a domain after '*.'), so list the real origins`,
        });
      } else {
        const domain = subdomainWildcard(entry, schemes);
        // A wildcard over a top-level domain (https://*.com) trusts every site registered under it.
        const shared = domain === undefined ? undefined : domain.includes('.') ? sharedPlatformDomain(domain) : domain;
        if (shared) {
          ctx.report({
            ...at,
            message: `CSRF_TRUSTED_ORIGINS entry ${pyRepr(item)} trusts every site under ${shared}, where anyone can host a page: list your app's own origin`,
          });
        }
      }
    }
  },
});
