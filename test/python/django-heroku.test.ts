import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { initPythonParser } from '../../src/python/parser.js';
import { makeProject, settingsFiles } from '../helpers/project.js';
import { evaluate } from './helpers.js';
import { environment } from './workspace-stub.js';

beforeAll(() => initPythonParser());

const SETTINGS = [
  'import os',
  'import django_heroku',
  "BASE_DIR = '/srv/app'",
  "SECRET_KEY = 'a-key-written-in-the-settings-file-0123456789'",
  'DEBUG = False',
  "ALLOWED_HOSTS = ['example.com']",
  "MIDDLEWARE = ['django.middleware.security.SecurityMiddleware']",
  "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.path.join(BASE_DIR, 'db.sqlite3')}}",
  'django_heroku.settings(locals())',
  '',
].join('\n');

function onHeroku(vars: Record<string, string | undefined> = {}) {
  return { ...environment(vars), platforms: ['heroku'] };
}

function valueOf(settings: ReturnType<typeof evaluate>, name: string) {
  return settings.get(name);
}

describe('django_heroku.settings(locals())', () => {
  it('on Heroku: DATABASES from the add-on’s DATABASE_URL (unknown), ALLOWED_HOSTS = [*] at the call, WhiteNoise, DEBUG untouched', () => {
    const settings = evaluate({ 'settings.py': SETTINGS }, {}, { environment: onHeroku() });
    const databases = valueOf(settings, 'DATABASES');
    expect(databases.kind).toBe('dict');
    const fallback = databases.kind === 'dict' ? databases.entries.find((entry) => entry.key.kind === 'str' && entry.key.value === 'default')?.value : undefined;
    expect(fallback).toMatchObject({ kind: 'unknown' });
    expect(fallback?.env?.[0]).toMatchObject({ name: 'DATABASE_URL', set: true });
    expect(valueOf(settings, 'ALLOWED_HOSTS')).toMatchObject({ kind: 'list', items: [{ kind: 'str', value: '*' }], loc: { line: 9 } });
    expect(settings.assignedAt.get('ALLOWED_HOSTS')?.line).toBe(9);
    expect(valueOf(settings, 'STATIC_ROOT')).toMatchObject({ kind: 'str', value: '/srv/app/staticfiles' });
    const middleware = valueOf(settings, 'MIDDLEWARE');
    expect(middleware.kind === 'tuple' ? middleware.items.map((item) => (item.kind === 'str' ? item.value : '?')) : []).toEqual([
      'whitenoise.middleware.WhiteNoiseMiddleware',
      'django.middleware.security.SecurityMiddleware',
    ]);
    expect(valueOf(settings, 'DEBUG')).toMatchObject({ kind: 'bool', value: false });
    // No SECRET_KEY in the environment: the settings' own stays.
    expect(valueOf(settings, 'SECRET_KEY')).toMatchObject({ kind: 'str', value: 'a-key-written-in-the-settings-file-0123456789' });
  });

  it('off Heroku without DATABASE_URL keeps the settings’ DATABASES', () => {
    const settings = evaluate({ 'settings.py': SETTINGS });
    const databases = valueOf(settings, 'DATABASES');
    const engine = databases.kind === 'dict' ? databases.entries[0]?.value : undefined;
    expect(engine?.kind === 'dict' ? engine.entries.find((entry) => entry.key.kind === 'str' && entry.key.value === 'ENGINE')?.value : undefined).toMatchObject({
      value: 'django.db.backends.sqlite3',
    });
  });

  it('parses a known DATABASE_URL and takes SECRET_KEY from the environment when it is set there', () => {
    const settings = evaluate({ 'settings.py': SETTINGS }, { DATABASE_URL: 'postgres://app:pw@db:5432/app', SECRET_KEY: 'from-the-environment' });
    const databases = valueOf(settings, 'DATABASES');
    const fallback = databases.kind === 'dict' ? databases.entries[0]?.value : undefined;
    const engine = fallback?.kind === 'dict' ? fallback.entries.find((entry) => entry.key.kind === 'str' && entry.key.value === 'ENGINE')?.value : undefined;
    expect(engine).toMatchObject({ kind: 'str', value: 'django.db.backends.postgresql' });
    expect(valueOf(settings, 'SECRET_KEY')).toMatchObject({ kind: 'str', value: 'from-the-environment' });
  });

  it('leaves what a switch turns off, and raises a KeyError without BASE_DIR', () => {
    const off = evaluate({ 'settings.py': SETTINGS.replace('settings(locals())', 'settings(locals(), allowed_hosts=False, staticfiles=False)') }, {}, { environment: onHeroku() });
    expect(valueOf(off, 'ALLOWED_HOSTS')).toMatchObject({ kind: 'list', items: [{ value: 'example.com' }] });
    expect(off.has('STATIC_ROOT')).toBe(false);
    const noBase = evaluate({ 'settings.py': SETTINGS.replace("BASE_DIR = '/srv/app'", "ROOT = '/srv/app'").replace('BASE_DIR, ', 'ROOT, ') }, {}, { environment: onHeroku() });
    expect(noBase.problems.map((problem) => problem.message).join('\n')).toMatch(/KeyError: 'BASE_DIR'/);
  });

  it('django_on_heroku, the maintained fork, is modelled the same way', () => {
    const settings = evaluate({ 'settings.py': SETTINGS.replace(/django_heroku/g, 'django_on_heroku') }, {}, { environment: onHeroku() });
    expect(valueOf(settings, 'ALLOWED_HOSTS')).toMatchObject({ items: [{ value: '*' }] });
  });
});

describe('django_heroku in a Heroku project (rules)', () => {
  const project = (extra: Record<string, string>) =>
    makeProject(settingsFiles(SETTINGS.replace("BASE_DIR = '/srv/app'", 'BASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))'), {
      'mysite/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      ...extra,
    }));
  const rules = ['django/sqlite-in-production', 'django/allowed-hosts-wildcard'];

  it('reports the wildcard the library sets at the call, and no SQLite', async () => {
    const result = await runCheck({ root: project({ Procfile: 'web: gunicorn mysite.wsgi\n' }), only: rules });
    expect(result.findings.map((finding) => [finding.rule, finding.location])).toEqual([
      ['django/allowed-hosts-wildcard', expect.objectContaining({ file: 'mysite/settings.py', line: 9 })],
    ]);
  });

  it('off Heroku, the settings’ SQLite is judged', async () => {
    const result = await runCheck({ root: project({}), only: rules });
    expect(result.findings.map((finding) => finding.rule)).toContain('django/sqlite-in-production');
  });
});
