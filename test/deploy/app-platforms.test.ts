import { describe, expect, it } from 'vitest';
import { readCaptainDefinition } from '../../src/deploy/caprover.js';
import { readDoAppSpec } from '../../src/deploy/digitalocean.js';
import { readDeployFacts } from '../../src/deploy/index.js';
import { runCheck } from '../../src/frameworks.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { deployFactsOf } from '../helpers/deploy.js';
import { makeProject } from '../helpers/project.js';

const SPEC = `spec:
  name: shop
  envs:
    - key: DJANGO_SETTINGS_MODULE
      value: shop.settings.prod
    - key: BUILD_ONLY
      scope: BUILD_TIME
      value: "1"
  services:
    - name: web
      source_dir: /backend
      dockerfile_path: backend/Dockerfile
      build_command: python manage.py collectstatic --noinput
      run_command: gunicorn shop.wsgi --bind 0.0.0.0:8080
      envs:
        - key: SECRET_KEY
          type: SECRET
          value: EV[1:abc]
        - key: DATABASE_URL
          value: \${db.DATABASE_URL}
        - key: DEBUG
          value: "False"
  workers:
    - name: queue
      run_command: celery -A shop worker
      envs:
        - key: WORKER_ONLY
          value: "1"
`;

describe('readDoAppSpec', () => {
  it('reads run/build commands with their roles, run-time envs (secrets and bindings unknown) and the Dockerfile', () => {
    const reading = readDoAppSpec('.do/deploy.template.yaml', SPEC);
    expect(reading.commands.map((command) => [command.process, command.role, command.text])).toEqual([
      ['web', 'web', 'gunicorn shop.wsgi --bind 0.0.0.0:8080'],
      ['web buildCommand', 'build', 'python manage.py collectstatic --noinput'],
      ['queue', 'worker', 'celery -A shop worker'],
    ]);
    expect(reading.env.map((v) => [v.name, v.value])).toEqual([
      ['DJANGO_SETTINGS_MODULE', 'shop.settings.prod'],
      ['SECRET_KEY', undefined],
      ['DATABASE_URL', undefined],
      ['DEBUG', 'False'],
    ]);
    expect(reading.dockerfiles).toEqual(['backend/Dockerfile']);
    expect(reading.builds?.[0]).toMatchObject({ dockerfile: 'backend/Dockerfile', context: 'backend' });
    expect(reading.problems).toEqual([]);
  });

  it('reads a spec without the spec: wrapper, and nothing from an empty one', () => {
    expect(readDoAppSpec('.do/app.yaml', 'services:\n  - name: app\n    run_command: gunicorn a.wsgi\n').commands).toHaveLength(1);
    const empty = readDoAppSpec('.do/app.yaml', 'name: x\n');
    expect([empty.commands, empty.env]).toEqual([[], []]);
  });
});

describe('readCaptainDefinition', () => {
  it('names the Dockerfile relative to its folder, which is the build context', () => {
    const reading = readCaptainDefinition('deploy/captain-definition', '{ "schemaVersion": 2, "dockerfilePath": "../docker/prod/Dockerfile" }');
    expect(reading.dockerfiles).toEqual(['docker/prod/Dockerfile']);
    expect(reading.builds?.[0]).toMatchObject({ dockerfile: 'docker/prod/Dockerfile', context: 'deploy' });
    expect(reading.problems).toEqual([]);
  });

  it('reports another schemaVersion and bad JSON, and names nothing for an inline image', () => {
    expect(readCaptainDefinition('captain-definition', '{ "schemaVersion": 1, "dockerfilePath": "./Dockerfile" }').problems[0]?.message).toContain('schemaVersion 1');
    expect(readCaptainDefinition('captain-definition', '{ "schemaVersion": 2,').problems[0]?.message).toContain('invalid JSON');
    expect(readCaptainDefinition('captain-definition', '{ "schemaVersion": 2, "dockerfileLines": ["FROM python"] }').dockerfiles).toBeUndefined();
  });
});

describe('platform specs in the deploy facts', () => {
  it("take the spec's commands and envs, and only the Dockerfile it builds", () => {
    const facts = deployFactsOf({
      '.do/deploy.template.yaml': SPEC,
      'backend/Dockerfile': 'FROM python:3.12\nENV FROM_IMAGE=1\n',
      'Dockerfile': 'FROM python:3.12\nENV STRAY=1\n',
    });
    expect(facts.env.map((v) => v.name)).toEqual(['FROM_IMAGE', 'DJANGO_SETTINGS_MODULE', 'SECRET_KEY', 'DATABASE_URL', 'DEBUG']);
    expect(facts.commands.find((command) => command.process === 'web')?.server?.appModule).toBe('shop.wsgi');
  });

  it('CapRover: the Dockerfile captain-definition names is the deployed one', () => {
    const facts = deployFactsOf({
      'captain-definition': '{ "schemaVersion": 2, "dockerfilePath": "./compose/prod/Dockerfile" }',
      'compose/prod/Dockerfile': 'FROM python:3.12\nENV PROD=1\nCMD gunicorn a.wsgi\n',
      'Dockerfile': 'FROM python:3.12\nENV DEBUG=True\n',
    });
    expect(facts.env.map((v) => v.name)).toEqual(['PROD']);
    expect(facts.deployedStages?.map((stage) => stage.dockerfile)).toEqual(['compose/prod/Dockerfile']);
  });
});

it('a cookiecutter layout: production.yml and captain-definition reach the root project; a leftover copy is not deployed', async () => {
  const wsgi = (module: string) => `import os\nfrom django.core.wsgi import get_wsgi_application\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')\napplication = get_wsgi_application()\n`;
  const manage = (module: string) => `import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '${module}')\n`;
  const root = makeProject({
    'captain-definition': '{ "schemaVersion": 2, "dockerfilePath": "./compose/production/django/Dockerfile" }',
    'compose/production/django/Dockerfile': 'FROM python:3.12\nWORKDIR /app\nCOPY ./compose/production/django/start /start\nCOPY . /app\nCMD ["/start"]\n',
    'compose/production/django/start': '#!/bin/sh\nexec gunicorn core.wsgi --bind 0.0.0.0:5000\n',
    'production.yml': 'services:\n  django:\n    build:\n      context: .\n      dockerfile: ./compose/production/django/Dockerfile\n    command: /start\n',
    'manage.py': manage('core.settings'),
    'core/__init__.py': '',
    'core/wsgi.py': wsgi('core.settings'),
    'core/settings.py': "import os\nDEBUG = False\nSECRET_KEY = os.environ['SECRET_KEY']\nALLOWED_HOSTS = ['x.example']\n",
    'test_project/manage.py': manage('config.settings.local'),
    'test_project/config/__init__.py': '',
    'test_project/config/wsgi.py': wsgi('config.settings.local'),
    'test_project/config/settings/__init__.py': '',
    'test_project/config/settings/local.py': 'DEBUG = True\n',
  });
  const facts = readDeployFacts(openWorkspace(root), '');
  expect(facts.composeFiles).toEqual([{ path: 'production.yml', production: true, why: 'named for production' }]);
  const result = await runCheck({ root });
  expect(result.projects.map((project) => [project.root, project.kind === 'django' ? project.production?.deployment.status : undefined])).toEqual([
    ['', 'deployed'],
    ['test_project', 'not-deployed'],
  ]);
});

it("render.yaml: a Docker service's dockerfilePath is the deployed image, over a Dockerfile beside it", () => {
  const facts = deployFactsOf({
    'render.yaml': 'services:\n  - type: web\n    name: site\n    runtime: docker\n    dockerfilePath: ./docker/Dockerfile.render\n    dockerContext: .\n',
    'docker/Dockerfile.render': 'FROM python:3.12\nENV RENDERED=1\nCMD gunicorn a.wsgi\n',
    'Dockerfile': 'FROM python:3.12\nENV DEBUG=True\n',
  });
  expect(facts.env.map((v) => v.name)).toEqual(['RENDERED']);
  expect(facts.deployedStages?.map((stage) => [stage.dockerfile, stage.context])).toEqual([['docker/Dockerfile.render', '']]);
});
