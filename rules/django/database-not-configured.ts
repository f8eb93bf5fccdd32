/** django/database-not-configured — the default database has no engine. */
import { defineRule } from '../../src/engine/types.js';
import { settingLocation } from '../../src/django/setting-helpers.js';
import { confidenceOf, dictGet, envReadsOf } from '../../src/python/value.js';

const DUMMY_ENGINE = 'django.db.backends.dummy';

export default defineRule({
  id: 'django/database-not-configured',
  title: 'The default database is not configured',
  severity: 'high',
  facts: ['settings', 'env'],
  docs: {
    why:
      'A DATABASES alias without an ENGINE gets Django\'s dummy backend, which raises ImproperlyConfigured on the first ' +
      'query: the site starts, then every page that touches the database fails. The usual cause is ' +
      'dj_database_url.config() without a default when DATABASE_URL is missing: it returns {} (and only logs a ' +
      'warning). A DATABASES without a "default" alias makes Django refuse to start.',
    fix:
      'Make the database URL required so a missing variable fails loudly at startup:\n\n' +
      'DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=600)}',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/settings/#databases',
      'https://github.com/jazzband/dj-database-url#usage',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    // A project that sets no DATABASES at all is database-less on purpose.
    if (!settings || !settings.has('DATABASES')) return;
    const databases = settings.get('DATABASES');
    if (databases.kind !== 'dict') return;
    const location = settingLocation(settings, 'DATABASES', databases);
    const entry = databases.entries.find((candidate) => candidate.key.kind === 'str' && candidate.key.value === 'default');
    if (!entry) {
      if (databases.entries.some((candidate) => candidate.key.kind !== 'str')) return;
      ctx.report({
        message: databases.entries.length
          ? "DATABASES has no 'default' alias: Django refuses to start"
          : 'DATABASES is empty, so Django falls back to the dummy backend and every query fails',
        location,
        confidence: confidenceOf(databases),
        snippet: 'DATABASES default missing',
      });
      return;
    }
    const config = entry.value;
    if (config.kind !== 'dict') return;
    const engine = dictGet(config, 'ENGINE');
    if (engine && !(engine.kind === 'str' && (engine.value === DUMMY_ENGINE || engine.value === ''))) return;
    const unset = [...new Set(envReadsOf(config).filter((read) => !read.set).map((read) => read.name))];
    const because = unset.length ? ` because ${unset.join(', ')} ${unset.length > 1 ? 'are' : 'is'} unset and the code has no default` : '';
    ctx.report({
      message: `DATABASES['default'] has ${engine ? 'the dummy ENGINE' : 'no ENGINE'}${because}, so every query raises ImproperlyConfigured`,
      location: config.loc ?? location,
      confidence: confidenceOf(config),
      snippet: 'DATABASES default no engine',
    });
  },
});
