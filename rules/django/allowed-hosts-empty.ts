/** django/allowed-hosts-empty — mirrors `security.W020`. */
import { defineRule, describeSetting, settingReport, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/allowed-hosts-empty',
  title: 'ALLOWED_HOSTS is empty',
  severity: 'high',
  django: 'security.W020',
  docs: {
    why:
      'Django answers only requests whose Host header matches ALLOWED_HOSTS. With DEBUG off and an empty list nothing ' +
      'matches, so every request gets "400 Bad Request" (and runserver refuses to start). It usually means the ' +
      'variable that should fill the list is missing in production. When the list is empty only because that variable ' +
      'is unset in the repository (`os.environ.get("ALLOWED_HOSTS", "").split()`), it is not reported: the site could ' +
      'not serve a single request without it, so the platform sets it.',
    fix:
      'List the domains the site is served on:\n\n' +
      'ALLOWED_HOSTS = ["example.com", "www.example.com"]\n' +
      '# or from the environment:\nALLOWED_HOSTS = [h.strip() for h in os.environ["DJANGO_ALLOWED_HOSTS"].split(",") if h.strip()]',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#allowed-hosts'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('ALLOWED_HOSTS');
    if (truthy(value) !== false) return;
    const report = settingReport(settings, 'ALLOWED_HOSTS', value);
    // Empty only because a variable is unset: the site could not serve a request, so production sets it.
    if (report.confidence === 'default') return;
    ctx.report({
      ...report,
      message: `${describeSetting(settings, 'ALLOWED_HOSTS', value)}: with DEBUG off every request is rejected with 400 Bad Request`,
    });
  },
});
