import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

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
});
