import { describe, expect, it } from 'vitest';
import { readAppJson } from '../../src/deploy/app-json.js';
import { isAppEngineYaml, readAppYaml } from '../../src/deploy/app-engine.js';
import { readCompose } from '../../src/deploy/compose.js';
import { readFlyToml } from '../../src/deploy/fly.js';
import { readProcfile } from '../../src/deploy/procfile.js';
import { readRenderYaml } from '../../src/deploy/render.js';
import type { EnvVar } from '../../src/env/types.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

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

  it('reports a missing required env_file and YAML errors', () => {
    const root = makeProject({});
    const reading = readCompose('compose.yaml', 'services:\n  web:\n    build: .\n    env_file: prod.env\n  bad: [\n', openWorkspace(root));
    expect(reading.problems.length).toBeGreaterThanOrEqual(1);
    const missing = readCompose('compose.yaml', 'services:\n  web:\n    build: .\n    env_file: prod.env\n', openWorkspace(root));
    expect(missing.problems).toEqual([
      { message: 'compose.yaml: env_file prod.env: prod.env does not exist', location: { file: 'compose.yaml', line: 4, column: 15 } },
    ]);
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
});
