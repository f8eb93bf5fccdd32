import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const settings52 = (body: string, extra: Files = {}): Files => settingsFiles(body, extra, '5.2.8');
const SETTINGS = "SECRET_KEY = 'x'\n";
const IMAGE = 'FROM python:3.12\nWORKDIR /app\nCOPY . /app\n';
const RUNSERVER_IMAGE = `${IMAGE}CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n`;

ruleTester('django/runserver-in-production', {
  valid: [
    {
      name: 'a development compose file',
      files: settings52(SETTINGS, {
        'Dockerfile': `${IMAGE}CMD gunicorn mysite.wsgi\n`,
        'docker-compose.dev.yml': 'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n',
      }),
    },
    { name: 'a CMD a shell-form ENTRYPOINT drops', files: settings52(SETTINGS, { Dockerfile: `${IMAGE}ENTRYPOINT gunicorn mysite.wsgi\nCMD python manage.py runserver\n` }) },
    {
      name: 'an image CMD every production compose service replaces',
      files: settings52(SETTINGS, {
        'Dockerfile': RUNSERVER_IMAGE,
        'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n  worker:\n    build: .\n    command: celery -A mysite worker\n',
      }),
    },
    {
      name: 'gunicorn or other manage.py commands',
      files: settings52('DEBUG = False\n', {
        Procfile: 'release: python manage.py migrate\nweb: gunicorn mysite.wsgi\nworker: python manage.py runserver_worker\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'a Procfile web process that runs runserver, high and certain',
      files: settings52(SETTINGS, { Procfile: 'web: python manage.py runserver 0.0.0.0:$PORT\n' }),
      findings: [{ at: 'Procfile:1', severity: 'high', confidence: 'certain' }],
    },
    {
      name: 'an image CMD a production compose service still runs',
      files: settings52(SETTINGS, {
        'Dockerfile': RUNSERVER_IMAGE,
        'docker-compose.prod.yml': 'services:\n  web:\n    build: .\n  worker:\n    build: .\n    command: celery -A mysite worker\n',
      }),
      findings: [{ at: 'Dockerfile:4' }],
    },
    {
      name: 'a runserver a start script runs in one branch, at medium severity and default confidence',
      files: settings52(SETTINGS, {
        'Dockerfile': `${IMAGE}CMD ["./start.sh"]\n`,
        'start.sh': '#!/bin/sh\nif [ "$MODE" = "production" ]; then\n  exec gunicorn mysite.wsgi\nelse\n  exec python manage.py runserver 0.0.0.0:8000\nfi\n',
      }),
      findings: [{ at: 'start.sh:5', severity: 'medium', confidence: 'default', message: 'in one branch' }],
    },
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
