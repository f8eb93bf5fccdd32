/** django/hsts-subdomains — mirrors `security.W005`. */
import { defineRule, describeNotTrue, isTrue, middlewareOn, SECURITY_MIDDLEWARE, settingReport, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/hsts-subdomains',
  title: 'HSTS does not cover subdomains',
  severity: 'low',
  django: 'security.W005',
  docs: {
    why:
      'Without includeSubDomains the HSTS policy protects only the exact host. An attacker on the network can still serve ' +
      'a plain-HTTP subdomain (say http://login.example.com) and use it to set or read cookies scoped to the parent ' +
      'domain. Only turn it on when every subdomain is served over HTTPS, because browsers will refuse plain HTTP on all of them.',
    fix: 'SECURE_HSTS_INCLUDE_SUBDOMAINS = True',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-include-subdomains'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const seconds = settings.get('SECURE_HSTS_SECONDS');
    const value = settings.get('SECURE_HSTS_INCLUDE_SUBDOMAINS');
    if (truthy(seconds) !== true || isTrue(value) !== false) return;
    ctx.report({
      ...settingReport(settings, 'SECURE_HSTS_INCLUDE_SUBDOMAINS', value, seconds, settings.get('MIDDLEWARE')),
      message: `HSTS is on but ${describeNotTrue(settings, 'SECURE_HSTS_INCLUDE_SUBDOMAINS', value)}: subdomains can still be reached over plain HTTP`,
    });
  },
});
