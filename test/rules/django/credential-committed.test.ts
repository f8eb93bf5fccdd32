import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

/** Sixteen lowercase letters in four groups: the shape of a mail app password, which no entropy bar catches. */
const APP_PASSWORD = 'qzvt mkrw plhd snxe';
const settings = (body: string, extra: Files = {}): Files => settingsFiles(body, extra, '5.2.8');
const appYaml = (variables: string): Files => ({ 'app.yaml': `runtime: python\nentrypoint: gunicorn -b :$PORT mysite.wsgi\nenv_variables:\n${variables}` });

ruleTester('django/credential-committed', {
  valid: [
    { name: 'a value from the environment', files: settings("import os\nEMAIL_HOST_PASSWORD = os.environ['EMAIL_HOST_PASSWORD']\n") },
    { name: 'stand-ins and empty values', files: settings("EMAIL_HOST_PASSWORD = ''\nAWS_SECRET_ACCESS_KEY = '<your-secret-key>'\nDB_PASSWORD = 'changeme'\n") },
    // A random-looking key is secrets/high-entropy's finding: not reported twice.
    { name: 'what the secret scanners report', files: settings("AWS_SECRET_ACCESS_KEY = 'q8Zr2LwX0pV7nT4yK1mB9cJ6hF3sD5gA0eR8uI2o'\n") },
    {
      name: 'secret-looking names that hold a cache key, a class path or a UUID; a dummy mail password next to a dummy host',
      files: settings(
        "CACHE_SURROGATE_KEY = 'site-pages'\nLOGIN_TOKEN_STRATEGY = 'accounts.tokens.JWTStrategy'\nPARTNER_API_KEY = '2f1c7a9e-4b3d-4e8a-9c6f-0d2b5e7a1c3f'\n" +
          "EMAIL_HOST = 'host'\nEMAIL_HOST_PASSWORD = 'password'\n",
      ),
    },
    { name: 'a module production never imports', files: settings('DEBUG = False\n', { 'mysite/local.py': `EMAIL_HOST_PASSWORD = '${APP_PASSWORD}'\n` }) },
  ],
  invalid: [
    {
      name: 'a mail password written in the production settings, masked',
      files: settings(`EMAIL_HOST_USER = 'site@example.org'\nEMAIL_HOST_PASSWORD = '${APP_PASSWORD}'\n`),
      findings: [{ at: 'mysite/settings.py:2', severity: 'high', message: 'EMAIL_HOST_PASSWORD gets a credential written in the repository' }],
      hidden: [APP_PASSWORD],
    },
    {
      // A 7-letter word: under the secret scanner's 8-character bar for passwords, so only this rule sees it.
      name: 'a database password a committed app.yaml sets, at the app.yaml line',
      files: settings(
        "import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': os.environ['DB_PASSWORD']}}\n",
        appYaml("  DB_PASSWORD: 'tangelo'\n"),
      ),
      findings: [{ at: 'app.yaml:4', message: /^DATABASES\['default'\]\['PASSWORD'\] gets a credential written in the repository through DB_PASSWORD, which app\.yaml sets(:|$)/ }],
    },
    {
      name: 'a literal fallback, at confidence default',
      files: settings(`import os\nEMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD', '${APP_PASSWORD}')\n`),
      findings: [{ confidence: 'default' }],
    },
    {
      name: 'a default word, at medium',
      files: settings("DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'postgres'}}\n"),
      findings: [{ severity: 'medium' }],
    },
    {
      name: 'a 40-character key a deploy file sets that the entropy bar misses',
      files: settings("import os\nSTORAGE_SECRET_ACCESS_KEY = os.environ['STORAGE_SECRET']\n", appYaml("  STORAGE_SECRET: 'kRtzUwPqLmNvBxYcHgFdSaQwErTyUiOpAsDfGhJk'\n")),
      findings: [{ at: 'app.yaml:4', severity: 'high' }],
    },
  ],
});
