/** django/hsts-preload-too-short — preload requested with a max-age the preload list rejects. */
import { defineRule, describeSetting, middlewareOn, SECURITY_MIDDLEWARE, settingReport, truthy } from '../../src/api/django.js';

/** hstspreload.org's minimum max-age: one year. */
const PRELOAD_MIN_SECONDS = 31536000;

export default defineRule({
  id: 'django/hsts-preload-too-short',
  title: 'HSTS preload is on but max-age is under a year',
  severity: 'medium',
  docs: {
    why:
      'SECURE_HSTS_PRELOAD adds the preload directive to the Strict-Transport-Security header, but the browsers\' preload ' +
      'list only accepts sites whose max-age is at least 31536000 seconds (one year), with includeSubDomains. With a ' +
      'shorter SECURE_HSTS_SECONDS the submission is refused, or a domain already on the list is removed, so first ' +
      'visits are not protected even though the settings look like they are. Django does not check this.',
    fix: 'SECURE_HSTS_SECONDS = 31536000  # at least one year\nSECURE_HSTS_INCLUDE_SUBDOMAINS = True\nSECURE_HSTS_PRELOAD = True',
    refs: ['https://hstspreload.org/#submission-requirements', 'https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-preload'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings || middlewareOn(settings, SECURITY_MIDDLEWARE) === false) return;
    const preload = settings.get('SECURE_HSTS_PRELOAD');
    const seconds = settings.get('SECURE_HSTS_SECONDS');
    if (truthy(preload) !== true || seconds.kind !== 'int') return;
    if (seconds.value <= 0 || seconds.value >= PRELOAD_MIN_SECONDS) return;
    ctx.report({
      ...settingReport(settings, 'SECURE_HSTS_SECONDS', seconds, preload),
      message: `${describeSetting(settings, 'SECURE_HSTS_SECONDS', seconds)} with SECURE_HSTS_PRELOAD on: the HSTS preload list requires at least ${PRELOAD_MIN_SECONDS} seconds (one year)`,
    });
  },
});
