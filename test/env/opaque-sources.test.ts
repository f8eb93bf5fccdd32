import { describe, expect, it } from 'vitest';
import { readDeployFacts } from '../../src/deploy/index.js';
import { buildEnvironment } from '../../src/env/environment.js';
import { runCheck } from '../../src/frameworks.js';
import { makeProject, settingsFiles } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

/** A production compose file whose app service loads `envFile` and whose database service loads `dbEnvFile`. */
function composeProd(envFile: string, dbEnvFile = './.env.prod.db'): string {
  return [
    'services:',
    '  web:',
    '    build: ./app',
    '    command: gunicorn mysite.wsgi:application --bind 0.0.0.0:8000',
    '    env_file:',
    `      - ${envFile}`,
    '  db:',
    '    image: postgres:16',
    '    env_file:',
    `      - ${dbEnvFile}`,
    '',
  ].join('\n');
}

function environmentOf(files: Record<string, string>) {
  const workspace = workspaceOf(files);
  return buildEnvironment(workspace, readDeployFacts(workspace, ''));
}

describe('uncommitted env files production loads (opaque sources)', () => {
  it('sets the variables a committed sample names, value unknown, and names the source with its compose line', () => {
    const environment = environmentOf({
      'docker-compose.prod.yml': composeProd('./.env.prod'),
      '.env.prod-sample': 'DB_ENGINE=django.db.backends.postgresql\nAPP_KEY=change_me\n',
    });
    expect(environment.get('DB_ENGINE')).toMatchObject({ value: undefined });
    // The sample's values are never production's.
    expect(environment.get('APP_KEY')?.value).toBeUndefined();
    expect(environment.get('APP_KEY')?.source.label).toContain('.env.prod-sample');
    expect(environment.opaqueSources).toEqual([
      expect.objectContaining({ file: '.env.prod', sample: '.env.prod-sample', location: expect.objectContaining({ file: 'docker-compose.prod.yml', line: 6 }) }),
    ]);
    expect(environment.opaqueSources![0]!.label).toMatch(/^\.env\.prod \(env_file of docker-compose\.prod\.yml web, not in the repository; \.env\.prod-sample names 2 variables\)$/);
    // A variable nobody names stays unset.
    expect(environment.get('OTHER')).toBeUndefined();
  });

  it('finds `<name>.example` next to the file, and records a source without a sample', () => {
    const withExample = environmentOf({ 'deploy/docker-compose.yml': composeProd('.env', '.db.env'), 'deploy/.env.example': 'DB=postgres\n' });
    expect(withExample.get('DB')).toMatchObject({ value: undefined });
    expect(withExample.opaqueSources?.map((source) => source.file)).toEqual(['deploy/.env']);

    const bare = environmentOf({ 'docker-compose.prod.yml': composeProd('./.env.prod') });
    expect(bare.opaqueSources).toEqual([expect.objectContaining({ file: '.env.prod' })]);
    expect(bare.opaqueSources![0]!.sample).toBeUndefined();
  });

  it('reads a committed env file as before, and ignores the database service’s missing file', () => {
    const environment = environmentOf({
      'docker-compose.prod.yml': composeProd('./.env.prod'),
      '.env.prod': 'DB_ENGINE=django.db.backends.postgresql\n',
      '.env.prod.db-sample': 'POSTGRES_PASSWORD=\n',
    });
    expect(environment.get('DB_ENGINE')?.value).toBe('django.db.backends.postgresql');
    expect(environment.opaqueSources).toBeUndefined();
    expect(environment.get('POSTGRES_PASSWORD')).toBeUndefined();
  });

  it('treats `--env-file` of a missing file in a Procfile command as an opaque source', () => {
    const environment = environmentOf({
      Procfile: 'web: uvicorn mysite.asgi:application --env-file .env.live\n',
      '.env.live.example': 'SECRET_KEY=\n',
    });
    expect(environment.get('SECRET_KEY')).toMatchObject({ value: undefined });
    expect(environment.opaqueSources?.[0]).toMatchObject({ file: '.env.live', location: { file: 'Procfile', line: 1 } });
  });
});

describe('fallbacks of variables an opaque source sets', () => {
  const settings = [
    'import os',
    "SECRET_KEY = os.environ['SECRET_KEY']",
    "ALLOWED_HOSTS = ['example.com']",
    "DATABASES = {'default': {'ENGINE': os.environ.get('DB_ENGINE', 'django.db.backends.sqlite3'), 'NAME': 'app'}}",
    '',
  ].join('\n');
  const project = (sample: string) =>
    makeProject(settingsFiles(settings, {
      'mysite/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'docker-compose.prod.yml': composeProd('./.env.prod'),
      '.env.prod-sample': sample,
    }));

  it('are unknown when the sample names the variable: no SQLite finding', async () => {
    const result = await runCheck({ root: project('DB_ENGINE=django.db.backends.postgresql\n'), only: ['django/sqlite-in-production'] });
    expect(result.findings).toEqual([]);
  });

  it('still take their default with `default` confidence when nothing names the variable', async () => {
    const result = await runCheck({ root: project('OTHER=1\n'), only: ['django/sqlite-in-production'] });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'django/sqlite-in-production', confidence: 'default' })]);
  });
});

describe('a compose file that runs the app from its own prebuilt image beside databases and proxies', () => {
  /** A compose file whose app service runs a prebuilt image: no `build`, no command deploycheck recognises. */
  const imageCompose = (appEnvFile: string) =>
    [
      'services:',
      '  store:',
      '    image: postgres:16',
      '    env_file: .env',
      '  site:',
      '    image: someone/shop',
      `    env_file: ${appEnvFile}`,
      '  proxy:',
      '    image: nginx:1.25',
      '    env_file: .env',
      '',
    ].join('\n');

  it('runs the app: the variables the sample of its uncommitted env file names are set, value unknown', () => {
    const environment = environmentOf({ 'docker-compose.yml': imageCompose('.env.site'), '.env.site.example': 'SHOP_DEBUG=False\nSTORE_PASSWORD=x\n' });
    expect(environment.get('SHOP_DEBUG')).toMatchObject({ value: undefined });
    expect(environment.get('STORE_PASSWORD')?.source.label).toContain('.env.site.example');
    expect(environment.opaqueSources?.map((source) => source.file)).toEqual(['.env.site']);
  });

  it('does not when two services run images of their own: neither is known to be the app', () => {
    const twoImages = imageCompose('.env.site').replace('  proxy:\n    image: nginx:1.25', '  proxy:\n    image: someone/gateway');
    const environment = environmentOf({ 'docker-compose.yml': twoImages, '.env.site.example': 'SHOP_DEBUG=False\n' });
    expect(environment.get('SHOP_DEBUG')).toBeUndefined();
    expect(environment.opaqueSources).toBeUndefined();
  });

  it('turns a fail-open DEBUG and a fallback key into `default`-confidence findings, and drops a fallback password', async () => {
    const settings = [
      'import os',
      "SECRET_KEY = os.getenv('SHOP_SECRET', 'shop-fallback-key-written-here')",
      "DEBUG = os.getenv('SHOP_DEBUG', 'True') == 'True'",
      "ALLOWED_HOSTS = ['shop.example']",
      "DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'shop', 'HOST': 'store',",
      "  'PASSWORD': os.getenv('STORE_PASSWORD', 'postgres')}}",
      '',
    ].join('\n');
    const root = (sample: string) =>
      makeProject({
        'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
        'shop/__init__.py': '',
        'shop/settings.py': settings,
        'shop/wsgi.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'shop.settings')\n",
        Dockerfile: 'FROM python:3.12\nCOPY . /app\nCMD ["gunicorn", "shop.wsgi", "--bind", "0.0.0.0:8000"]\n',
        'docker-compose.yml': imageCompose('.env'),
        '.env.example': sample,
      });
    const only = ['django/debug', 'django/debug-default-true', 'django/secret-key-committed', 'django/credential-committed'];
    const named = await runCheck({ root: root('SHOP_SECRET=\nSHOP_DEBUG=False\nSTORE_PASSWORD=\n'), only });
    expect(named.findings.map((finding) => finding.rule).sort()).toEqual(['django/debug-default-true', 'django/secret-key-committed']);
    expect(named.findings.find((finding) => finding.rule === 'django/secret-key-committed')?.severity).not.toBe('critical');
    // Without a sample nothing names the variables: they stay unset and their defaults are judged as such.
    const unnamed = await runCheck({ root: root('OTHER=1\n'), only });
    expect(unnamed.findings.map((finding) => finding.rule).sort()).toEqual(['django/credential-committed', 'django/debug', 'django/secret-key-committed']);
  });
});
