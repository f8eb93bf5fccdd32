/** django/conn-max-age-zero — a Postgres/MySQL database opens a new connection for every request. */
import { combinedConfidence, defineRule, dictGet, settingLocation, truthy } from '../../src/api/django.js';

const NETWORK_ENGINE = /postgres|postgis|mysql/;

export default defineRule({
  id: 'django/conn-max-age-zero',
  title: 'Database connections are not reused',
  severity: 'info',
  docs: {
    why:
      "CONN_MAX_AGE defaults to 0: Django opens a database connection at the start of each request and closes it at " +
      'the end. Against a networked PostgreSQL or MySQL server (often with TLS) that adds a handshake and ' +
      'authentication to every request. dj-database-url and django-environ also default to 0 unless told otherwise. ' +
      "Django 5.1+'s PostgreSQL pool (OPTIONS['pool']) is the other way to reuse connections and is not reported.",
    fix:
      'Keep connections for a while and check them before use (Django 4.1+):\n\n' +
      'DATABASES["default"]["CONN_MAX_AGE"] = 600\n' +
      'DATABASES["default"]["CONN_HEALTH_CHECKS"] = True\n' +
      '# dj-database-url: dj_database_url.config(conn_max_age=600, conn_health_checks=True)',
    refs: [
      'https://docs.djangoproject.com/en/stable/ref/databases/#persistent-connections',
      'https://docs.djangoproject.com/en/stable/ref/settings/#conn-max-age',
    ],
  },
  check(ctx) {
    const settings = ctx.project.settings;
    if (!settings) return;
    const databases = settings.get('DATABASES');
    if (databases.kind !== 'dict') return;
    for (const { key, value: database } of databases.entries) {
      if (key.kind !== 'str' || database.kind !== 'dict') continue;
      const engine = dictGet(database, 'ENGINE');
      if (engine?.kind !== 'str' || !NETWORK_ENGINE.test(engine.value)) continue;
      const options = dictGet(database, 'OPTIONS');
      const pool = options && dictGet(options, 'pool');
      if (options?.kind === 'unknown' || (pool && truthy(pool) !== false)) continue;
      const maxAge = dictGet(database, 'CONN_MAX_AGE');
      if (maxAge && !(maxAge.kind === 'int' && maxAge.value === 0)) continue;
      const state = maxAge ? 'CONN_MAX_AGE is 0' : 'CONN_MAX_AGE is not set (default 0)';
      ctx.report({
        location: maxAge?.loc ?? database.loc ?? settingLocation(settings, 'DATABASES', databases),
        confidence: maxAge ? combinedConfidence(engine, maxAge) : combinedConfidence(engine),
        message: `DATABASES['${key.value}'] (${engine.value}): ${state}, so every request opens a new database connection`,
        snippet: `DATABASES ${key.value} CONN_MAX_AGE`,
      });
    }
  },
});
