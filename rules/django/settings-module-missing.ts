/**
 * django/settings-module-missing — the project's settings module is not in the repository (or no
 * settings module is named at all), so no settings rule could run.
 */
import type { FileLocation } from '../../src/api/django.js';
import { defineRule, isFileLocation, joinPath } from '../../src/api/django.js';

export default defineRule({
  id: 'django/settings-module-missing',
  title: 'The settings module is not in the repository',
  severity: 'medium',
  cap: { grade: 'C', reason: 'the settings module is not in the repository: no settings rule ran, so the grade covers only deploy files and secrets' },
  docs: {
    why:
      'Every settings rule (DEBUG, SECRET_KEY, ALLOWED_HOSTS, HTTPS, cookies, the database) reads the settings module ' +
      'production imports. When DJANGO_SETTINGS_MODULE names a module that is not in the repository (one the build ' +
      'copies into place, say `cp docker/config.py settings/config.py`), or nothing names one, none of them can run, ' +
      'and a clean report would only mean that nothing was looked at. The grade is capped at C until the settings are read.',
    fix:
      'Point deploycheck at the file production runs: `deploycheck check --settings myproject.settings.production`, or, ' +
      'for a module the build creates, at the module it is made from (`--settings docker.config`). Set ' +
      'DJANGO_SETTINGS_MODULE where production sets it (Dockerfile ENV, fly.toml [env], app.json, render.yaml) so ' +
      'deploycheck and the platform agree.',
    refs: ['https://docs.djangoproject.com/en/stable/topics/settings/#designating-the-settings'],
  },
  check(ctx) {
    const { project } = ctx;
    if (project.settings) return;
    const origin = project.settingsModuleOrigin?.location;
    const location: FileLocation = origin && isFileLocation(origin) ? origin : { file: joinPath(project.root, 'manage.py'), line: 1, column: 1 };
    const module = project.settingsModule;
    const file = module?.split('.').join('/');
    // Every candidate the production model considered; none is in the repository when this fires.
    const others = project.production.candidates.filter((candidate) => candidate.module !== module).map((candidate) => candidate.module);
    const considered = others.length ? ` (also considered, not in the repository either: ${others.join(', ')})` : '';
    ctx.report({
      message: module
        ? `DJANGO_SETTINGS_MODULE is ${module} (from ${project.settingsModuleOrigin?.how}), but neither ${file}.py nor ${file}/__init__.py is in the repository: no settings rule ran${considered}; pass --settings`
        : 'no settings module is named (DJANGO_SETTINGS_MODULE is not set by a deploy command, wsgi.py, asgi.py, manage.py or the environment): no settings rule ran; pass --settings',
      location,
    });
  },
});
