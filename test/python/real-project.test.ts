import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { evaluateSettings } from '../../src/python/settings.js';
import { confidenceOf, dictGet, pyRepr, stringItems } from '../../src/python/value.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import { environment } from './workspace-stub.js';

beforeAll(() => initPythonParser());

const BASE = `"""Settings shared by every environment."""
import os
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, []))
environ.Env.read_env(os.path.join(BASE_DIR, ".env"))

SECRET_KEY = env("SECRET_KEY", default="django-insecure-change-me")
DEBUG = env("DEBUG")
ALLOWED_HOSTS = env("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.sessions",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
]
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
STATIC_ROOT = BASE_DIR / "staticfiles"
`;

const PRODUCTION = `from .base import *  # noqa
from datetime import timedelta

SECURE_HSTS_SECONDS = int(timedelta(days=365).total_seconds()) if False else 31536000
SESSION_COOKIE_SECURE = True
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
try:
    from .local import *  # noqa
except ImportError:
    pass
`;

describe('a project on disk', () => {
  it('evaluates a settings package through the real workspace', () => {
    const root = makeProject({
      'manage.py': 'import os\n',
      'mysite/__init__.py': '',
      'mysite/settings/__init__.py': '',
      'mysite/settings/base.py': BASE,
      'mysite/settings/production.py': PRODUCTION,
      '.env': 'DEBUG=on\n',
    });
    const workspace = openWorkspace(root);
    const settings = evaluateSettings({
      workspace,
      root: '',
      module: 'mysite.settings.production',
      environment: environment({ ALLOWED_HOSTS: 'example.com,www.example.com' }),
      djangoVersion: '4.2',
      loadEnvFile: (path) =>
        path === '.env' ? [{ name: 'DEBUG', value: 'on', source: { kind: 'env-file', location: { file: '.env', line: 1, column: 1 }, label: '.env:1' } }] : undefined,
    });
    expect(settings.problems).toEqual([]);
    expect(pyRepr(settings.get('DEBUG'))).toBe('True');
    expect(settings.get('DEBUG').env?.[0]).toMatchObject({ name: 'DEBUG', set: true, source: { file: '.env', line: 1 } });
    expect(stringItems(settings.get('ALLOWED_HOSTS'))).toEqual(['example.com', 'www.example.com']);
    expect(confidenceOf(settings.get('SECRET_KEY'))).toBe('default');
    expect(settings.get('SECRET_KEY').loc).toMatchObject({ file: 'mysite/settings/base.py', line: 11 });
    const engine = dictGet(dictGet(settings.get('DATABASES'), 'default')!, 'ENGINE');
    expect(pyRepr(engine!)).toBe("'django.db.backends.sqlite3'");
    expect(stringItems(settings.get('MIDDLEWARE'))[1]).toBe('whitenoise.middleware.WhiteNoiseMiddleware');
    expect(settings.assignedAt.get('MIDDLEWARE')).toMatchObject({ file: 'mysite/settings/production.py', line: 6 });
    expect(pyRepr(settings.get('SECURE_HSTS_SECONDS'))).toBe('31536000');
    expect(settings.get('STATIC_ROOT')).toMatchObject({ kind: 'path' });
    expect(pyRepr(settings.get('SECURE_CROSS_ORIGIN_OPENER_POLICY'))).toBe("'same-origin'");
    expect(settings.files).toEqual(['mysite/__init__.py', 'mysite/settings/__init__.py', 'mysite/settings/production.py', 'mysite/settings/base.py']);
  });
});
