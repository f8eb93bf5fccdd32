/** django/referrer-policy-invalid — mirrors `security.E023`. */
import type { PyValue } from '../../src/api/django.js';
import { defineRule, middlewareOn, pyRepr, SECURITY_MIDDLEWARE, settingReport, versionAtLeast } from '../../src/api/django.js';

const VALID = new Set([
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
]);

/**
 * The policy values as Django's check sees them: a string is split on ',' and each part stripped;
 * any other iterable is taken item by item. undefined when that cannot be known.
 */
function policyValues(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'str') {
    return value.value.split(',').map((part) => ({ kind: 'str', value: part.trim() }) as PyValue);
  }
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') {
    return value.items.some((item) => item.kind === 'unknown') ? undefined : value.items;
  }
  if (value.kind === 'dict') {
    return value.entries.some((entry) => entry.key.kind === 'unknown') ? undefined : value.entries.map((entry) => entry.key);
  }
  return undefined;
}

export default defineRule({
  id: 'django/referrer-policy-invalid',
  title: 'SECURE_REFERRER_POLICY has an invalid value',
  severity: 'medium',
  django: 'security.E023',
  docs: {
    why:
      'Django copies SECURE_REFERRER_POLICY into the Referrer-Policy header as written. Browsers ignore a header whose ' +
      'tokens they do not know, so a typo silently leaves the browser default in place. Django reports this as an error ' +
      '(security.E023), which is why it is ranked above the other header warnings. A string may hold several ' +
      'comma-separated fallbacks; each must be a known token.',
    fix:
      'Use one of: no-referrer, no-referrer-when-downgrade, origin, origin-when-cross-origin, same-origin, ' +
      'strict-origin, strict-origin-when-cross-origin, unsafe-url.\n\n' +
      'SECURE_REFERRER_POLICY = "same-origin"',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    // Before 3.0 Django has no such setting: any value is ignored (django/referrer-policy-missing says so).
    if (!versionAtLeast(ctx.project.djangoVersion.version, '3.0')) return;
    const value = settings.get('SECURE_REFERRER_POLICY');
    if (value.kind === 'none') return;
    const values = policyValues(value);
    if (!values) return;
    const invalid = values.filter((item) => item.kind !== 'str' || !VALID.has(item.value));
    if (!invalid.length) return;
    const listed = [...new Set(invalid.map((item) => pyRepr(item)))].join(', ');
    ctx.report({
      ...settingReport(settings, 'SECURE_REFERRER_POLICY', value, settings.get('MIDDLEWARE')),
      message: `SECURE_REFERRER_POLICY is ${pyRepr(value)}; ${listed} ${invalid.length > 1 ? 'are not valid Referrer-Policy values' : 'is not a valid Referrer-Policy value'}`,
    });
  },
});
