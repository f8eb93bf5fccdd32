/**
 * Every reader walks trees and values iteratively or to a bounded depth: input nested 100,000 levels
 * deep ends in a finding or a clean skip, never a stack overflow (exit 2).
 */
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../src/frameworks.js';
import { runCli } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';

const N = 100_000;
const parens = `${'('.repeat(N)}1${')'.repeat(N)}`;
const lists = `${'['.repeat(N)}${']'.repeat(N)}`;
const flowMap = `${'{a: '.repeat(N)}1${'}'.repeat(N)}`;
const attributes = `admin${'.site'.repeat(N)}`;
// A `+` chain nests to the left; 20,000 operands overflow a recursive walk and keep the test fast.
const plusChain = Array.from({ length: 20_000 }, () => "'a'").join(' + ');

const MANAGE = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site.settings')\n";
const SETTINGS = "DEBUG = False\nROOT_URLCONF = 'site.urls'\nALLOWED_HOSTS = ['example.com']\n";
const URLS = "from django.contrib import admin\nfrom django.urls import path\nurlpatterns = [path('admin/', admin.site.urls)]\n";

/** A small project (production runs gunicorn from the Procfile) with `files` added or replacing its own. */
function project(files: Record<string, string>): string {
  return makeProject({
    'manage.py': MANAGE,
    'site/__init__.py': '',
    'site/settings.py': SETTINGS,
    'site/urls.py': URLS,
    'site/wsgi.py': MANAGE,
    Procfile: 'web: gunicorn site.wsgi\n',
    ...files,
  });
}

const cases: [string, Record<string, string>][] = [
  ['settings module', { 'site/settings.py': `${SETTINGS}X = ${parens}\nY = ${lists}\n` }],
  ['settings assignment targets', { 'site/settings.py': `${SETTINGS}${'('.repeat(N)}x${')'.repeat(N)} = 1\n${'['.repeat(N)}y${']'.repeat(N)} = [2]\n` }],
  ['manage.py entry point', { 'manage.py': `${MANAGE}x = ${parens}\ny = ${lists}\n` }],
  ['wsgi.py entry point', { 'site/wsgi.py': `${MANAGE}x = ${parens}\ny = ${attributes}\n` }],
  ['URLconf', { 'site/urls.py': `${URLS}urlpatterns += [${lists}]\nurlpatterns += ${plusChain}\nurlpatterns += [path(${plusChain}, admin.site.urls), path('x/', ${attributes}.urls)]\n` }],
  ['docker-compose.yml', { 'docker-compose.yml': `services:\n  web:\n    build: .\n    command: ${lists}\n    environment: ${flowMap}\n` }],
  ['app.json', { 'app.json': `{"env": ${lists}, "scripts": ${'{"a": '.repeat(N)}1${'}'.repeat(N)}}` }],
  ['fly.toml', { 'fly.toml': `app = "x"\n[env]\nDEBUG = ${lists}\n` }],
  ['render.yaml', { 'render.yaml': `services:\n  - type: web\n    envVars: ${lists}\n    startCommand: ${flowMap}\n` }],
  ['Dockerfile', { Dockerfile: `FROM python:3.12\nCMD ${lists}\nRUN ${'$('.repeat(N)}x${')'.repeat(N)}\n` }],
  ['Procfile and shell script', { Procfile: 'web: sh start.sh\n', 'start.sh': `#!/bin/sh\n${'$('.repeat(N)}x${')'.repeat(N)}\n${'{ '.repeat(N)}x; ${'} '.repeat(N)}\nexec gunicorn site.wsgi\n` }],
  ['env file', { '.env.production': `A=${'${B:-'.repeat(N)}x${'}'.repeat(N)}\nB="${'\\"'.repeat(N)}"\n` }],
];

describe('input nested 100,000 levels deep', () => {
  it.each(cases)('%s: a finding or a clean skip, never a crash', async (_name, files) => {
    const result = await runCheck({ root: project(files) });
    expect(result.errors).toEqual([]);
    // A crash the evaluator caught would be a settings-error finding: none.
    expect(result.findings.filter((finding) => /internal error|call stack/.test(finding.message))).toEqual([]);
    // The readers go on past the deep part: the admin mount on the first lines is still found.
    expect(result.findings.map((finding) => finding.rule)).toContain('django/admin-default-path');
  }, 60_000);

  it('a YAML deploy file nested too deep to parse is reported as unreadable, saying why; 200 levels still parse', async () => {
    const deep = await runCheck({ root: project({ 'docker-compose.yml': `services:\n  web:\n    command: ${'['.repeat(201)}${']'.repeat(201)}\n` }) });
    expect(deep.findings.filter((f) => f.rule === 'deploy/file-unparsable').map((f) => f.message)).toEqual(['docker-compose.yml: lists or maps nested more than 200 levels deep; not read']);
    const shallow = await runCheck({ root: project({ 'docker-compose.yml': `services:\n  web:\n    command: ${'['.repeat(200)}${']'.repeat(200)}\n    labels: ['it''s [', "#]"]\n` }) });
    expect(shallow.findings.filter((f) => f.rule === 'deploy/file-unparsable')).toEqual([]);
  }, 60_000);

  it('exits with the verdict, not 2, for the issue\'s manage.py and a URLconf nested 100,000 deep', async () => {
    const root = project({ 'manage.py': `${MANAGE}x = ${parens}\n`, 'site/urls.py': `${URLS}urlpatterns += [${lists}]\n` });
    const run = await runCli('check', root, '--format', 'json');
    expect(run.stderr).not.toMatch(/RangeError|internal error/);
    expect(run.code).toBe(1);
  }, 60_000);

  it('a settings value nested 10,000 levels deep by a loop is unknown, not a crash', async () => {
    const settings = `${SETTINGS}X = []\nfor i in range(100):\n    for j in range(100):\n        X = [X]\nSECURE_HSTS_SECONDS = X\nY = [[[1]]]\nSECURE_SSL_REDIRECT = Y\n`;
    const result = await runCheck({ root: project({ 'site/settings.py': settings }) });
    expect(result.errors).toEqual([]);
    const unknown = result.findings.filter((finding) => finding.rule === 'django/setting-unknown').map((finding) => finding.message);
    expect(unknown).toEqual([expect.stringMatching(/^SECURE_HSTS_SECONDS could not be evaluated \(value nested more than 100 levels deep\)/)]);
  }, 60_000);
});
