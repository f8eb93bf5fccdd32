/** reconcile/debug-page-settings-off — the site shows Django's DEBUG page although production's settings turn DEBUG off. */
import { defineReconcileRule, djangoDebugMarker, settingReport, siteResponses, truthy } from '../../src/api/reconcile.js';

export default defineReconcileRule({
  id: 'reconcile/debug-page-settings-off',
  title: 'The site shows a DEBUG page that the settings do not',
  severity: 'critical',
  cap: { grade: 'F', reason: "the site serves Django's DEBUG page although the checked settings turn DEBUG off" },
  docs: {
    why:
      "The running site answers with Django's technical DEBUG page, yet DEBUG is off in the settings deploycheck " +
      'inferred production to run. So production does not run these settings: another settings module ' +
      '(DJANGO_SETTINGS_MODULE set differently on the host), or an environment variable that turns DEBUG on there. ' +
      'Whatever the repository says, the site leaks its URLconf, tracebacks and settings; and the static findings ' +
      'describe settings production does not use.',
    fix:
      'Find what the server really runs (DJANGO_SETTINGS_MODULE and the DEBUG variable in the host\'s environment), make ' +
      'it the settings the repository names, and check again with --settings or --env-file matching the host.',
    refs: ['https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const value = settings.get('DEBUG');
    if (truthy(value) !== false) return;
    const page = siteResponses(ctx.scan).find(([, response]) => djangoDebugMarker(response.body));
    if (!page) return;
    const [id, response] = page;
    const module = ctx.project.settingsModule ?? settings.file;
    for (const twin of ctx.live.filter((finding) => finding.rule === 'web/debug-page')) ctx.supersede(twin);
    ctx.report({
      ...settingReport(settings, 'DEBUG', value),
      message:
        `${response.url} shows Django's DEBUG page (HTTP ${response.status} on the ${id} probe), but DEBUG is off in ${module}, ` +
        'the settings production was inferred to run: production does not run these settings (another settings module or environment)',
      related: [{ location: { url: response.url }, message: `the DEBUG page is served here (${djangoDebugMarker(response.body)})` }],
    });
  },
});
