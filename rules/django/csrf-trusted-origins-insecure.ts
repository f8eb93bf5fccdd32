/** django/csrf-trusted-origins-insecure — CSRF_TRUSTED_ORIGINS entries that weaken or break the Origin check. */
import { defineRule } from '../../src/engine/types.js';
import { confidenceOf, pyRepr } from '../../src/python/value.js';
import { versionAtLeast } from '../../src/project/version.js';
import { settingReport } from '../../src/django/setting-helpers.js';
import { isLoopbackOrigin } from '../../src/django/origins.js';

export default defineRule({
  id: 'django/csrf-trusted-origins-insecure',
  title: 'CSRF_TRUSTED_ORIGINS trusts insecure, wildcard or malformed origins',
  severity: 'medium',
  facts: ['settings'],
  docs: {
    why:
      'CSRF_TRUSTED_ORIGINS lists origins whose unsafe requests (POST, PUT, …) Django accepts. An http:// origin can be ' +
      'impersonated by anyone on the network path, so trusting it in production lets a man-in-the-middle forge ' +
      'requests. A wildcard such as https://*.example.com trusts every subdomain, including forgotten ones, user ' +
      'content hosts and anything taken over through a dangling DNS record. Since Django 4.0 every entry must include ' +
      'the scheme; an entry without one (the 3.2 host-only form) fails the 4_0.E001 system check and never matches.',
    fix:
      'List exact HTTPS origins:\n\nCSRF_TRUSTED_ORIGINS = ["https://example.com", "https://admin.example.com"]',
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
      } else if (entry.includes('://*.') || (!schemes && entry.startsWith('.'))) {
        ctx.report({ ...at, severity: 'low', message: `CSRF_TRUSTED_ORIGINS entry ${pyRepr(item)} trusts every subdomain` });
      }
    }
  },
});
