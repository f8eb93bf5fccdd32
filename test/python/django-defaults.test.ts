import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { djangoDefaults } from '../../src/python/django-defaults.js';
import { pyRepr } from '../../src/python/value.js';
import { requireSystem } from '../helpers/integration.js';

const SYSTEM_PYTHON = '/usr/bin/python3';

/** pyRepr of a default, or 'absent' when that version has no such setting. */
function shown(version: string, name: string): string {
  const value = djangoDefaults(version).get(name);
  return value === undefined ? 'absent' : pyRepr(value);
}

describe('djangoDefaults per version boundary', () => {
  it.each([
    ['SECURE_CONTENT_TYPE_NOSNIFF', '2.2', 'False'],
    ['SECURE_CONTENT_TYPE_NOSNIFF', '3.0', 'True'],
    ['SECURE_REFERRER_POLICY', '2.2', 'absent'],
    ['SECURE_REFERRER_POLICY', '3.0', 'None'],
    ['SECURE_REFERRER_POLICY', '3.1', "'same-origin'"],
    ['X_FRAME_OPTIONS', '2.2', "'SAMEORIGIN'"],
    ['X_FRAME_OPTIONS', '3.0', "'DENY'"],
    ['SECURE_CROSS_ORIGIN_OPENER_POLICY', '3.2', 'absent'],
    ['SECURE_CROSS_ORIGIN_OPENER_POLICY', '4.0', "'same-origin'"],
    ['SECURE_BROWSER_XSS_FILTER', '3.2', 'False'],
    ['SECURE_BROWSER_XSS_FILTER', '4.0', 'absent'],
    ['SESSION_COOKIE_SAMESITE', '2.0', 'absent'],
    ['SESSION_COOKIE_SAMESITE', '2.1', "'Lax'"],
    ['CSRF_COOKIE_SAMESITE', '2.0', 'absent'],
    ['CSRF_COOKIE_SAMESITE', '2.1', "'Lax'"],
    ['DEFAULT_AUTO_FIELD', '3.1', 'absent'],
    ['DEFAULT_AUTO_FIELD', '3.2', "'django.db.models.AutoField'"],
    ['DEFAULT_HASHING_ALGORITHM', '3.0', 'absent'],
    ['DEFAULT_HASHING_ALGORITHM', '3.1', "'sha256'"],
    ['DEFAULT_HASHING_ALGORITHM', '4.0', 'absent'],
    ['FILE_UPLOAD_PERMISSIONS', '2.2', 'None'],
    ['FILE_UPLOAD_PERMISSIONS', '3.0', '420'],
    ['MIDDLEWARE', '1.11', 'None'],
    ['MIDDLEWARE', '2.0', '[]'],
    ['MIDDLEWARE_CLASSES', '1.11', "['django.middleware.common.CommonMiddleware', 'django.middleware.csrf.CsrfViewMiddleware']"],
    ['MIDDLEWARE_CLASSES', '2.0', 'absent'],
    ['SECRET_KEY_FALLBACKS', '4.0', 'absent'],
    ['SECRET_KEY_FALLBACKS', '4.1', '[]'],
    ['USE_TZ', '4.2', 'False'],
    ['USE_TZ', '5.0', 'True'],
  ])('%s on %s is %s', (name, version, expected) => {
    expect(shown(version, name)).toBe(expected);
  });

  it('lists BCryptPasswordHasher among the default hashers before 2.1 only', () => {
    const bcrypt = "'django.contrib.auth.hashers.BCryptPasswordHasher'";
    expect(shown('2.0', 'PASSWORD_HASHERS')).toContain(bcrypt);
    expect(shown('2.1', 'PASSWORD_HASHERS')).not.toContain(bcrypt);
    expect(shown('2.1', 'PASSWORD_HASHERS').startsWith("['django.contrib.auth.hashers.PBKDF2PasswordHasher'")).toBe(true);
  });
});

/** The settings whose 3.2 defaults Debian's real Django is asked for (the table's Python-comparable ones). */
function realDefaults(names: string[]): Record<string, string> | undefined {
  const script = [
    'import json, sys',
    'from django.conf import global_settings as g',
    'names = json.loads(sys.argv[1])',
    'print(json.dumps({n: repr(getattr(g, n)) for n in names if hasattr(g, n)}))',
  ].join('\n');
  const run = spawnSync(SYSTEM_PYTHON, ['-c', script, JSON.stringify(names)], { encoding: 'utf8', timeout: 20_000 });
  return run.status === 0 ? (JSON.parse(run.stdout) as Record<string, string>) : undefined;
}

function django32Available(): boolean {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import django, sys; sys.exit(django.VERSION[:2] != (3, 2))'], { stdio: 'ignore', timeout: 20_000 });
  return probe.status === 0;
}

const skip = requireSystem('Django 3.2 under /usr/bin/python3', django32Available());

describe.skipIf(skip)('djangoDefaults(3.2) against Debian Django 3.2 global_settings', () => {
  it('has every 3.2 default with the same repr, and nothing 3.2 lacks', () => {
    const table = djangoDefaults('3.2');
    // Every name any supported version knows, so a setting 3.2 lacks is checked absent too.
    const names = [...new Set(['1.11', '2.0', '3.2', '4.2', '5.2', '6.0'].flatMap((version) => [...djangoDefaults(version).keys()]))];
    const real = realDefaults(names);
    expect(real).toBeDefined();
    // A patch release (3.2.18) added it; the table starts it at 4.2, the first minor version that always has it.
    delete real!.DATA_UPLOAD_MAX_NUMBER_FILES;
    const ours: Record<string, string> = {};
    for (const name of names) {
      const value = table.get(name);
      if (value !== undefined) ours[name] = pyRepr(value);
    }
    expect(ours).toEqual(real);
  });
});
