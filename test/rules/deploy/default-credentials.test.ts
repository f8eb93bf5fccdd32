import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'deploy/default-credentials';
const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";

describe('deploy/default-credentials', () => {
  it('reports a literal DJANGO_SUPERUSER_PASSWORD in render.yaml, compose, app.json and a Dockerfile ENV, masked', async () => {
    const render = 'services:\n  - type: web\n    name: shop\n    env: python\n    startCommand: gunicorn mysite.wsgi\n    envVars:\n      - key: DJANGO_SUPERUSER_PASSWORD\n        value: hunter2hunter2\n';
    const [finding, ...rest] = await findingsOf(RULE, settingsProject(SETTINGS, { 'render.yaml': render }));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'high', confidence: 'certain' });
    expect(finding!.message).toBe(
      'DJANGO_SUPERUSER_PASSWORD sets the admin password to the literal hun… (14 chars) in render.yaml: anyone who reads the repository can log in as superuser',
    );
    expect(JSON.stringify(finding)).not.toContain('hunter2hunter2');

    const compose = 'services:\n  web:\n    build: .\n    environment:\n      DJANGO_SUPERUSER_PASSWORD: admin123\n';
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { 'docker-compose.yml': compose }))).map(at)).toEqual(['docker-compose.yml:5']);

    const appJson = JSON.stringify({ env: { DJANGO_SUPERUSER_PASSWORD: { value: 'admin123' } } }, null, 2);
    const [fromAppJson] = await findingsOf(RULE, settingsProject(SETTINGS, { 'app.json': appJson, Procfile: 'web: gunicorn mysite.wsgi\n' }));
    expect(fromAppJson!.location).toMatchObject({ file: 'app.json' });

    const dockerfile = 'FROM python:3.12\nENV DJANGO_SUPERUSER_PASSWORD=admin123\nCMD ["gunicorn", "mysite.wsgi"]\n';
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: dockerfile }))).map(at)).toEqual(['Dockerfile:2']);
  });

  it('reports create_superuser with a literal password in a script the deployment runs', async () => {
    const build =
      '#!/usr/bin/env bash\nset -o errexit\npip install -r requirements.txt\npython manage.py shell <<EOF\n' +
      "from django.contrib.auth import get_user_model\nUser = get_user_model()\nif not User.objects.filter(username='root').exists():\n" +
      "    User.objects.create_superuser('root', 'root@example.org', 'letmein99')\nEOF\n";
    const render = 'services:\n  - type: web\n    name: shop\n    env: python\n    buildCommand: ./build.sh\n    startCommand: gunicorn mysite.wsgi\n';
    const [finding] = await findingsOf(RULE, settingsProject(SETTINGS, { 'render.yaml': render, 'build.sh': build }));
    expect(at(finding)).toBe('build.sh:8');
    expect(finding!.message).toMatch(/^create_superuser\(\) sets the admin password to the literal le… \(9 chars\) in build\.sh/);

    const inline = 'FROM python:3.12\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n';
    const start = '#!/bin/sh\nDJANGO_SUPERUSER_PASSWORD=admin123 python manage.py createsuperuser --noinput --username admin\nexec gunicorn mysite.wsgi\n';
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: inline, 'start.sh': start }))).map(at)).toEqual(['start.sh:2']);

    const keyword = "#!/bin/sh\npython manage.py shell -c \"User.objects.create_superuser(username='a', email='b', password='pw-12345')\"\n";
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: inline, 'start.sh': keyword }))).map(at)).toEqual(['start.sh:2']);
  });

  it('does not report a password read from the environment or secret store, a script nothing runs, or a comment', async () => {
    const render = 'services:\n  - type: web\n    name: shop\n    env: python\n    buildCommand: ./build.sh\n    envVars:\n      - key: DJANGO_SUPERUSER_PASSWORD\n        sync: false\n';
    const build =
      '#!/bin/sh\n# DJANGO_SUPERUSER_PASSWORD=admin123\nexport DJANGO_SUPERUSER_PASSWORD="$ADMIN_PASS"\n' +
      "python manage.py shell -c \"User.objects.create_superuser('a', 'b', os.environ['ADMIN_PASS'])\"\n";
    const unused = "#!/bin/sh\nUser.objects.create_superuser('a', 'b', 'admin123')\n";
    const root = settingsProject(SETTINGS, { 'render.yaml': render, 'build.sh': build, 'scripts/seed_local.sh': unused });
    expect(await findingsOf(RULE, root)).toEqual([]);
  });

  it('reads only scripts a deploy file names as a file, and only the compose files production uses', async () => {
    const render = 'services:\n  - type: web\n    name: shop\n    env: python\n    startCommand: gunicorn mysite.wsgi\n';
    const start = "#!/bin/sh\nUser.objects.create_superuser('a', 'b', 'admin123')\n";
    // `startCommand` contains the word start, but names no file called start.
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { 'render.yaml': render, start }))).toEqual([]);
    const named = render.replace('gunicorn mysite.wsgi', './start');
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { 'render.yaml': named, start }))).map(at)).toEqual(['start:2']);

    // The deploy model leaves a development compose file out of what production runs.
    const dev = 'services:\n  web:\n    build: .\n    environment:\n      DJANGO_SUPERUSER_PASSWORD: admin123\n';
    const dockerfile = 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n';
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: dockerfile, 'docker-compose.dev.yml': dev }))).toEqual([]);
  });

  it('does not take code or a reference on the right of the name for a literal', async () => {
    const inline = 'FROM python:3.12\nCOPY entrypoint.py /entrypoint.py\nCMD ["python", "/entrypoint.py"]\n';
    const codes = [
      'import os\nADMIN_PASSWORD = os.environ.get("ADMIN_PASSWORD")\n',
      'from django.conf import settings\nsuperuser_password = settings.ADMIN_PASSWORD\n',
      'import os\nSUPERUSER_PASSWORD = os.environ["SUPERUSER_PASSWORD"]\n',
      'from decouple import config\nADMIN_PASSWORD = config("ADMIN_PASSWORD")\n',
      'ADMIN_PASSWORD = admin_default\n',
    ];
    for (const code of codes) {
      expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: inline, 'entrypoint.py': code })), code).toEqual([]);
    }
    const shell = 'FROM python:3.12\nCOPY start.sh /start.sh\nCMD ["/start.sh"]\n';
    for (const code of ['#!/bin/sh\nADMIN_PASSWORD=${ADMIN_PASS}\n', '#!/bin/sh\nexport ADMIN_PASSWORD=vault.read(x)\n', '#!/bin/sh\nADMIN_PASSWORD=env[0]\n']) {
      expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: shell, 'start.sh': code })), code).toEqual([]);
    }
    // A quoted literal in the same Python file is still one.
    const literal = 'ADMIN_PASSWORD = "changeme123"\n';
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: inline, 'entrypoint.py': literal }))).map(at)).toEqual(['entrypoint.py:1']);
  });
});
