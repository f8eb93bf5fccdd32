import { ruleTester, settings52 as settings, type Files } from '../../helpers/rule-tester.js';

const postgres = (extra: string): Files => settings(`DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app', ${extra}}}\n`);

ruleTester('django/conn-max-age-zero', {
  valid: [
    { name: 'persistent connections', files: postgres("'CONN_MAX_AGE': 600") },
    { name: 'pooling', files: postgres("'OPTIONS': {'pool': True}") },
    { name: 'SQLite', files: settings("DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n") },
  ],
  invalid: [
    {
      name: 'a literal Postgres database without CONN_MAX_AGE',
      files: settings("DATABASES = {\n    'default': {\n        'ENGINE': 'django.db.backends.postgresql',\n        'NAME': 'app',\n    },\n}\n"),
      findings: [{ at: 'mysite/settings.py:2', severity: 'info', confidence: 'certain' }],
    },
    {
      name: 'dj_database_url.config() without conn_max_age',
      files: settings("import dj_database_url\nDATABASES = {'default': dj_database_url.config()}\n"),
      set: { DATABASE_URL: 'postgres://u:p@db:5432/app' },
      findings: [{}],
    },
  ],
});
