/** django/static-root-missing — staticfiles on the filesystem storage with no STATIC_ROOT: collectstatic fails. */
import { defineRule } from '../../src/engine/types.js';
import { combinedConfidence, describeSetting, settingLocation } from '../../src/django/setting-helpers.js';
import { resolveStorage } from '../../src/engine/storage.js';
import { truthy } from '../../src/python/value.js';

const STATICFILES_APP = 'django.contrib.staticfiles';

export default defineRule({
  id: 'django/static-root-missing',
  title: 'STATIC_ROOT is not set',
  severity: 'medium',
  facts: ['settings'],
  docs: {
    why:
      'With django.contrib.staticfiles and a filesystem static storage (Django\'s default, ManifestStaticFilesStorage, ' +
      'WhiteNoise), `collectstatic` copies files into STATIC_ROOT. Without it the command stops with ImproperlyConfigured, ' +
      'so the deploy step fails, or is skipped and the site goes live without CSS and JavaScript (with DEBUG off, ' +
      'Django does not serve static files itself).',
    fix:
      'Point it at a directory outside the source tree that your web server or WhiteNoise serves:\n\n' +
      'STATIC_ROOT = BASE_DIR / "staticfiles"',
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
    const storage = resolveStorage(ctx.project, ctx.workspace, 'staticfiles');
    if (storage?.backend !== 'filesystem') return;
    const location = settings.has('STATIC_ROOT')
      ? settingLocation(settings, 'STATIC_ROOT', root)
      : (app.loc ?? settingLocation(settings, 'INSTALLED_APPS'));
    ctx.report({
      location,
      confidence: combinedConfidence(root, app),
      message:
        `${describeSetting(settings, 'STATIC_ROOT', root)} while ${STATICFILES_APP} is installed and static files use ` +
        `${storage.className}: collectstatic fails with ImproperlyConfigured`,
      snippet: `STATIC_ROOT ${storage.className}`,
    });
  },
});
