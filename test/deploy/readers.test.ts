import { describe, expect, it } from 'vitest';
import { readAppJson } from '../../src/deploy/app-json.js';
import { isAppEngineYaml, readAppYaml } from '../../src/deploy/app-engine.js';
import { readCompose } from '../../src/deploy/compose.js';
import { readFlyToml } from '../../src/deploy/fly.js';
import { readHerokuYml } from '../../src/deploy/heroku-yml.js';
import { readProcfile } from '../../src/deploy/procfile.js';
import { readRenderYaml } from '../../src/deploy/render.js';
import type { EnvVar } from '../../src/env/types.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

const summary = (vars: EnvVar[]): [string, string | undefined, number | undefined, number | undefined][] =>
  vars.map((v) => [v.name, v.value, v.source.location?.line, v.source.location?.column]);

describe('readProcfile', () => {
  it('reads processes and VAR=value prefixes', () => {
    const reading = readProcfile(
      'Procfile',
      '# processes\nrelease: python manage.py migrate --noinput\nweb: DJANGO_SETTINGS_MODULE=mysite.settings.prod WEB_CONCURRENCY="3" gunicorn mysite.wsgi --bind 0.0.0.0:$PORT\nworker:celery -A mysite worker\nnot a process line\n',
    );
    expect(reading.commands.map((c) => [c.process, c.text, c.location.line, c.location.column])).toEqual([
      ['release', 'python manage.py migrate --noinput', 2, 10],
      ['web', 'gunicorn mysite.wsgi --bind 0.0.0.0:$PORT', 3, 70],
      ['worker', 'celery -A mysite worker', 4, 8],
    ]);
    expect(summary(reading.env)).toEqual([
      ['DJANGO_SETTINGS_MODULE', 'mysite.settings.prod', 3, 6],
      ['WEB_CONCURRENCY', '3', 3, 50],
    ]);
    expect(reading.env[0]?.source).toMatchObject({ kind: 'procfile', label: 'Procfile:3 (web)' });
    expect(reading.usesPortVariable).toBe(true);
    expect(reading.problems.map((p) => p.location.line)).toEqual([5]);
  });
});

describe('readFlyToml', () => {
  const FLY = `app = "mysite"
primary_region = "ams"

[build]
  dockerfile = "Dockerfile"
  [build.args]
    PYTHON_VERSION = "3.12"

[env]
  DJANGO_SETTINGS_MODULE = "mysite.settings.fly"
  "DEBUG" = false
  PORT = 8000

[processes]
  app = "gunicorn mysite.wsgi"
  worker = "celery -A mysite worker"

[deploy]
  release_command = "python manage.py migrate"

[http_service]
  internal_port = 8000
  force_https = true

  [[http_service.checks]]
    path = "/healthz"
`;

  it('reads env, build args, processes, release command and force_https with lines', () => {
    const reading = readFlyToml('fly.toml', FLY);
    expect(summary(reading.env)).toEqual([
      ['DJANGO_SETTINGS_MODULE', 'mysite.settings.fly', 10, 3],
      ['DEBUG', 'false', 11, 3],
      ['PORT', '8000', 12, 3],
    ]);
    expect(reading.env[0]?.source).toMatchObject({ kind: 'fly.toml', label: 'fly.toml [env]' });
    expect(summary(reading.buildArgs)).toEqual([['PYTHON_VERSION', '3.12', 7, 5]]);
    expect(reading.commands.map((c) => [c.process, c.text, c.location.line])).toEqual([
      ['app', 'gunicorn mysite.wsgi', 15],
      ['worker', 'celery -A mysite worker', 16],
      ['release', 'python manage.py migrate', 19],
    ]);
    expect(reading.forceHttps).toEqual({ value: true, location: { file: 'fly.toml', line: 23, column: 3 } });
    expect(reading.healthChecks).toEqual([{ path: '/healthz', location: { file: 'fly.toml', line: 26, column: 5 } }]);
    expect(reading.problems).toEqual([]);
  });

  it('reads [[services]] ports and reports a missing force_https', () => {
    const reading = readFlyToml(
      'fly.toml',
      '[[services]]\n  internal_port = 8000\n  [[services.ports]]\n    handlers = ["tls", "http"]\n    port = 443\n  [[services.ports]]\n    handlers = ["http"]\n    port = 80\n',
    );
    expect(reading.forceHttps).toEqual({ value: false, location: { file: 'fly.toml', line: 6, column: 3 } });
  });

  it('turns a syntax error into a problem', () => {
    const reading = readFlyToml('fly.toml', '[env]\nDEBUG = \n');
    expect(reading.problems).toHaveLength(1);
    expect(reading.problems[0]?.location.line).toBe(2);
    expect(reading.env).toEqual([]);
  });
});

describe('readAppJson', () => {
  it('reads literal, generated and required variables, add-ons and postdeploy', () => {
    const text = `{
  "name": "mysite",
  "env": {
    "DEBUG": "False",
    "SECRET_KEY": { "description": "signing key", "generator": "secret" },
    "ALLOWED_HOSTS": { "value": ".herokuapp.com" },
    "SENTRY_DSN": { "required": true },
    "OPTIONAL": { "required": false }
  },
  "addons": ["heroku-postgresql:essential-0", { "plan": "heroku-redis:mini", "as": "CACHE" }, "papertrail"],
  "scripts": { "postdeploy": "python manage.py migrate" }
}`;
    const reading = readAppJson('app.json', text);
    expect(summary(reading.env)).toEqual([
      ['DEBUG', 'False', 4, 5],
      ['SECRET_KEY', undefined, 5, 5],
      ['ALLOWED_HOSTS', '.herokuapp.com', 6, 5],
      ['SENTRY_DSN', undefined, 7, 5],
      ['DATABASE_URL', undefined, 10, 14],
      ['CACHE_URL', undefined, 10, 47],
      ['PAPERTRAIL_API_TOKEN', undefined, 10, 95],
    ]);
    expect(reading.env[1]?.source.label).toBe('app.json env SECRET_KEY (generated secret)');
    expect(reading.env[4]?.source.label).toBe('heroku-postgresql add-on (app.json)');
    expect(reading.commands).toEqual([
      { text: 'python manage.py migrate', process: 'postdeploy', kind: 'app.json', location: { file: 'app.json', line: 11, column: 30 } },
    ]);
  });

  it('reports invalid JSON', () => {
    expect(readAppJson('app.json', '{"env": ').problems[0]?.message).toMatch(/^app\.json: invalid JSON/);
  });
});

describe('readCompose', () => {
  it('reads app services: env_file then environment (map and list forms) and commands', () => {
    const root = makeProject({
      'docker-compose.yml': `services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: postgres
  web:
    build: .
    command: gunicorn mysite.wsgi -b 0.0.0.0:8000
    env_file:
      - .env
      - path: ./missing.env
        required: false
    environment:
      DEBUG: "false"
      SECRET_KEY: \${SECRET_KEY}
      PORT: 8000
      FROM_HOST:
  worker:
    image: mysite:latest
    command: ["celery", "-A", "mysite", "worker"]
    environment:
      - DJANGO_SETTINGS_MODULE=mysite.settings.production
      - PASSED_THROUGH
`,
      '.env': '# env\nDATABASE_URL=postgres://db/app\n',
    });
    const workspace = openWorkspace(root);
    const reading = readCompose('docker-compose.yml', workspace.readText('docker-compose.yml').ok ? (workspace.readText('docker-compose.yml') as { text: string }).text : '', workspace);
    expect(summary(reading.env)).toEqual([
      ['DATABASE_URL', 'postgres://db/app', 2, 1],
      ['DEBUG', 'false', 14, 7],
      ['SECRET_KEY', undefined, 15, 7],
      ['PORT', '8000', 16, 7],
      ['FROM_HOST', undefined, 17, 7],
      ['DJANGO_SETTINGS_MODULE', 'mysite.settings.production', 22, 9],
      ['PASSED_THROUGH', undefined, 23, 9],
    ]);
    expect(reading.env[0]?.source).toMatchObject({ kind: 'docker-compose', label: '.env:2 (env_file of docker-compose.yml)' });
    expect(reading.env[1]?.source.label).toBe('docker-compose.yml web.environment');
    expect(reading.commands.map((c) => [c.process, c.text, c.location.line, c.location.column])).toEqual([
      ['web', 'gunicorn mysite.wsgi -b 0.0.0.0:8000', 8, 14],
      ['worker', 'celery -A mysite worker', 20, 14],
    ]);
    expect(reading.problems).toEqual([]);
  });

  it('reports YAML errors and unreadable env files, but not a missing one (deploys create it)', () => {
    const root = makeProject({ 'binary.env': 'A=\u0000\u0001\n' });
    const reading = readCompose('compose.yaml', 'services:\n  web:\n    build: .\n    env_file: prod.env\n  bad: [\n', openWorkspace(root));
    expect(reading.problems.length).toBeGreaterThanOrEqual(1);
    const missing = readCompose('compose.yaml', 'services:\n  web:\n    build: .\n    env_file: [prod.env, binary.env]\n', openWorkspace(root));
    expect(missing.env).toEqual([]);
    expect(missing.problems).toEqual([
      { message: expect.stringMatching(/^compose\.yaml: env_file binary\.env: /), location: { file: 'compose.yaml', line: 4, column: 26 } },
    ]);
  });

  it('tells a development setup by its first sign, and skips test/lint/docs and infrastructure services', () => {
    const workspace = workspaceOf({
      'mysite/settings.py': 'DEBUG = False\n',
      'data/readme.txt': 'x\n',
      'compose/local.env': 'A=1\n',
      'compose/prod.env': 'A=1\n',
    });
    const sign = (services: string, file = 'docker-compose.yml'): string | undefined => readCompose(file, `services:\n${services}`, workspace).development;
    expect(sign('  web:\n    build: .\n    volumes:\n      - ./data:/app/data\n      - .:/app\n')).toBe('web bind-mounts the source (.:/app)');
    expect(sign('  web:\n    build: .\n    volumes:\n      - type: bind\n        source: ./mysite\n        target: /code/mysite\n')).toBe('web bind-mounts the source (./mysite:/code/mysite)');
    expect(sign('  web:\n    build: .\n    volumes: ["$PWD:/app"]\n')).toBe('web bind-mounts the source ($PWD:/app)');
    expect(sign('  web:\n    build: .\n    volumes: ["./data:/app/data", "media:/app/media"]\n')).toBeUndefined();
    expect(sign('  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n')).toBe('web runs manage.py runserver');
    expect(sign('  web:\n    build:\n      context: .\n      target: dev\n')).toBe('web builds the dev stage');
    expect(sign('  web:\n    build: .\n    environment: [DJANGO_DEBUG=True]\n')).toBe('web sets DJANGO_DEBUG=True');
    expect(sign('  app:\n    build: .\n    environment:\n      DJANGO_SETTINGS_MODULE: mysite.settings.dev\n')).toBe('app uses mysite.settings.dev');
    expect(sign('  web:\n    build: .\n    env_file: local.env\n', 'compose/docker-compose.yml')).toBe('web loads local.env');
    expect(sign('  web:\n    build: .\n    env_file: prod.env\n    command: gunicorn mysite.wsgi\n', 'compose/docker-compose.yml')).toBeUndefined();

    const reading = readCompose(
      'docker-compose.yml',
      'services:\n  test:\n    build: .\n    command: python manage.py runserver\n    environment: {SECRET_KEY: test}\n  traefik:\n    build:\n      context: .\n      dockerfile: ./compose/traefik/Dockerfile\n  web:\n    build: .\n    command: gunicorn mysite.wsgi\n',
      workspace,
    );
    expect(reading.development).toBeUndefined();
    expect(reading.env).toEqual([]);
    expect(reading.commands.map((command) => command.process)).toEqual(['web']);
  });

  it('lists the Dockerfiles app services build from and expands YAML merge keys', () => {
    const workspace = workspaceOf({ 'compose/production/django/Dockerfile': 'FROM python:3.12\n', Dockerfile: 'FROM python:3.12\n' });
    const reading = readCompose(
      'production.yml',
      `x-app: &app
  build:
    context: .
    dockerfile: ./compose/production/django/Dockerfile
  environment:
    WORKER_QUEUES: default
services:
  django:
    <<: *app
    command: /start
  worker:
    <<: *app
    environment:
      WORKER_QUEUES: tokens
    command: celery -A config worker
  plain:
    build: .
    command: gunicorn config.wsgi
  remote:
    build: https://github.com/example/app.git
    command: gunicorn config.wsgi
`,
      workspace,
    );
    expect(reading.dockerfiles).toEqual(['compose/production/django/Dockerfile', 'Dockerfile']);
    expect(summary(reading.env)).toEqual([
      ['WORKER_QUEUES', 'default', 6, 5],
      ['WORKER_QUEUES', 'tokens', 14, 7],
    ]);
    expect(reading.env.map((variable) => variable.source.label)).toEqual(['production.yml django.environment', 'production.yml worker.environment']);
  });
});

describe('readHerokuYml', () => {
  it('reads setup.config, build.config, build.docker Dockerfiles, run processes and the release command', () => {
    const workspace = workspaceOf({ Dockerfile: 'FROM python:3.12\n', 'worker.Dockerfile': 'FROM python:3.12\n' });
    const reading = readHerokuYml(
      'heroku.yml',
      `setup:
  addons:
    - plan: heroku-postgresql
  config:
    DJANGO_SETTINGS_MODULE: mysite.settings.production
build:
  docker:
    web: Dockerfile
    worker:
      dockerfile: worker.Dockerfile
    missing: nope.Dockerfile
  config:
    REQUIREMENTS: prod
release:
  image: web
  command:
    - python manage.py migrate --noinput
run:
  web: gunicorn mysite.wsgi --bind 0.0.0.0:$PORT
  worker:
    command:
      - celery -A mysite worker
    image: worker
`,
      workspace,
    );
    expect(summary(reading.env)).toEqual([['DJANGO_SETTINGS_MODULE', 'mysite.settings.production', 5, 5]]);
    expect(reading.env[0]?.source).toMatchObject({ kind: 'heroku.yml', label: 'heroku.yml setup.config' });
    expect(summary(reading.buildArgs)).toEqual([['REQUIREMENTS', 'prod', 13, 5]]);
    expect(reading.dockerfiles).toEqual(['Dockerfile', 'worker.Dockerfile']);
    expect(reading.commands.map((command) => [command.process, command.text, command.location.line, command.location.column])).toEqual([
      ['web', 'gunicorn mysite.wsgi --bind 0.0.0.0:$PORT', 19, 8],
      ['worker', 'celery -A mysite worker', 22, 9],
      ['release', 'python manage.py migrate --noinput', 17, 7],
    ]);
    expect(reading.usesPortVariable).toBe(true);
    expect(reading.problems).toEqual([]);
  });
});

describe('readRenderYaml', () => {
  it('reads envVars of every kind, env groups and commands', () => {
    const reading = readRenderYaml(
      'render.yaml',
      `envVarGroups:
  - name: shared
    envVars:
      - key: SENTRY_DSN
        sync: false
services:
  - type: web
    name: mysite
    runtime: python
    healthCheckPath: /health/
    buildCommand: ./build.sh
    startCommand: gunicorn mysite.wsgi
    envVars:
      - key: DEBUG
        value: false
      - key: SECRET_KEY
        generateValue: true
      - key: DATABASE_URL
        fromDatabase:
          name: mysite-db
          property: connectionString
      - fromGroup: shared
databases:
  - name: mysite-db
`,
    );
    expect(summary(reading.env)).toEqual([
      ['DEBUG', 'false', 14, 14],
      ['SECRET_KEY', undefined, 16, 14],
      ['DATABASE_URL', undefined, 18, 14],
      ['SENTRY_DSN', undefined, 4, 14],
    ]);
    expect(reading.env[3]?.source.label).toBe('render.yaml envVarGroups shared (set by Render)');
    expect(reading.healthChecks).toEqual([{ path: '/health/', location: { file: 'render.yaml', line: 10, column: 22 } }]);
    expect(reading.commands.map((c) => [c.process, c.text, c.location.line])).toEqual([
      ['mysite buildCommand', './build.sh', 11],
      ['mysite startCommand', 'gunicorn mysite.wsgi', 12],
    ]);
  });
});

describe('readAppYaml', () => {
  it('reads App Engine env_variables, entrypoint and secure handlers', () => {
    const text = `runtime: python312
entrypoint: gunicorn -b :$PORT mysite.wsgi
env_variables:
  DJANGO_SETTINGS_MODULE: mysite.settings.gae
  DEBUG: "False"
handlers:
  - url: /static
    static_dir: static
  - url: /.*
    secure: always
    script: auto
`;
    expect(isAppEngineYaml(text)).toBe(true);
    expect(isAppEngineYaml('name: something\n')).toBe(false);
    const reading = readAppYaml('app.yaml', text);
    expect(summary(reading.env)).toEqual([
      ['DJANGO_SETTINGS_MODULE', 'mysite.settings.gae', 4, 3],
      ['DEBUG', 'False', 5, 3],
    ]);
    expect(reading.commands).toEqual([
      { text: 'gunicorn -b :$PORT mysite.wsgi', kind: 'app.yaml', location: { file: 'app.yaml', line: 2, column: 13 } },
    ]);
    expect(reading.forceHttps).toEqual({ value: true, location: { file: 'app.yaml', line: 10, column: 13 } });
  });

  it('reads env_variables numbers and booleans as App Engine stringifies them, a list as unknown with a problem', () => {
    const text = 'runtime: python312\nenv_variables:\n  PORT: 8080\n  DEBUG: True\n  RATE: 1.5\n  EMPTY:\n  HOSTS: [\'.appspot.com\']\n  NAME: site\n';
    const reading = readAppYaml('app.yaml', text);
    expect(reading.env.map((v) => [v.name, v.value])).toEqual([
      ['PORT', '8080'],
      ['DEBUG', 'True'],
      ['RATE', '1.5'],
      ['EMPTY', ''],
      ['HOSTS', undefined],
      ['NAME', 'site'],
    ]);
    expect(reading.problems).toEqual([
      { message: expect.stringContaining('env_variables HOSTS is a list or a map'), location: { file: 'app.yaml', line: 7, column: 10 } },
    ]);
  });
});
