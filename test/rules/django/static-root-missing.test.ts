import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const RULE = 'django/static-root-missing';
const STATICFILES_ONLY = "INSTALLED_APPS = [\n    'django.contrib.staticfiles',\n    'corsheaders',\n]\n";
const WITH_ADMIN = "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.staticfiles',\n]\n";
const URL = "STATIC_URL = '/static/'\n";

describe('django/static-root-missing: only when collectstatic has work and the deployment runs it', () => {
  it('does not fire without STATIC_URL (the staticfiles storage cannot be created, so nothing uses it)', async () => {
    expect(await findingsOf(RULE, settingsProject(WITH_ADMIN))).toEqual([]);
  });

  it('does not fire when there is nothing to collect (Django copies 0 files and never needs STATIC_ROOT)', async () => {
    expect(await findingsOf(RULE, settingsProject(STATICFILES_ONLY + URL, { 'api/views.py': '' }))).toEqual([]);
  });

  it('fires for a manifest storage, an app static/ directory or STATICFILES_DIRS, naming what there is to collect', async () => {
    const manifest = `${STATICFILES_ONLY}${URL}STATICFILES_STORAGE = 'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'\n`;
    const [byManifest] = await findingsOf(RULE, settingsProject(manifest, {}, '3.2.25'));
    expect(byManifest!.message).toContain('ManifestStaticFilesStorage writes its manifest');

    const appStatic = STATICFILES_ONLY.replace("'corsheaders',", "'corsheaders',\n    'shop.apps.ShopConfig',") + URL;
    const [byApp] = await findingsOf(RULE, settingsProject(appStatic, { 'shop/__init__.py': '', 'shop/static/shop/site.css': 'body {}\n' }));
    expect(byApp!.message).toContain("shop/static/ holds the app's static files");
    expect(at(byApp)).toBe('mysite/settings.py:2');

    const [byDirs] = await findingsOf(RULE, settingsProject(`${STATICFILES_ONLY}${URL}STATICFILES_DIRS = ['assets']\n`, { 'assets/a.css': '' }));
    expect(byDirs!.message).toContain('STATICFILES_DIRS');
  });

  it('does not fire when the deploy files show a deployment that never runs collectstatic', async () => {
    const dockerfile = 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n';
    expect(await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, { Dockerfile: dockerfile }))).toEqual([]);
    const disabled = { Procfile: 'web: gunicorn mysite.wsgi\n', 'app.json': JSON.stringify({ env: { DISABLE_COLLECTSTATIC: '1' } }) };
    expect(await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, disabled))).toEqual([]);
  });

  it('names what runs collectstatic: a Dockerfile step, a script, or the Heroku buildpack', async () => {
    const dockerfile = 'FROM python:3.12\nCOPY . /app\nRUN python manage.py collectstatic --noinput\nCMD ["gunicorn", "mysite.wsgi"]\n';
    const [docker] = await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, { Dockerfile: dockerfile }));
    expect(docker!.message).toContain('collectstatic (run by Dockerfile)');
    expect(docker!.related).toEqual([{ location: { file: 'Dockerfile', line: 3, column: 1 }, message: 'collectstatic runs here' }]);

    const script = { Dockerfile: 'FROM python:3.12\nCMD ["./bin/start.sh"]\n', 'bin/start.sh': '#!/bin/sh\npython manage.py migrate\npython manage.py collectstatic --noinput\n' };
    const [viaScript] = await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, script));
    expect(viaScript!.related[0]!.location).toEqual({ file: 'bin/start.sh', line: 3, column: 1 });

    const [heroku] = await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, { Procfile: 'web: gunicorn mysite.wsgi\n' }));
    expect(heroku!.message).toContain('the Heroku Python buildpack');
    expect(heroku).toMatchObject({ severity: 'medium', confidence: 'certain' });
  });

  describe('a deployment that never runs collectstatic but serves the directory it would fill', () => {
    const dockerfile = 'FROM python:3.12\nWORKDIR /srv\nCOPY . /srv\nCMD ["gunicorn", "mysite.wsgi"]\n';
    const fly = 'app = "shop"\n\n[[statics]]\n  guest_path = "/srv/static"\n  url_prefix = "/static/"\n';

    it('fires for fly.toml [[statics]], pointing at the served directory', async () => {
      const [finding, ...rest] = await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, { Dockerfile: dockerfile, 'fly.toml': fly }));
      expect(rest).toEqual([]);
      expect(finding!.message).toBe(
        "STATIC_ROOT is unset, so Django's default None applies and nothing in the deployment runs collectstatic, yet production " +
          'serves /srv/static (fly.toml [[statics]]): nothing fills it, so the site goes live without its static files ' +
          '(django.contrib.admin ships static files)',
      );
      expect(finding!.related).toEqual([{ location: { file: 'fly.toml', line: 4, column: 3 }, message: 'static files are served from here' }]);
    });

    it('fires for an app.yaml static_dir the repository does not commit, not for one it does', async () => {
      const appYaml = 'runtime: python312\nhandlers:\n  - url: /static\n    static_dir: static/\n  - url: /.*\n    script: auto\n';
      const [finding] = await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, { 'app.yaml': appYaml }));
      expect(finding!.message).toContain('production serves static/ (app.yaml static_dir)');
      expect(finding!.related[0]!.location).toMatchObject({ file: 'app.yaml', line: 4 });
      expect(await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, { 'app.yaml': appYaml, 'static/admin/css/base.css': 'body {}\n' }))).toEqual([]);
    });

    it('fires for WhiteNoise with DEBUG off; not with DEBUG on, WHITENOISE_USE_FINDERS, STATIC_ROOT set or no server of its own', async () => {
      const whitenoise = `${WITH_ADMIN}${URL}DEBUG = False\nMIDDLEWARE = [\n    'whitenoise.middleware.WhiteNoiseMiddleware',\n]\n`;
      const [finding] = await findingsOf(RULE, settingsProject(whitenoise, { Dockerfile: dockerfile }));
      expect(finding!.message).toContain('serves STATIC_ROOT through WhiteNoise (DEBUG off)');
      expect(finding!.related[0]!.location).toMatchObject({ file: 'mysite/settings.py', line: 8 });
      const quiet = [
        whitenoise.replace('DEBUG = False', 'DEBUG = True'),
        `${whitenoise}WHITENOISE_USE_FINDERS = True\n`,
        `${whitenoise}STATIC_ROOT = 'staticfiles'\n`,
        `${WITH_ADMIN}${URL}DEBUG = False\n`,
      ];
      for (const settings of quiet) expect(await findingsOf(RULE, settingsProject(settings, { Dockerfile: dockerfile }))).toEqual([]);
    });

    it('reports collectstatic failing, not the served directory, when the deployment does run it', async () => {
      const collecting = dockerfile.replace('CMD', 'RUN python manage.py collectstatic --noinput\nCMD');
      const [finding] = await findingsOf(RULE, settingsProject(WITH_ADMIN + URL, { Dockerfile: collecting, 'fly.toml': fly }));
      expect(finding!.message).toContain('fails with ImproperlyConfigured');
    });
  });
});

const settings52 = (body: string, extra: Files = {}): Files => settingsFiles(body, extra, '5.2.8');
const ADMIN_APPS = "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.staticfiles',\n]\nSTATIC_URL = '/static/'\n";

ruleTester(RULE, {
  valid: [
    { name: 'a STATIC_ROOT', files: settings52(ADMIN_APPS + "STATIC_ROOT = '/srv/static'\n") },
    {
      name: 'static files on S3',
      files: settings52(
        ADMIN_APPS +
          "STORAGES = {'default': {'BACKEND': 'django.core.files.storage.FileSystemStorage'}, 'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'}}\n",
      ),
    },
  ],
  invalid: [
    {
      name: 'staticfiles installed, STATIC_ROOT unset, filesystem storage',
      files: settings52(ADMIN_APPS),
      findings: [{ at: 'mysite/settings.py:3', severity: 'medium', confidence: 'certain' }],
    },
    {
      name: 'STATIC_ROOT = None is reported where it is set',
      files: settings52(ADMIN_APPS + 'STATIC_ROOT = None\n'),
      findings: [{ at: 'mysite/settings.py:6' }],
    },
  ],
});
