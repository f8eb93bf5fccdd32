import { expect } from 'vitest';
import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const SETTINGS = "INSTALLED_APPS = ['django.contrib.admin']\n";
const DEV_COMPOSE_NOTE = 'services:\n  web:\n    build: .\n    volumes:\n      - .:/code\n';
const project = (files: Files): Files => settingsFiles(SETTINGS, files, '5.2.8');

ruleTester('deploy/makemigrations-at-deploy', {
  valid: [
    { name: 'makemigrations --check', files: project({ Procfile: 'release: python manage.py makemigrations --check --dry-run && python manage.py migrate\nweb: gunicorn mysite.wsgi\n' }) },
    { name: 'migrate alone', files: project({ Procfile: 'release: python manage.py migrate\nweb: gunicorn mysite.wsgi\n' }) },
    {
      name: 'a development compose file',
      files: project({
        Procfile: 'web: gunicorn mysite.wsgi\n',
        'docker-compose.yml': `${DEV_COMPOSE_NOTE}    command: sh -c "python manage.py makemigrations && python manage.py runserver 0.0.0.0:8000"\n`,
      }),
    },
  ],
  invalid: [
    {
      name: 'makemigrations in a production compose command',
      files: project({
        'docker-compose.yml':
          'services:\n  web:\n    build: .\n    command: >\n      bash -c "python manage.py makemigrations;\n      python manage.py migrate;\n      gunicorn mysite.wsgi --bind 0.0.0.0:8000"\n',
        Dockerfile: 'FROM python:3.12\n',
      }),
      findings: [
        {
          at: 'docker-compose.yml:4',
          check: (finding) => expect(finding.message).toBe('web runs manage.py makemigrations: production writes migrations nobody reviewed or committed'),
        },
      ],
    },
    {
      name: 'makemigrations in a release phase',
      files: project({ Procfile: 'release: python manage.py makemigrations && python manage.py migrate\nweb: gunicorn mysite.wsgi\n' }),
      findings: [{ at: 'Procfile:1' }],
    },
  ],
});
