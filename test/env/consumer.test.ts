import { describe, expect, it } from 'vitest';
import { envFileDialect, pinsEnvironWithComments } from '../../src/env/consumer.js';
import { workspaceOf } from '../helpers/workspace.js';

const dialect = (files: Record<string, string>, path: string) => envFileDialect(workspaceOf(files), path);

describe('envFileDialect', () => {
  const manage = 'import os\n';

  it('follows the settings code that loads the file', () => {
    expect(dialect({ 'manage.py': manage, 'site/settings.py': "import environ\nenviron.Env.read_env(BASE_DIR / '.env')\n", '.env': '' }, '.env')).toBe('django-environ');
    expect(dialect({ 'manage.py': manage, 'site/settings/base.py': "from dotenv import load_dotenv\nload_dotenv('.env.prod')\n", '.env.prod': '' }, '.env.prod')).toBe('python-dotenv');
    expect(dialect({ 'manage.py': manage, 'site/settings.py': 'from decouple import config\n', '.env': '' }, '.env')).toBe('decouple');
    expect(dialect({ 'manage.py': manage, 'site/settings.py': 'from decouple import config\n', 'settings.ini': '' }, 'settings.ini')).toBe('decouple-ini');
  });

  it('defaults a Django project to python-dotenv, a file no loader names too', () => {
    expect(dialect({ 'manage.py': manage, '.env': '' }, '.env')).toBe('python-dotenv');
    expect(dialect({ 'manage.py': manage, 'site/settings.py': 'import environ\nenviron.Env.read_env()\n', '.env.production': '' }, '.env.production')).toBe('python-dotenv');
  });

  it('reads a Node project (package.json without Python) as npm dotenv does', () => {
    expect(dialect({ 'package.json': '{}', 'index.js': "require('dotenv').config()\n", '.env': '' }, '.env')).toBe('npm-dotenv');
    // In a repository with both, the nearest project decides.
    const both = { 'manage.py': manage, 'web/package.json': '{}', 'web/.env': '', '.env': '' };
    expect(dialect(both, 'web/.env')).toBe('npm-dotenv');
    expect(dialect(both, '.env')).toBe('python-dotenv');
  });
});

describe('pinsEnvironWithComments', () => {
  const pins = (files: Record<string, string>, root = '') => pinsEnvironWithComments(workspaceOf(files), root);

  it('finds a django-environ 0.11 pin in requirements, pyproject and lock files', () => {
    expect(pins({ 'requirements.txt': 'Django==4.2\ndjango-environ==0.11.2\n' })).toBe(true);
    expect(pins({ 'requirements/production.txt': 'django-environ~=0.11.0\n' })).toBe(true);
    expect(pins({ 'pyproject.toml': '[tool.poetry.dependencies]\ndjango-environ = "^0.11.2"\n' })).toBe(true);
    expect(pins({ 'poetry.lock': '[[package]]\nname = "django-environ"\nversion = "0.11.2"\n' })).toBe(true);
  });

  it('is false for other releases, other packages and other projects', () => {
    expect(pins({ 'requirements.txt': 'django-environ==0.12.0\n' })).toBe(false);
    expect(pins({ 'requirements.txt': 'django-environ==0.10.0\nsomething-else==0.11.1\n' })).toBe(false);
    expect(pins({ 'requirements.txt': 'django-environ\n' })).toBe(false);
    expect(pins({ 'other/requirements.txt': 'django-environ==0.11.2\n', 'site/requirements.txt': 'django-environ==0.12.0\n' }, 'site')).toBe(false);
  });
});
