import { describe, expect, it } from 'vitest';
import { readDeployFacts } from '../../src/deploy/index.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

describe('readDeployFacts', () => {
  it('combines Dockerfile, compose and fly.toml in precedence order and detects platforms', () => {
    const root = makeProject({
      'Dockerfile': 'FROM python:3.12\nENV DEBUG=1 DJANGO_SETTINGS_MODULE=mysite.settings\nUSER app\nCMD gunicorn mysite.wsgi\n',
      'Dockerfile.dev': 'FROM python:3.12\nENV DEV_ONLY=1\nCMD python manage.py runserver\n',
      'fly.toml': '[env]\n  DEBUG = "0"\n[http_service]\n  force_https = true\n',
      'docker-compose.yml': 'services:\n  web:\n    build: .\n    environment:\n      COMPOSE: "1"\n',
    });
    const facts = readDeployFacts(openWorkspace(root), '');
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
    const root = makeProject({
      'Procfile': 'web: gunicorn backend.wsgi\n',
      'CHECKS': '/ ok\n',
      'backend/Dockerfile': 'FROM python:3.12\nCMD exec gunicorn --bind :$PORT mysite.wsgi\n',
      'backend/cloudbuild.yaml': 'steps: []\n',
      'backend/app.yaml': 'name: not-app-engine\n',
    });
    const facts = readDeployFacts(openWorkspace(root), 'backend');
    expect(facts.files.map((file) => file.path)).toEqual(['Procfile', 'backend/Dockerfile']);
    expect(facts.platforms.sort()).toEqual(['cloud-run', 'dokku']);
  });

  it('turns unreadable or broken files into problems', () => {
    const root = makeProject({ 'render.yaml': 'services:\n  - name: [\n', 'app.json': '{' });
    const facts = readDeployFacts(openWorkspace(root), '');
    expect(facts.problems.map((p) => p.location.file).sort()).toEqual(['app.json', 'render.yaml']);
    expect(facts.platforms.sort()).toEqual(['heroku', 'render']);
  });
});
