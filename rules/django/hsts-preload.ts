/** django/hsts-preload — mirrors `security.W021`. */
import { defineRule, describeNotTrue, describeSetting, isTrue, middlewareOn, SECURITY_MIDDLEWARE, settingReport, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/hsts-preload',
  title: 'HSTS preload is not enabled',
  severity: 'low',
  django: 'security.W021',
  docs: {
    why:
      'HSTS only protects a browser after its first visit. Browsers ship a preload list of domains that are HTTPS-only ' +
      'from the very first request; a site can join it only if its header carries the `preload` directive (plus ' +
      'includeSubDomains and a max-age of at least a year). Preloading is hard to undo, so opt in deliberately. When ' +
      'the project turns SECURE_HSTS_INCLUDE_SUBDOMAINS off on purpose, preloading is impossible anyway: the finding ' +
      'keeps its Django id for parity but is only info, and django/hsts-subdomains carries the cause.',
    fix:
      'SECURE_HSTS_SECONDS = 31536000\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True\n' +
      '# then submit the domain at https://hstspreload.org/',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload', 'https://hstspreload.org/'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) !== true) return;
    const seconds = settings.get('SECURE_HSTS_SECONDS');
    const value = settings.get('SECURE_HSTS_PRELOAD');
    if (truthy(seconds) !== true || isTrue(value) !== false) return;
    const report = settingReport(settings, 'SECURE_HSTS_PRELOAD', value, seconds, settings.get('MIDDLEWARE'));
    const message = `HSTS is on but ${describeNotTrue(settings, 'SECURE_HSTS_PRELOAD', value)}: the site cannot join the browsers' HSTS preload list`;
    // Subdomains deliberately left out: the preload list requires includeSubDomains, so that is the one cause to report.
    const subdomains = settings.get('SECURE_HSTS_INCLUDE_SUBDOMAINS');
    if (settings.has('SECURE_HSTS_INCLUDE_SUBDOMAINS') && truthy(subdomains) === false) {
      ctx.report({
        ...report,
        severity: 'info',
        message: `${message}, which also needs includeSubDomains, and ${describeSetting(settings, 'SECURE_HSTS_INCLUDE_SUBDOMAINS', subdomains)} (django/hsts-subdomains reports it)`,
      });
      return;
    }
    ctx.report({ ...report, message });
  },
});
