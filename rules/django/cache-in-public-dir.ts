/** django/cache-in-public-dir — mirrors `caches.W002`. */
import type { PyValue } from '../../src/api/django.js';
import { combinedConfidence, defineRule, dictGet, resolvePath, settingLocation, truthy } from '../../src/api/django.js';

const FILE_BASED_CACHE = 'django.core.cache.backends.filebased.FileBasedCache';
const PUBLIC_DIR_SETTINGS = ['MEDIA_ROOT', 'STATIC_ROOT', 'STATICFILES_DIRS'] as const;
/** Relative paths resolve against the process's working directory: unknown, but the same for every path. */
const WORKING_DIR = '/<cwd>';

/** Path.resolve() / os.path.abspath of a path (symlinks aside). */
function resolved(path: string): string {
  return resolvePath(path.startsWith('/') ? path : `${WORKING_DIR}/${path}`);
}

/** The directories a MEDIA_ROOT / STATIC_ROOT / STATICFILES_DIRS value names; (prefix, path) pairs count by their path. */
function publicDirs(name: string, value: PyValue): string[] {
  if (name !== 'STATICFILES_DIRS') return value.kind === 'str' || value.kind === 'path' ? [resolved(value.value)] : [];
  if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return [];
  return value.items.flatMap((item) => {
    const path = (item.kind === 'list' || item.kind === 'tuple') && item.items.length === 2 ? item.items[1]! : item;
    return path.kind === 'str' || path.kind === 'path' ? [resolved(path.value)] : [];
  });
}

/** A path for messages: relative to the workspace when it lies inside it (the evaluator makes BASE_DIR absolute). */
function shown(path: string, root: string): string {
  return `'${path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path}'`;
}

const inside = (child: string, parent: string): boolean => child !== parent && child.startsWith(parent === '/' ? '/' : `${parent}/`);

/** Django's wording: the cache LOCATION "matches", "is inside" or "contains" one of the directories. */
function relation(cache: string, dirs: string[]): string | undefined {
  if (dirs.some((dir) => dir === cache)) return 'matches';
  if (dirs.some((dir) => inside(cache, dir))) return 'is inside';
  if (dirs.some((dir) => inside(dir, cache))) return 'contains';
  return undefined;
}

export default defineRule({
  id: 'django/cache-in-public-dir',
  title: 'A file-based cache lives in a public directory',
  severity: 'medium',
  django: 'caches.W002',
  docs: {
    why:
      'FileBasedCache pickles cached values into files under its LOCATION. When that directory is, contains or sits ' +
      'inside MEDIA_ROOT, STATIC_ROOT or a STATICFILES_DIRS entry, the web server may serve those files to anyone ' +
      '(cached pages, session data), collectstatic may copy or wipe them, and user uploads can collide with cache files.',
    fix:
      'Give the cache its own directory outside every served directory:\n\n' +
      'CACHES = {\n    "default": {\n        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",\n' +
      '        "LOCATION": "/var/tmp/django_cache",\n    }\n}',
    refs: ['https://docs.djangoproject.com/en/stable/topics/cache/#filesystem-caching'],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const caches = settings.get('CACHES');
    if (caches.kind !== 'dict') return;
    const fileCaches = caches.entries.flatMap((entry) => {
      const backend = dictGet(entry.value, 'BACKEND');
      const location = dictGet(entry.value, 'LOCATION');
      if (entry.key.kind !== 'str' || backend?.kind !== 'str' || backend.value !== FILE_BASED_CACHE) return [];
      if (location?.kind !== 'str' && location?.kind !== 'path') return [];
      return [{ alias: entry.key.value, location, path: resolved(location.value) }];
    });
    for (const name of PUBLIC_DIR_SETTINGS) {
      const value = settings.get(name);
      if (truthy(value) !== true) continue;
      const dirs = publicDirs(name, value);
      for (const cache of fileCaches) {
        const how = relation(cache.path, dirs);
        if (!how) continue;
        ctx.report({
          location: cache.location.loc ?? settingLocation(settings, 'CACHES', caches),
          confidence: combinedConfidence(cache.location, value),
          message:
            `The '${cache.alias}' FileBasedCache LOCATION ${shown(cache.location.value, ctx.workspace.root)} ${how} ${name}: ` +
            'the cache may be served to anyone or corrupted by other files',
          snippet: `${cache.alias} ${how} ${name}`,
        });
      }
    }
  },
});
