import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const DJ_DATABASE_URL = "import dj_database_url\nDATABASES = {'default': dj_database_url.config(default='sqlite:///db.sqlite3')}\n";

ruleTester('django/sqlite-in-production', {
  valid: [
    {
      name: 'production sets a Postgres DATABASE_URL',
      files: settingsFiles(DJ_DATABASE_URL),
      set: { DATABASE_URL: 'postgres://u:p@db:5432/app' },
    },
  ],
  invalid: [
    {
      name: 'confidence default when DATABASE_URL is unset and the code falls back to SQLite',
      files: settingsFiles("import dj_database_url\nDATABASES = {\n    'default': dj_database_url.config(default='sqlite:///db.sqlite3'),\n}\n"),
      findings: [{ at: 'mysite/settings.py:3', confidence: 'default', message: 'DATABASE_URL' }],
    },
    {
      name: 'a literal sqlite3 ENGINE',
      files: settingsFiles("DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n"),
      findings: [{ confidence: 'certain' }],
    },
  ],
});
