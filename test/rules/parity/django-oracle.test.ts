/**
 * Edge cases of the parity rules compared with real Django 3.2 (`check --deploy` run by
 * test/oracle/run_django_checks.py): for each settings body, the deploy-check ids Django reports
 * must be exactly the `django` ids of the parity rules' findings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import { requireSystem } from '../../helpers/integration.js';
import { djangoAvailable, runDjangoChecks } from '../../oracle/django-oracle.js';
import type { DjangoResult } from '../../oracle/django-oracle.js';
import { isDeployCheckId } from '../../oracle/variants.js';
import { CLEAN_SETTINGS, settingsProject } from './project.js';

interface EdgeCase {
  name: string;
  body: string;
  env?: Record<string, string>;
  /** What Django 3.2 reports: checked too, so a wrong expectation cannot hide a shared mistake. */
  expected: string[];
}

const CASES: EdgeCase[] = [
  { name: 'clean settings', body: CLEAN_SETTINGS, expected: [] },
  {
    name: 'truthy non-bool cookie flags pass on 3.2; HTTPONLY = 0 fails',
    body: `${CLEAN_SETTINGS}SESSION_COOKIE_SECURE = 1\nCSRF_COOKIE_SECURE = 'x'\nSESSION_COOKIE_HTTPONLY = 0\n`,
    expected: ['security.W015'],
  },
  {
    name: "HSTS seconds '0' is a truthy string; the flags need True",
    body: `${CLEAN_SETTINGS}SECURE_HSTS_SECONDS = '0'\nSECURE_HSTS_INCLUDE_SUBDOMAINS = 1\nSECURE_HSTS_PRELOAD = 'True'\n`,
    expected: ['security.W005', 'security.W021'],
  },
  {
    name: 'a trailing comma makes an empty referrer token; lowercase deny',
    body: `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = 'same-origin,'\nX_FRAME_OPTIONS = 'deny'\n`,
    expected: ['security.E023', 'security.W019'],
  },
  {
    name: 'a tuple referrer policy; nosniff and redirect not True',
    body: `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = ('origin', 'unsafe-url')\nSECURE_CONTENT_TYPE_NOSNIFF = 1\nSECURE_SSL_REDIRECT = 'yes'\n`,
    expected: ['security.W006', 'security.W008'],
  },
  {
    name: 'no middleware at all, sessions app installed',
    body: `${CLEAN_SETTINGS}MIDDLEWARE = ()\nSESSION_COOKIE_SECURE = False\n`,
    expected: ['security.W001', 'security.W002', 'security.W003', 'security.W010'],
  },
  {
    name: 'relative cache LOCATION inside a relative MEDIA_ROOT; STATICFILES_DIRS pair',
    body:
      `${CLEAN_SETTINGS}MEDIA_ROOT = 'media'\nSTATICFILES_DIRS = [('vendor', '/srv/assets')]\n` +
      "CACHES = {\n    'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'},\n" +
      "    'pages': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': 'media/../media/cache'},\n" +
      "    'wide': {'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache', 'LOCATION': '/srv'},\n}\n",
    expected: ['caches.W002'],
  },
  {
    name: 'weak key, string DEBUG, empty ALLOWED_HOSTS string, async unsafe',
    body: `${CLEAN_SETTINGS}SECRET_KEY = '${'ab'.repeat(40)}'\nDEBUG = 'False'\nALLOWED_HOSTS = ''\n`,
    env: { DJANGO_ALLOW_ASYNC_UNSAFE: 'yes' },
    expected: ['async.E001', 'security.W009', 'security.W018', 'security.W020'],
  },
  {
    name: 'explicit None referrer policy; CSRF in the session',
    body: `${CLEAN_SETTINGS}SECURE_REFERRER_POLICY = None\nCSRF_USE_SESSIONS = True\nCSRF_COOKIE_SECURE = False\n`,
    expected: ['security.W022'],
  },
];

const PARITY_RULES = new Set([
  'django/security-middleware-missing',
  'django/clickjacking-middleware-missing',
  'django/csrf-middleware-missing',
  'django/hsts-missing',
  'django/hsts-subdomains',
  'django/hsts-preload',
  'django/nosniff-off',
  'django/ssl-redirect-off',
  'django/secret-key-weak',
  // A weak key written in the code is reported once, by the committed-key rule, with W009.
  'django/secret-key-committed',
  'django/session-cookie-insecure',
  'django/session-cookie-httponly-off',
  'django/csrf-cookie-insecure',
  'django/debug',
  'django/x-frame-options-not-deny',
  'django/allowed-hosts-empty',
  'django/referrer-policy-missing',
  'django/referrer-policy-invalid',
  'django/coop-invalid',
  'django/secret-key-fallbacks-weak',
  'django/async-unsafe',
  'django/cache-in-public-dir',
]);

const sortedUnique = (ids: string[]): string[] => [...new Set(ids)].sort();

const skipDjango = requireSystem('Django 3.2 under /usr/bin/python3', djangoAvailable());

describe.skipIf(skipDjango)('parity rules against real Django 3.2', () => {
  const roots = CASES.map((edge) => settingsProject(edge.body, { django: '3.2' }));
  let results: DjangoResult[] = [];

  beforeAll(async () => {
    results = await runDjangoChecks(roots.map((project, index) => ({ project, settings: 'mysite.settings', env: CASES[index]!.env ?? {} })));
  }, 120_000);

  it.each(CASES.map((edge, index) => ({ ...edge, index })))('$name', async ({ index, env, expected }) => {
    const result = results[index]!;
    if ('error' in result) throw new Error(`Django could not check the project: ${result.error}`);
    const django = sortedUnique(result.messages.map((message) => message.id).filter(isDeployCheckId));
    expect(django).toEqual(expected);
    const check = await runCheck({ root: roots[index]!, ...(env ? { set: env } : {}) });
    const ours = sortedUnique(check.findings.filter((finding) => PARITY_RULES.has(finding.rule)).flatMap((finding) => finding.django ?? []));
    expect(ours).toEqual(django);
  });
});
