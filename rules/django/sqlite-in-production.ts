/** django/sqlite-in-production — a database alias uses SQLite. */
import { confidenceOf, defineRule, dictGet, envReadsOf, settingLocation } from '../../src/api/django.js';

const SQLITE_ENGINES = new Set(['django.db.backends.sqlite3', 'django.contrib.gis.db.backends.spatialite']);

export default defineRule({
  id: 'django/sqlite-in-production',
  title: 'The database is SQLite',
  severity: 'high',
  docs: {
    why:
      'SQLite is a file next to the code: one writer at a time, no network access for a second app server, and on ' +
      'containers and PaaS dynos (Heroku, Fly, Render, Cloud Run) the file lives on an ephemeral disk that is wiped on ' +
      'every deploy or restart, taking the data with it. The common way to end up here by accident is a URL helper ' +
      'with a SQLite default, dj_database_url.config(default="sqlite:///db.sqlite3") or env.db(default=...), when ' +
      'DATABASE_URL is missing in production: the site starts and silently writes to a throwaway file.',
    fix:
      'Use a server database in production and make the URL required:\n\n' +
      'DATABASES = {"default": dj_database_url.config(conn_max_age=600)}  # no default\n' +
      '# django-environ: DATABASES = {"default": env.db("DATABASE_URL")}',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/databases/#sqlite-notes',
      'https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#databases',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const databases = settings.get('DATABASES');
    if (databases.kind !== 'dict') return;
    for (const entry of databases.entries) {
      if (entry.key.kind !== 'str') continue;
      const engine = dictGet(entry.value, 'ENGINE');
      if (engine?.kind !== 'str' || !SQLITE_ENGINES.has(engine.value)) continue;
      // The reads that chose this database (the entry's and ENGINE's), not those of NAME, HOST and the rest.
      const unset = [...new Set([...(entry.value.env ?? []), ...envReadsOf(engine)].filter((read) => !read.set).map((read) => read.name))];
      const because = unset.length
        ? ` because ${unset.join(', ')} ${unset.length > 1 ? 'are' : 'is'} unset and the code falls back to SQLite`
        : '';
      ctx.report({
        message: `DATABASES['${entry.key.value}'] uses SQLite (${engine.value})${because}`,
        location: entry.value.loc ?? engine.loc ?? settingLocation(settings, 'DATABASES', databases),
        confidence: confidenceOf(entry.value) === 'default' || confidenceOf(engine) === 'default' ? 'default' : 'certain',
        snippet: `DATABASES ${entry.key.value} sqlite`,
      });
    }
  },
});
