/** Only when collectstatic has work and the deployment runs it, or production serves the directory it would fill. */
import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const settings52 = (body: string, extra: Files = {}, django = '5.2.8'): Files => settingsFiles(body, extra, django);
const STATICFILES_ONLY = "INSTALLED_APPS = [\n    'django.contrib.staticfiles',\n    'corsheaders',\n]\n";
const WITH_ADMIN = "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.staticfiles',\n]\n";
const URL = "STATIC_URL = '/static/'\n";
const ADMIN_APPS = "INSTALLED_APPS = [\n    'django.contrib.admin',\n    'django.contrib.staticfiles',\n]\nSTATIC_URL = '/static/'\n";
const NO_COLLECTSTATIC_DOCKERFILE = 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "mysite.wsgi"]\n';
/** A deployment that never runs collectstatic, serving from /srv. */
const SRV_DOCKERFILE = 'FROM python:3.12\nWORKDIR /srv\nCOPY . /srv\nCMD ["gunicorn", "mysite.wsgi"]\n';
const FLY_STATICS = 'app = "shop"\n\n[[statics]]\n  guest_path = "/srv/static"\n  url_prefix = "/static/"\n';
const APP_YAML = 'runtime: python312\nhandlers:\n  - url: /static\n    static_dir: static/\n  - url: /.*\n    script: auto\n';
const WHITENOISE = `${WITH_ADMIN}${URL}DEBUG = False\nMIDDLEWARE = [\n    'whitenoise.middleware.WhiteNoiseMiddleware',\n]\n`;

ruleTester('django/static-root-missing', {
  valid: [
    { name: 'no STATIC_URL (the staticfiles storage cannot be created, so nothing uses it)', files: settings52(WITH_ADMIN) },
    { name: 'nothing to collect (Django copies 0 files and never needs STATIC_ROOT)', files: settings52(STATICFILES_ONLY + URL, { 'api/views.py': '' }) },
    { name: 'a Dockerfile deployment that never runs collectstatic', files: settings52(WITH_ADMIN + URL, { Dockerfile: NO_COLLECTSTATIC_DOCKERFILE }) },
    {
      name: 'a Heroku deployment with DISABLE_COLLECTSTATIC',
      files: settings52(WITH_ADMIN + URL, { Procfile: 'web: gunicorn mysite.wsgi\n', 'app.json': JSON.stringify({ env: { DISABLE_COLLECTSTATIC: '1' } }) }),
    },
    { name: 'an app.yaml static_dir the repository commits', files: settings52(WITH_ADMIN + URL, { 'app.yaml': APP_YAML, 'static/admin/css/base.css': 'body {}\n' }) },
    { name: 'WhiteNoise with DEBUG on', files: settings52(WHITENOISE.replace('DEBUG = False', 'DEBUG = True'), { Dockerfile: SRV_DOCKERFILE }) },
    { name: 'WhiteNoise with WHITENOISE_USE_FINDERS', files: settings52(`${WHITENOISE}WHITENOISE_USE_FINDERS = True\n`, { Dockerfile: SRV_DOCKERFILE }) },
    { name: 'WhiteNoise with STATIC_ROOT set', files: settings52(`${WHITENOISE}STATIC_ROOT = 'staticfiles'\n`, { Dockerfile: SRV_DOCKERFILE }) },
    { name: 'no server of its own for the static files', files: settings52(`${WITH_ADMIN}${URL}DEBUG = False\n`, { Dockerfile: SRV_DOCKERFILE }) },
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
      name: 'a manifest storage has work to collect',
      files: settings52(`${STATICFILES_ONLY}${URL}STATICFILES_STORAGE = 'django.contrib.staticfiles.storage.ManifestStaticFilesStorage'\n`, {}, '3.2.25'),
      findings: [{ message: 'ManifestStaticFilesStorage writes its manifest' }],
    },
    {
      name: 'an app static/ directory has work to collect',
      files: settings52(STATICFILES_ONLY.replace("'corsheaders',", "'corsheaders',\n    'shop.apps.ShopConfig',") + URL, {
        'shop/__init__.py': '',
        'shop/static/shop/site.css': 'body {}\n',
      }),
      findings: [{ at: 'mysite/settings.py:2', message: "shop/static/ holds the app's static files" }],
    },
    {
      name: 'STATICFILES_DIRS has work to collect',
      files: settings52(`${STATICFILES_ONLY}${URL}STATICFILES_DIRS = ['assets']\n`, { 'assets/a.css': '' }),
      findings: [{ message: 'STATICFILES_DIRS' }],
    },
    {
      name: 'names a Dockerfile step that runs collectstatic',
      files: settings52(WITH_ADMIN + URL, { Dockerfile: 'FROM python:3.12\nCOPY . /app\nRUN python manage.py collectstatic --noinput\nCMD ["gunicorn", "mysite.wsgi"]\n' }),
      findings: [
        {
          message: 'collectstatic (run by Dockerfile)',
          check: (finding) => expect(finding.related).toEqual([{ location: { file: 'Dockerfile', line: 3, column: 1 }, message: 'collectstatic runs here' }]),
        },
      ],
    },
    {
      name: 'names a script that runs collectstatic',
      files: settings52(WITH_ADMIN + URL, {
        Dockerfile: 'FROM python:3.12\nCMD ["./bin/start.sh"]\n',
        'bin/start.sh': '#!/bin/sh\npython manage.py migrate\npython manage.py collectstatic --noinput\n',
      }),
      findings: [{ check: (finding) => expect(finding.related[0]!.location).toEqual({ file: 'bin/start.sh', line: 3, column: 1 }) }],
    },
    {
      name: 'names the Heroku buildpack that runs collectstatic',
      files: settings52(WITH_ADMIN + URL, { Procfile: 'web: gunicorn mysite.wsgi\n' }),
      findings: [{ severity: 'medium', confidence: 'certain', message: 'the Heroku Python buildpack' }],
    },
    {
      name: 'no collectstatic, but fly.toml [[statics]] serves the directory, pointing there',
      files: settings52(WITH_ADMIN + URL, { Dockerfile: SRV_DOCKERFILE, 'fly.toml': FLY_STATICS }),
      findings: [
        {
          check: (finding) => {
            expect(finding.message).toBe(
              "STATIC_ROOT is unset, so Django's default None applies and nothing in the deployment runs collectstatic, yet production " +
                'serves /srv/static (fly.toml [[statics]]): nothing fills it, so the site goes live without its static files ' +
                '(django.contrib.admin ships static files)',
            );
            expect(finding.related).toEqual([{ location: { file: 'fly.toml', line: 4, column: 3 }, message: 'static files are served from here' }]);
          },
        },
      ],
    },
    {
      name: 'no collectstatic, but an app.yaml static_dir the repository does not commit is served',
      files: settings52(WITH_ADMIN + URL, { 'app.yaml': APP_YAML }),
      findings: [
        {
          message: 'production serves static/ (app.yaml static_dir)',
          check: (finding) => expect(finding.related[0]!.location).toMatchObject({ file: 'app.yaml', line: 4 }),
        },
      ],
    },
    {
      name: 'no collectstatic, but WhiteNoise serves STATIC_ROOT with DEBUG off',
      files: settings52(WHITENOISE, { Dockerfile: SRV_DOCKERFILE }),
      findings: [
        {
          message: 'serves STATIC_ROOT through WhiteNoise (DEBUG off)',
          check: (finding) => expect(finding.related[0]!.location).toMatchObject({ file: 'mysite/settings.py', line: 8 }),
        },
      ],
    },
    {
      name: 'collectstatic failing is reported, not the served directory, when the deployment runs it',
      files: settings52(WITH_ADMIN + URL, { Dockerfile: SRV_DOCKERFILE.replace('CMD', 'RUN python manage.py collectstatic --noinput\nCMD'), 'fly.toml': FLY_STATICS }),
      findings: [{ message: 'fails with ImproperlyConfigured' }],
    },
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
