import { describe, expect, it } from 'vitest';
import { CLEAN_SETTINGS, SETTINGS_FILE, findingsOf, lineOf } from './project.js';

describe('django/async-unsafe (async.E001)', () => {
  it('fires at the env file line that sets DJANGO_ALLOW_ASYNC_UNSAFE', async () => {
    const files = { '.env.production': 'DJANGO_SETTINGS_MODULE=mysite.settings\nDJANGO_ALLOW_ASYNC_UNSAFE=true\n' };
    const [finding] = await findingsOf('django/async-unsafe', CLEAN_SETTINGS, { files });
    expect(finding).toMatchObject({ django: 'async.E001', severity: 'high', confidence: 'certain', location: { file: '.env.production', line: 2 } });
  });

  it('does not fire when the variable is empty or absent', async () => {
    expect(await findingsOf('django/async-unsafe', CLEAN_SETTINGS, { files: { '.env.production': 'DJANGO_ALLOW_ASYNC_UNSAFE=\n' } })).toEqual([]);
    expect(await findingsOf('django/async-unsafe', CLEAN_SETTINGS)).toEqual([]);
  });

  it('only looks at the chosen environment', async () => {
    const files = { '.env.production': 'DJANGO_ALLOW_ASYNC_UNSAFE=1\n' };
    expect(await findingsOf('django/async-unsafe', CLEAN_SETTINGS, { files, set: { DJANGO_ALLOW_ASYNC_UNSAFE: '' } })).toEqual([]);
  });
});

describe('django/cache-in-public-dir (caches.W002)', () => {
  const cacheAt = (location: string): string => `from pathlib import Path
BASE_DIR = Path(__file__).resolve().parent.parent
${CLEAN_SETTINGS}
MEDIA_ROOT = BASE_DIR / 'media'
STATIC_ROOT = BASE_DIR / 'staticfiles'
STATICFILES_DIRS = [('vendor', BASE_DIR / 'assets')]
CACHES = {
    'default': {
        'BACKEND': 'django.core.cache.backends.filebased.FileBasedCache',
        'LOCATION': ${location},
    },
}
`;

  it('fires when a FileBasedCache LOCATION is inside MEDIA_ROOT, at the LOCATION line', async () => {
    const body = cacheAt("BASE_DIR / 'media' / 'cache'");
    const [finding, ...rest] = await findingsOf('django/cache-in-public-dir', body);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ django: 'caches.W002', severity: 'medium', location: { file: SETTINGS_FILE, line: lineOf(body, "'LOCATION'") } });
    expect(finding!.message).toContain('is inside MEDIA_ROOT');
  });

  it('matches a str LOCATION against Path settings, and reports "contains" for a parent directory', async () => {
    const [matches] = await findingsOf('django/cache-in-public-dir', cacheAt("str(BASE_DIR / 'staticfiles')"));
    expect(matches!.message).toContain('matches STATIC_ROOT');
    const contains = await findingsOf('django/cache-in-public-dir', cacheAt('BASE_DIR'));
    expect(contains.map((finding) => finding.message.replace(/.* (contains \w+):.*/, '$1'))).toEqual([
      'contains MEDIA_ROOT',
      'contains STATICFILES_DIRS',
      'contains STATIC_ROOT',
    ]);
  });

  it('resolves .. and takes the path of a (prefix, path) STATICFILES_DIRS entry', async () => {
    const [finding] = await findingsOf('django/cache-in-public-dir', cacheAt("BASE_DIR / 'tmp' / '..' / 'assets' / 'c'"));
    expect(finding!.message).toContain('is inside STATICFILES_DIRS');
  });

  it('does not fire for a cache outside the public directories or a non-file cache', async () => {
    expect(await findingsOf('django/cache-in-public-dir', cacheAt("'/var/tmp/django_cache'"))).toEqual([]);
    const locmem = cacheAt("BASE_DIR / 'media'").replace('filebased.FileBasedCache', 'locmem.LocMemCache');
    expect(await findingsOf('django/cache-in-public-dir', locmem)).toEqual([]);
  });
});
