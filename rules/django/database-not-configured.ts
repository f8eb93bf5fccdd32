/** django/database-not-configured — the default database has no engine. */
import { confidenceOf, defineRule, dictGet, settingLocation } from '../../src/api/django.js';

const DUMMY_ENGINE = 'django.db.backends.dummy';

export default defineRule({
  id: 'django/database-not-configured',
  title: 'The default database is not configured',
  severity: 'high',
  docs: {
    why:
      'A DATABASES alias without an ENGINE gets Django\'s dummy backend, which raises ImproperlyConfigured on the first ' +
      'query: the site starts, then every page that touches the database fails. A DATABASES without a "default" alias ' +
      'makes Django refuse to start. When the engine is missing only because a variable is unset in the repository ' +
      '(dj_database_url.config() or env.db() without a default and no DATABASE_URL), it is not reported: no ' +
      'deployment works without that variable, so the platform provides it (a Heroku/Render database add-on, the ' +
      'secret store).',
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
      if (databases.entries.some((candidate) => candidate.key.kind !== 'str') || confidenceOf(databases) === 'default') return;
      ctx.report({
        message: databases.entries.length
          ? "DATABASES has no 'default' alias: Django refuses to start"
          : 'DATABASES is empty, so Django falls back to the dummy backend and every query fails',
        location,
        confidence: 'certain',
        snippet: 'DATABASES default missing',
      });
      return;
    }
    const config = entry.value;
    if (config.kind !== 'dict') return;
    const engine = dictGet(config, 'ENGINE');
    if (engine && !(engine.kind === 'str' && (engine.value === DUMMY_ENGINE || engine.value === ''))) return;
    // No engine only because DATABASE_URL (or the like) is unset: nothing could work without it, so production sets it.
    if (confidenceOf(config) === 'default') return;
    ctx.report({
      message: `DATABASES['default'] has ${engine ? 'the dummy ENGINE' : 'no ENGINE'}, so every query raises ImproperlyConfigured`,
      location: config.loc ?? location,
      confidence: 'certain',
      snippet: 'DATABASES default no engine',
    });
  },
});
