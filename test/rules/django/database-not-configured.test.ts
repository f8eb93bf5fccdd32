import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const READERS = 'import dj_database_url\nimport environ\nenv = environ.Env()\n';

ruleTester('django/database-not-configured', {
  valid: [
    ...["DATABASES = {'default': dj_database_url.config()}", "DATABASES = {'default': env.db()}", "DATABASES = {'default': env.db('DATABASE_URL')}"].map((line) => ({
      name: `DATABASE_URL required (no default) and unset, the platform provides it: ${line}`,
      files: settingsFiles(`${READERS}${line}\n`),
    })),
    { name: 'a configured engine', files: settingsFiles("DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'NAME': 'app'}}\n") },
  ],
  invalid: [
    {
      name: 'a default alias written without an ENGINE',
      files: settingsFiles("DATABASES = {'default': {'NAME': 'app'}}\n"),
      findings: [{ at: 'mysite/settings.py:1', confidence: 'certain' }],
    },
  ],
});
