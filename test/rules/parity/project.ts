import { expect } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import type { CheckOptions } from '../../../src/engine/check.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject } from '../../helpers/project.js';

export const SETTINGS_FILE = 'mysite/settings.py';

/** startproject's MIDDLEWARE and INSTALLED_APPS, so each test only writes what it is about. */
export const STARTPROJECT_APPS_AND_MIDDLEWARE = `
INSTALLED_APPS = [
    'django.contrib.admin',
    'django.contrib.auth',
    'django.contrib.contenttypes',
    'django.contrib.sessions',
    'django.contrib.messages',
    'django.contrib.staticfiles',
]
MIDDLEWARE = [
    'django.middleware.security.SecurityMiddleware',
    'django.contrib.sessions.middleware.SessionMiddleware',
    'django.middleware.common.CommonMiddleware',
    'django.middleware.csrf.CsrfViewMiddleware',
    'django.contrib.auth.middleware.AuthenticationMiddleware',
    'django.contrib.messages.middleware.MessageMiddleware',
    'django.middleware.clickjacking.XFrameOptionsMiddleware',
]
ROOT_URLCONF = 'mysite.urls'
`;

/** A settings module that passes every `check --deploy` check on Django 3.2 and 5.2. */
export const CLEAN_SETTINGS = `${STARTPROJECT_APPS_AND_MIDDLEWARE}
DEBUG = False
SECRET_KEY = 'q8v#2k!zr0w1x-9m@t5b7c(e)3n=4y^p6h&j_u+l$a*s0d%f8g'
ALLOWED_HOSTS = ['example.com']
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_SSL_REDIRECT = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
`;

const MANAGE_PY = `#!/usr/bin/env python
import os
import sys

if __name__ == '__main__':
    os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)
`;

export interface SettingsProjectOptions {
  /** Pinned in requirements.txt as `Django==<version>`; none means the newest LTS. */
  django?: string;
  /** More files (relative path → content), e.g. `.env.production`. */
  files?: Record<string, string>;
}

/** A minimal project: manage.py, the mysite package and mysite/settings.py holding `body`. */
export function settingsProject(body: string, options: SettingsProjectOptions = {}): string {
  return makeProject({
    'manage.py': MANAGE_PY,
    'mysite/__init__.py': '',
    [SETTINGS_FILE]: body,
    'mysite/urls.py': 'urlpatterns = []\n',
    ...(options.django ? { 'requirements.txt': `Django==${options.django}\n` } : {}),
    ...options.files,
  });
}

/** Run the check on a settings body and return the findings of one rule. */
export async function findingsOf(
  rule: string,
  body: string,
  options: SettingsProjectOptions & Omit<CheckOptions, 'root'> = {},
): Promise<Finding[]> {
  const { django, files, ...check } = options;
  const result = await runCheck({ root: settingsProject(body, { django, files }), ...check });
  expect(result.errors).toEqual([]);
  return result.findings.filter((finding) => finding.rule === rule);
}

/** The 1-based line of the first line of `body` that contains `needle` (tests assert report locations with it). */
export function lineOf(body: string, needle: string): number {
  const index = body.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' is not in the settings body`);
  return index + 1;
}

/** The rule reports Django's check `django` at `severity`, first at the line of `body` holding `needle`; returns that finding. */
export async function expectDjangoFinding(rule: string, body: string, django: string, severity: string, needle: string, options: Parameters<typeof findingsOf>[2] = {}): Promise<Finding | undefined> {
  const [finding] = await findingsOf(rule, body, options);
  expect(finding).toMatchObject({ django, severity, location: { file: SETTINGS_FILE, line: lineOf(body, needle) } });
  return finding;
}
