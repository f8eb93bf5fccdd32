import { describe, expect, it } from 'vitest';
import { parseServerCommand } from '../../../src/deploy/server-command.js';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const DEV_COMPOSE_NOTE = 'services:\n  web:\n    build: .\n    volumes:\n      - .:/code\n';

describe('server command options', () => {
  it('keeps --reload and --log-level as written, for every server that has them', () => {
    expect(parseServerCommand('gunicorn mysite.wsgi --reload --log-level=DEBUG')).toMatchObject({ appModule: 'mysite.wsgi', reload: '--reload', logLevel: 'debug' });
    expect(parseServerCommand('uvicorn mysite.asgi:application --log-level trace --reload')).toMatchObject({ appModule: 'mysite.asgi:application', reload: '--reload', logLevel: 'trace' });
    expect(parseServerCommand('uwsgi --module mysite.wsgi --py-autoreload 1')).toMatchObject({ reload: '--py-autoreload 1' });
    const plain = parseServerCommand('gunicorn mysite.wsgi --workers 3 --log-level info');
    expect(plain?.reload).toBeUndefined();
    expect(plain?.logLevel).toBe('info');
    expect(parseServerCommand('uwsgi --module mysite.wsgi --py-autoreload 0')?.reload).toBeUndefined();
  });
});

describe('deploy/server-dev-options', () => {
  const RULE = 'deploy/server-dev-options';

  it('reports --reload (medium) and debug logging (low) in commands production runs', async () => {
    const reload = await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: 'web: gunicorn mysite.wsgi --reload --log-level debug\n' }));
    expect(reload.map(at)).toEqual(['Procfile:1']);
    expect(reload[0]).toMatchObject({ severity: 'medium', confidence: 'certain' });
    expect(reload[0]!.message).toBe('web starts gunicorn with development options: --reload (restarts workers whenever a file changes), --log-level debug (logs request details)');

    const start = '#!/bin/sh\nset -e\ncd /app\nexec gunicorn mysite.wsgi \\\n  --bind unix:/run/app.sock \\\n  --log-level=debug\n';
    const unit = '[Service]\nExecStart=/srv/app/deploy/start.sh\n';
    const logging = await findingsOf(RULE, settingsProject(SETTINGS, { 'deploy/start.sh': start, 'deploy/app.service': unit }));
    expect(logging.map((finding) => [at(finding), finding.severity])).toEqual([['deploy/start.sh:4', 'low']]);
  });

  it("reads the options from the server's config file, the command line winning", async () => {
    const config = "bind = '0.0.0.0:8000'\nreload = True\nloglevel = 'debug'\n";
    const [finding] = await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: 'web: gunicorn mysite.wsgi -c deploy/gunicorn.conf.py --log-level info\n', 'deploy/gunicorn.conf.py': config }));
    expect(finding!.message).toBe('web starts gunicorn with development options: reload = True (deploy/gunicorn.conf.py:2) (restarts workers whenever a file changes)');
    const ini = '[uwsgi]\nmodule = mysite.wsgi\npy-autoreload = 2\n';
    const [uwsgi] = await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: 'web: uwsgi --ini uwsgi.ini\n', 'uwsgi.ini': ini }));
    expect(uwsgi!.message).toContain('py-autoreload = 2 (uwsgi.ini:3)');
    const quiet = "reload = False\nloglevel = 'warning'\n";
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: 'web: gunicorn mysite.wsgi\n', 'gunicorn.conf.py': quiet }))).toEqual([]);
  });

  it('does not report production options, a development compose file, or a command production replaces', async () => {
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: 'web: gunicorn mysite.wsgi --workers 3 --log-level info\n' }))).toEqual([]);
    const dev = `${DEV_COMPOSE_NOTE}    command: gunicorn mysite.wsgi --reload --bind 0.0.0.0:8000\n`;
    const dockerfile = 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi", "--bind", "0.0.0.0:8000"]\n';
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Dockerfile: dockerfile, 'docker-compose.dev.yml': dev }))).toEqual([]);
  });
});

describe('deploy/makemigrations-at-deploy', () => {
  const RULE = 'deploy/makemigrations-at-deploy';

  it('reports makemigrations in a production compose command and a release phase', async () => {
    const compose =
      'services:\n  web:\n    build: .\n    command: >\n      bash -c "python manage.py makemigrations;\n      python manage.py migrate;\n      gunicorn mysite.wsgi --bind 0.0.0.0:8000"\n';
    const found = await findingsOf(RULE, settingsProject(SETTINGS, { 'docker-compose.yml': compose, Dockerfile: 'FROM python:3.12\n' }));
    expect(found.map(at)).toEqual(['docker-compose.yml:4']);
    expect(found[0]!.message).toBe('web runs manage.py makemigrations: production writes migrations nobody reviewed or committed');
    const procfile = 'release: python manage.py makemigrations && python manage.py migrate\nweb: gunicorn mysite.wsgi\n';
    expect((await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: procfile }))).map(at)).toEqual(['Procfile:1']);
  });

  it('does not report migrate alone, makemigrations --check, or a development compose file', async () => {
    const procfile = 'release: python manage.py makemigrations --check --dry-run && python manage.py migrate\nweb: gunicorn mysite.wsgi\n';
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: procfile }))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: 'release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n' }))).toEqual([]);
    const dev = `${DEV_COMPOSE_NOTE}    command: sh -c "python manage.py makemigrations && python manage.py runserver 0.0.0.0:8000"\n`;
    expect(await findingsOf(RULE, settingsProject(SETTINGS, { Procfile: 'web: gunicorn mysite.wsgi\n', 'docker-compose.yml': dev }))).toEqual([]);
  });
});
