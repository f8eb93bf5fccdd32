import { describe, expect, it } from 'vitest';
import { envFileDialect } from '../../src/env/consumer.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';

const dialect = (files: Record<string, string>, path: string) => envFileDialect(openWorkspace(makeProject(files)), path);

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
