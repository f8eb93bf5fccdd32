import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const RULE = 'django/runserver-in-production';
const SETTINGS = "SECRET_KEY = 'x'\n";
const IMAGE = 'FROM python:3.12\nWORKDIR /app\nCOPY . /app\n';

describe('django/runserver-in-production', () => {
  it('reports a Procfile web process that runs runserver, high and certain', async () => {
    const root = settingsProject(SETTINGS, { Procfile: 'web: python manage.py runserver 0.0.0.0:$PORT\n' });
    const [finding, ...rest] = await findingsOf(RULE, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('Procfile:1');
  });

  it('ignores a development compose file and a CMD a shell-form ENTRYPOINT drops', async () => {
    const dev = settingsProject(SETTINGS, {
      'Dockerfile': `${IMAGE}CMD gunicorn mysite.wsgi\n`,
      'docker-compose.dev.yml': 'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n',
    });
    expect(await findingsOf(RULE, dev)).toEqual([]);
    const shellEntrypoint = settingsProject(SETTINGS, { Dockerfile: `${IMAGE}ENTRYPOINT gunicorn mysite.wsgi\nCMD python manage.py runserver\n` });
    expect(await findingsOf(RULE, shellEntrypoint)).toEqual([]);
  });

  it("ignores an image CMD every production compose service replaces, not one a service still runs", async () => {
    const files = {
      'Dockerfile': `${IMAGE}CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n`,
      'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n  worker:\n    build: .\n    command: celery -A mysite worker\n',
    };
    expect(await findingsOf(RULE, settingsProject(SETTINGS, files))).toEqual([]);
    const oneWithout = settingsProject(SETTINGS, {
      ...files,
      'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n  worker:\n    build: .\n    command: celery -A mysite worker\n',
    });
    const [finding] = await findingsOf(RULE, oneWithout);
    expect(at(finding)).toBe('Dockerfile:4');
  });

  it('reports a runserver a start script runs in one branch at medium severity and default confidence', async () => {
    const script = '#!/bin/sh\nif [ "$MODE" = "production" ]; then\n  exec gunicorn mysite.wsgi\nelse\n  exec python manage.py runserver 0.0.0.0:8000\nfi\n';
    const root = settingsProject(SETTINGS, { 'Dockerfile': `${IMAGE}CMD ["./start.sh"]\n`, 'start.sh': script });
    const [finding, ...rest] = await findingsOf(RULE, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'medium', confidence: 'default' });
    expect(at(finding)).toBe('start.sh:5');
    expect(finding!.message).toContain('in one branch');
  });
});

const settings52 = (body: string, extra: Files = {}): Files => settingsFiles(body, extra, '5.2.8');

ruleTester(RULE, {
  valid: [
    {
      name: 'gunicorn or other manage.py commands',
      files: settings52('DEBUG = False\n', {
        Procfile: 'release: python manage.py migrate\nweb: gunicorn mysite.wsgi\nworker: python manage.py runserver_worker\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'a Procfile web process',
      files: settings52('DEBUG = False\n', { Procfile: 'release: python manage.py migrate\nweb: python manage.py runserver 0.0.0.0:$PORT\n' }),
      findings: [{ at: 'Procfile:2', severity: 'high', confidence: 'certain', message: 'Procfile (web)' }],
    },
    {
      name: 'a Dockerfile exec-form CMD with --insecure',
      files: settings52('DEBUG = False\n', {
        Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["python", "manage.py", "runserver", "--insecure", "0.0.0.0:8000"]\n',
      }),
      findings: [{ at: 'Dockerfile:3', message: '--insecure' }],
    },
    {
      name: "django-extensions' runserver_plus in a production compose file",
      files: settings52('DEBUG = False\n', {
        'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n    command: python manage.py runserver_plus 0.0.0.0:8000\n',
      }),
      findings: [{ at: 'docker-compose.prod.yml:4', severity: 'high', message: 'Werkzeug' }],
    },
  ],
});
