/** django/static-root-missing — collectstatic fails without STATIC_ROOT, or production serves a static directory nothing fills. */
import { collectstaticRun, combinedConfidence, defineRule, describeSetting, resolveStorage, servedStaticDir, settingLocation, staticSource, truthy } from '../../src/api/django.js';

const STATICFILES_APP = 'django.contrib.staticfiles';

export default defineRule({
  id: 'django/static-root-missing',
  title: 'STATIC_ROOT is not set',
  severity: 'medium',
  docs: {
    why:
      'With django.contrib.staticfiles, a STATIC_URL and a filesystem static storage (Django\'s default, ' +
      'ManifestStaticFilesStorage, WhiteNoise), `collectstatic` copies files into STATIC_ROOT. Without it the command ' +
      'stops with ImproperlyConfigured as soon as it has a file to copy (the admin\'s CSS, STATICFILES_DIRS, an app\'s ' +
      'static/ directory) or a manifest to write, so the deploy step fails (the Heroku Python buildpack runs it on ' +
      'every build), or is skipped and the site goes live without CSS and JavaScript (with DEBUG off, Django does not ' +
      'serve static files itself). A deployment that never runs collectstatic is reported only when production serves ' +
      'the directory it would fill (fly.toml [[statics]], an app.yaml static_dir the repository does not commit, ' +
      'WhiteNoise with DEBUG off): that directory stays empty. Not reported for a project with no STATIC_URL or ' +
      'nothing to collect (an API without the admin).',
    fix:
      'Point it at a directory outside the source tree that your web server or WhiteNoise serves:\n\n' +
      'STATIC_ROOT = BASE_DIR / "staticfiles"\n\n' +
      'and run `python manage.py collectstatic --noinput` in the build (a Dockerfile RUN step, a release command),\n' +
      'or, for an API that serves no static files, remove django.contrib.staticfiles from INSTALLED_APPS.',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#static-root',
      'https://docs.djangoproject.com/en/stable/howto/static-files/deployment/',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const apps = settings.get('INSTALLED_APPS');
    if (apps.kind !== 'list' && apps.kind !== 'tuple') return;
    const app = apps.items.find(
      (item) => item.kind === 'str' && (item.value === STATICFILES_APP || item.value.startsWith(`${STATICFILES_APP}.apps.`)),
    );
    if (!app) return;
    const root = settings.get('STATIC_ROOT');
    if (truthy(root) !== false) return;
    // Without STATIC_URL the staticfiles storage cannot even be created: the project does not use it.
    const url = settings.get('STATIC_URL');
    if (truthy(url) !== true) return;
    const storage = resolveStorage(ctx.project, ctx.workspace, 'staticfiles');
    if (storage?.backend !== 'filesystem') return;
    const source = staticSource(settings, ctx.workspace, ctx.project.root, storage.className);
    if (source === undefined || source === 'unknown') return;
    const run = collectstaticRun(ctx.project, ctx.workspace);
    const location = settings.has('STATIC_ROOT')
      ? settingLocation(settings, 'STATIC_ROOT', root)
      : (app.loc ?? settingLocation(settings, 'INSTALLED_APPS'));
    if (run && !run.runs) {
      // Nothing runs collectstatic: a problem only where production serves the directory it would fill.
      const served = servedStaticDir(ctx.project, ctx.workspace, settings);
      if (!served) return;
      ctx.report({
        location,
        confidence: combinedConfidence(root, app, url),
        message:
          `${describeSetting(settings, 'STATIC_ROOT', root)} and nothing in the deployment runs collectstatic, yet production ` +
          `serves ${served.what}: nothing fills it, so the site goes live without its static files (${source})`,
        related: [{ location: served.location, message: 'static files are served from here' }],
        snippet: `STATIC_ROOT served ${served.what}`,
      });
      return;
    }
    ctx.report({
      location,
      confidence: combinedConfidence(root, app, url),
      message:
        `${describeSetting(settings, 'STATIC_ROOT', root)} while ${STATICFILES_APP} is installed and static files use ` +
        `${storage.className}: collectstatic${run ? ` (run by ${run.by})` : ''} has files to write (${source}) and ` +
        'fails with ImproperlyConfigured',
      ...(run ? { related: [{ location: run.location, message: 'collectstatic runs here' }] } : {}),
      snippet: `STATIC_ROOT ${storage.className}`,
    });
  },
});
