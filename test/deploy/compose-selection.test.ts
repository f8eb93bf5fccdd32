import { describe, expect, it } from 'vitest';
import { deployFactsOf } from '../helpers/deploy.js';

function composeFacts(files: Record<string, string>) {
  const facts = deployFactsOf(files);
  return { looked: facts.composeFiles?.map((file) => [file.path, file.production, file.why]), commands: facts.commands.filter((command) => command.deployed !== false).map((command) => command.text) };
}

const RUNSERVER_COMPOSE = 'services:\n  web:\n    build:\n      context: .\n      dockerfile: ./docker/Dockerfile\n    command: python manage.py runserver 0.0.0.0:8000\n';
const OVERRIDE = 'services:\n  web:\n    volumes:\n      - .:/app\n';

describe('which compose files production runs', () => {
  it('takes a development-looking compose file when nothing else starts the app', () => {
    const facts = composeFacts({ 'docker-compose.yml': RUNSERVER_COMPOSE, 'docker-compose.override.yml': OVERRIDE, 'docker/Dockerfile': 'FROM python:3.12\nRUN pip install django\n', 'manage.py': '' });
    expect(facts.looked).toEqual([
      ['docker-compose.override.yml', false, 'named for override'],
      ['docker-compose.yml', true, 'nothing else starts the app, although web runs manage.py runserver'],
    ]);
    expect(facts.commands).toEqual(['python manage.py runserver 0.0.0.0:8000']);
  });

  it('keeps it development when an image CMD or a platform file starts the app', () => {
    const image = composeFacts({ 'docker-compose.yml': RUNSERVER_COMPOSE, 'docker/Dockerfile': 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n', 'manage.py': '' });
    expect(image.looked).toEqual([['docker-compose.yml', false, 'web runs manage.py runserver']]);
    expect(image.commands).toEqual(['gunicorn mysite.wsgi']);
    const procfile = composeFacts({ 'docker-compose.yml': RUNSERVER_COMPOSE, Procfile: 'web: gunicorn mysite.wsgi\n', 'manage.py': '' });
    expect(procfile.looked?.[0]?.[1]).toBe(false);
  });

  it('does not take a file of side services alone (a local database) for production', () => {
    const facts = composeFacts({
      'docker-compose.yml': 'services:\n  db_local:\n    image: postgres:16\n    ports:\n      - 5432:5432\n',
      'app.yaml': 'runtime: python312\nentrypoint: gunicorn -b :$PORT mysite.wsgi\n',
    });
    expect(facts.looked).toEqual([['docker-compose.yml', false, 'runs no app service, only services beside it']]);
    const withApp = composeFacts({ 'docker-compose.yml': 'services:\n  web:\n    build: .\n  db:\n    image: postgres:16\n', Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n' });
    expect(withApp.looked).toEqual([['docker-compose.yml', true, 'no production compose file, and no development signs']]);
  });
});
