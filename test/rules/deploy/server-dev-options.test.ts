import { describe, expect, it } from 'vitest';
import { parseServerCommand } from '../../../src/deploy/server-command.js';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const DEV_COMPOSE_NOTE = 'services:\n  web:\n    build: .\n    volumes:\n      - .:/code\n';
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');

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

ruleTester('deploy/server-dev-options', {
  valid: [
    { name: "a server config file's production options", files: project({ Procfile: 'web: gunicorn mysite.wsgi\n', 'gunicorn.conf.py': "reload = False\nloglevel = 'warning'\n" }) },
    { name: 'production options', files: project({ Procfile: 'web: gunicorn mysite.wsgi --workers 3 --log-level info\n' }) },
    {
      name: 'a development compose file, and a command production replaces',
      files: project({
        Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi", "--bind", "0.0.0.0:8000"]\n',
        'docker-compose.dev.yml': `${DEV_COMPOSE_NOTE}    command: gunicorn mysite.wsgi --reload --bind 0.0.0.0:8000\n`,
      }),
    },
  ],
  invalid: [
    {
      name: '--reload (medium) and debug logging in a command production runs',
      files: project({ Procfile: 'web: gunicorn mysite.wsgi --reload --log-level debug\n' }),
      findings: [
        {
          at: 'Procfile:1',
          severity: 'medium',
          confidence: 'certain',
          check: (finding) =>
            expect(finding.message).toBe('web starts gunicorn with development options: --reload (restarts workers whenever a file changes), --log-level debug (logs request details)'),
        },
      ],
    },
    {
      name: 'debug logging alone (low) in a start script a systemd unit runs',
      files: project({
        'deploy/start.sh': '#!/bin/sh\nset -e\ncd /app\nexec gunicorn mysite.wsgi \\\n  --bind unix:/run/app.sock \\\n  --log-level=debug\n',
        'deploy/app.service': '[Service]\nExecStart=/srv/app/deploy/start.sh\n',
      }),
      findings: [{ at: 'deploy/start.sh:4', severity: 'low' }],
    },
    {
      name: "the options of the server's config file, the command line winning",
      files: project({
        Procfile: 'web: gunicorn mysite.wsgi -c deploy/gunicorn.conf.py --log-level info\n',
        'deploy/gunicorn.conf.py': "bind = '0.0.0.0:8000'\nreload = True\nloglevel = 'debug'\n",
      }),
      findings: [
        { check: (finding) => expect(finding.message).toBe('web starts gunicorn with development options: reload = True (deploy/gunicorn.conf.py:2) (restarts workers whenever a file changes)') },
      ],
    },
    {
      name: "a uwsgi ini file's py-autoreload",
      files: project({ Procfile: 'web: uwsgi --ini uwsgi.ini\n', 'uwsgi.ini': '[uwsgi]\nmodule = mysite.wsgi\npy-autoreload = 2\n' }),
      findings: [{ message: 'py-autoreload = 2 (uwsgi.ini:3)' }],
    },
  ],
});
