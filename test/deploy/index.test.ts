import { describe, expect, it } from 'vitest';
import { readDeployFacts } from '../../src/deploy/index.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { deployFactsOf } from '../helpers/deploy.js';
import { makeProject } from '../helpers/project.js';

describe('readDeployFacts', () => {
  it('combines Dockerfile, compose and fly.toml in precedence order and detects platforms', () => {
    const facts = deployFactsOf({
      'Dockerfile': 'FROM python:3.12\nENV DEBUG=1 DJANGO_SETTINGS_MODULE=mysite.settings\nUSER app\nCMD gunicorn mysite.wsgi\n',
      'Dockerfile.dev': 'FROM python:3.12\nENV DEV_ONLY=1\nCMD python manage.py runserver\n',
      'fly.toml': '[env]\n  DEBUG = "0"\n[http_service]\n  force_https = true\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    environment:\n      COMPOSE: "1"\n',
    });
    expect(facts.files).toEqual([
      { kind: 'dockerfile', path: 'Dockerfile' },
      { kind: 'docker-compose', path: 'docker-compose.yml' },
      { kind: 'fly.toml', path: 'fly.toml' },
    ]);
    expect(facts.env.map((v) => `${v.name}=${v.value} (${v.source.kind})`)).toEqual([
      'DEBUG=1 (dockerfile)',
      'DJANGO_SETTINGS_MODULE=mysite.settings (dockerfile)',
      'COMPOSE=1 (docker-compose)',
      'DEBUG=0 (fly.toml)',
    ]);
    expect(facts.commands.map((c) => c.text)).toEqual(['gunicorn mysite.wsgi']);
    expect(facts.containerUser?.user).toBe('app');
    expect(facts.platformSettings.forceHttps?.value).toBe(true);
    expect(facts.platforms).toEqual(['docker', 'fly']);
    expect(facts.problems).toEqual([]);
  });

  it('reads the workspace root and the project root, and tells Dokku and Cloud Run apart', () => {
    const facts = deployFactsOf({
      'Procfile': 'web: gunicorn backend.wsgi\n',
      'CHECKS': '/ ok\n',
      'backend/Dockerfile': 'FROM python:3.12\nCMD exec gunicorn --bind :$PORT mysite.wsgi\n',
      'backend/cloudbuild.yaml': 'steps: []\n',
      'backend/app.yaml': 'name: not-app-engine\n',
    }, 'backend');
    expect(facts.files.map((file) => file.path)).toEqual(['Procfile', 'backend/Dockerfile']);
    expect(facts.platforms.sort()).toEqual(['cloud-run', 'dokku']);
  });

  it('turns unreadable or broken files into problems', () => {
    const root = makeProject({ 'render.yaml': 'services:\n  - name: [\n', 'app.json': '{' });
    const facts = readDeployFacts(openWorkspace(root), '');
    expect(facts.problems.map((p) => p.location.file).sort()).toEqual(['app.json', 'render.yaml']);
    expect(facts.platforms.sort()).toEqual(['heroku', 'render']);
  });

  it('ignores a development compose file: its variables and commands are not production\'s (r2-compose)', () => {
    const facts = deployFactsOf({
      'manage.py': '',
      'proj/__init__.py': '',
      Dockerfile: 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=proj.prod\nCMD ["gunicorn", "proj.wsgi"]\n',
      'docker-compose.yml':
        'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n    volumes:\n      - .:/app\n    environment:\n      DJANGO_SETTINGS_MODULE: proj.dev\n  test:\n    build: .\n    env_file: [test.env]\n',
      'test.env': 'SECRET_KEY=test-only\n',
    });
    expect(facts.files).toEqual([{ kind: 'dockerfile', path: 'Dockerfile' }]);
    expect(facts.env.map((v) => `${v.name}=${v.value}`)).toEqual(['DJANGO_SETTINGS_MODULE=proj.prod']);
    expect(facts.commands.map((c) => c.text)).toEqual(['gunicorn proj.wsgi']);
  });

  it('prefers a production-named compose file, reads the Dockerfile it builds and its env files (cookiecutter-django)', () => {
    const facts = deployFactsOf({
      'manage.py': '',
      'config/__init__.py': '',
      'local.yml': 'services:\n  django:\n    build: .\n    command: /start\n    environment: [DJANGO_DEBUG=True]\n',
      'docker-compose.yml': 'services:\n  django:\n    build: .\n    command: gunicorn config.wsgi\n    environment: [FROM_PLAIN_COMPOSE=1]\n',
      'production.yml':
        'services:\n  django:\n    build:\n      context: .\n      dockerfile: ./compose/production/django/Dockerfile\n    env_file:\n      - ./.envs/.production/.django\n      - ./.envs/.production/.postgres\n    environment:\n      BUILD_ENV: compose\n    command: /start\n  traefik:\n    build:\n      context: .\n      dockerfile: ./compose/production/traefik/Dockerfile\n',
      'compose/production/django/Dockerfile': 'FROM python:3.12\nENV BUILD_ENV=production PYTHONUNBUFFERED=1\n',
      'compose/production/traefik/Dockerfile': 'FROM traefik:2\nENV TRAEFIK=1\n',
      '.envs/.production/.django': 'DJANGO_SETTINGS_MODULE=config.settings.production\n',
    });
    expect(facts.files.map((file) => file.path)).toEqual(['compose/production/django/Dockerfile', 'production.yml']);
    expect(facts.env.map((v) => `${v.name}=${v.value} [${v.source.label}]`)).toEqual([
      'BUILD_ENV=production [compose/production/django/Dockerfile:2]',
      'PYTHONUNBUFFERED=1 [compose/production/django/Dockerfile:2]',
      'DJANGO_SETTINGS_MODULE=config.settings.production [.envs/.production/.django:1 (env_file of production.yml)]',
      'BUILD_ENV=compose [production.yml django.environment]',
    ]);
    expect(facts.commands.map((c) => c.text)).toEqual(['/start']);
    // The missing .envs/.production/.postgres is created at deploy time: not a problem.
    expect(facts.problems).toEqual([]);
  });

  it('treats a compose file as development when the override compose merges into it bind-mounts the source', () => {
    const facts = deployFactsOf({
      'app/__init__.py': '',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    command: ["web"]\n    environment: {SECRET_KEY: dev}\n',
      'docker-compose.override.yml': 'services:\n  web:\n    volumes:\n      - .:/app\n',
      // The image starts the app itself: the compose file is not the only way it runs (see compose-selection.test.ts).
      Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "app.wsgi"]\n',
    });
    expect(facts.files.map((file) => file.path)).toEqual(['Dockerfile']);
  });

  it('reads conventional deploy folders one or two levels deep, but not dev ones nor deeper ones', () => {
    const facts = deployFactsOf({
      'pebbling/settings.py': '',
      'docker/flyio-single-node/fly.toml': '[env]\n  FROM_FLY = "1"\n[http_service]\n  force_https = true\n',
      'docker/flyio-single-node/Procfile': 'web: gunicorn pebbling.wsgi\n',
      'docker/flyio-single-node/Dockerfile': 'FROM python:3.12\nENV FROM_DOCKER=1\n',
      'docker/compose/docker-compose.yml': 'services:\n  web:\n    build: .\n    command: gunicorn pebbling.wsgi\n    environment: [FROM_COMPOSE=1]\n',
      'docker/local-dev/docker-compose.yml': 'services:\n  web:\n    build: .\n    command: gunicorn pebbling.wsgi\n    environment: [FROM_LOCAL_DEV=1]\n',
      'docker/images/nginx/extra/Dockerfile': 'FROM nginx\nENV TOO_DEEP=1\n',
      'deploy/Dockerfile.nginx': 'FROM nginx\nENV PROXY=1\n',
      'src/docker/Dockerfile': 'FROM python:3.12\nENV NOT_CONVENTIONAL=1\n',
    });
    expect(facts.files.map((file) => file.path)).toEqual([
      'docker/compose/docker-compose.yml',
      'docker/flyio-single-node/Dockerfile',
      'docker/flyio-single-node/Procfile',
      'docker/flyio-single-node/fly.toml',
    ]);
    expect(facts.env.map((v) => v.name)).toEqual(['FROM_COMPOSE', 'FROM_DOCKER', 'FROM_FLY']);
    expect(facts.platformSettings.forceHttps).toEqual({ value: true, location: { file: 'docker/flyio-single-node/fly.toml', line: 4, column: 3 } });
    // The Procfile belongs to the Fly setup in its folder: no Heroku.
    expect(facts.platforms).toEqual(['docker', 'fly']);
  });

  it('reads heroku.yml and the Dockerfile it builds, before the Procfile', () => {
    const facts = deployFactsOf({
      Dockerfile: 'FROM python:3.12\nENV DJANGO_SETTINGS_MODULE=bakerydemo.settings.production\n',
      'heroku.yml': 'build:\n  docker:\n    web: Dockerfile\nsetup:\n  config:\n    DJANGO_DEBUG: "off"\nrun:\n  web: uwsgi etc/uwsgi.ini\n',
      Procfile: 'web: uwsgi ./etc/uwsgi.ini\n',
    });
    expect(facts.files.map((file) => `${file.kind} ${file.path}`)).toEqual(['dockerfile Dockerfile', 'heroku.yml heroku.yml', 'procfile Procfile']);
    expect(facts.env.map((v) => `${v.name}=${v.value}`)).toEqual(['DJANGO_SETTINGS_MODULE=bakerydemo.settings.production', 'DJANGO_DEBUG=off']);
    expect(facts.platforms).toEqual(['docker', 'heroku']);
  });
});

describe('only the deployed image', () => {
  it("keeps out the ENV and commands of Dockerfiles a platform file does not build (fly's dockerfile is relative to fly.toml)", () => {
    const facts = deployFactsOf({
      'Dockerfile': 'FROM python:3.12\nENV DEBUG=True ALLOWED_HOSTS=*\nCMD python manage.py runserver 0.0.0.0:8000\n',
      'deploy/fly/fly.toml': "app = 'x'\n[build]\n  dockerfile = 'Dockerfile'\n",
      'deploy/fly/Dockerfile': 'FROM python:3.12\nENV MODE=fly\nCMD gunicorn site.wsgi\n',
    });
    expect(facts.env.map((v) => `${v.name}=${v.value}`)).toEqual(['MODE=fly']);
    expect(facts.deployedStages?.map((stage) => stage.dockerfile)).toEqual(['deploy/fly/Dockerfile']);
    const runserver = facts.commands.find((command) => command.text.includes('runserver'));
    expect(runserver?.deployed).toBe(false);
    expect(facts.commands.find((command) => command.text.startsWith('gunicorn'))?.deployed).toBe(true);
  });

  it('keeps every Dockerfile found when no platform file names one, and the one beside fly.toml by default', () => {
    const alone = makeProject({ 'Dockerfile': 'FROM python:3.12\nENV DEBUG=True\nCMD gunicorn a.wsgi\n' });
    expect(readDeployFacts(openWorkspace(alone), '').env.map((v) => v.name)).toEqual(['DEBUG']);
    const beside = makeProject({
      'Dockerfile': 'FROM python:3.12\nENV ROOT=1\n',
      'deploy/fly.toml': "app = 'x'\n",
      'deploy/Dockerfile': 'FROM python:3.12\nENV BESIDE=1\n',
    });
    expect(readDeployFacts(openWorkspace(beside), '').env.map((v) => v.name)).toEqual(['BESIDE']);
  });
});
