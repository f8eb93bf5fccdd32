import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../hygiene/helpers.js';

const RULE = 'django/credential-committed';
/** Sixteen lowercase letters in four groups: the shape of a mail app password, which no entropy bar catches. */
const APP_PASSWORD = 'qzvt mkrw plhd snxe';

describe('django/credential-committed', () => {
  it('reports a mail password written in the production settings, masked', async () => {
    const findings = await findingsOf(RULE, settingsProject(`EMAIL_HOST_USER = 'site@example.org'\nEMAIL_HOST_PASSWORD = '${APP_PASSWORD}'\n`));
    expect(findings).toHaveLength(1);
    expect(at(findings[0])).toBe('mysite/settings.py:2');
    expect(findings[0]!.severity).toBe('high');
    expect(JSON.stringify(findings[0])).not.toContain(APP_PASSWORD);
    expect(findings[0]!.message).toContain('EMAIL_HOST_PASSWORD gets a credential written in the repository');
  });

  // A 7-letter word: under the secret scanner's 8-character bar for passwords, so only this rule sees it.
  it('reports a database password a committed app.yaml sets, at the app.yaml line', async () => {
    const settings = "import os\nDATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': os.environ['DB_PASSWORD']}}\n";
    const appYaml = "runtime: python\nentrypoint: gunicorn -b :$PORT mysite.wsgi\nenv_variables:\n  DB_PASSWORD: 'tangelo'\n";
    const findings = await findingsOf(RULE, settingsProject(settings, { 'app.yaml': appYaml }));
    expect(findings.map((finding) => [at(finding), finding.message.split(':')[0]])).toEqual([
      ['app.yaml:4', "DATABASES['default']['PASSWORD'] gets a credential written in the repository through DB_PASSWORD, which app.yaml sets"],
    ]);
  });

  it('reports a literal fallback at confidence default, and a default word at medium', async () => {
    const [fallback] = await findingsOf(RULE, settingsProject(`import os\nEMAIL_HOST_PASSWORD = os.environ.get('EMAIL_HOST_PASSWORD', '${APP_PASSWORD}')\n`));
    expect(fallback!.confidence).toBe('default');
    const [word] = await findingsOf(RULE, settingsProject("DATABASES = {'default': {'ENGINE': 'django.db.backends.postgresql', 'PASSWORD': 'postgres'}}\n"));
    expect(word!.severity).toBe('medium');
  });

  it('reports a 40-character key a deploy file sets that the entropy bar misses', async () => {
    const settings = "import os\nSTORAGE_SECRET_ACCESS_KEY = os.environ['STORAGE_SECRET']\n";
    const appYaml = "runtime: python\nentrypoint: gunicorn -b :$PORT mysite.wsgi\nenv_variables:\n  STORAGE_SECRET: 'kRtzUwPqLmNvBxYcHgFdSaQwErTyUiOpAsDfGhJk'\n";
    const findings = await findingsOf(RULE, settingsProject(settings, { 'app.yaml': appYaml }));
    expect(findings.map((finding) => [at(finding), finding.severity])).toEqual([['app.yaml:4', 'high']]);
  });

  it('does not report values from the environment, stand-ins, empty values, or what the secret scanners report', async () => {
    expect(await findingsOf(RULE, settingsProject("import os\nEMAIL_HOST_PASSWORD = os.environ['EMAIL_HOST_PASSWORD']\n"))).toEqual([]);
    expect(await findingsOf(RULE, settingsProject("EMAIL_HOST_PASSWORD = ''\nAWS_SECRET_ACCESS_KEY = '<your-secret-key>'\nDB_PASSWORD = 'changeme'\n"))).toEqual([]);
    // A random-looking key is secrets/high-entropy's finding: not reported twice.
    expect(await findingsOf(RULE, settingsProject("AWS_SECRET_ACCESS_KEY = 'q8Zr2LwX0pV7nT4yK1mB9cJ6hF3sD5gA0eR8uI2o'\n"))).toEqual([]);
    // Secret-looking names that hold a cache key, a class path or a UUID; a dummy mail password next to a dummy host.
    const shapes = "CACHE_SURROGATE_KEY = 'site-pages'\nLOGIN_TOKEN_STRATEGY = 'accounts.tokens.JWTStrategy'\nPARTNER_API_KEY = '2f1c7a9e-4b3d-4e8a-9c6f-0d2b5e7a1c3f'\n";
    expect(await findingsOf(RULE, settingsProject(`${shapes}EMAIL_HOST = 'host'\nEMAIL_HOST_PASSWORD = 'password'\n`))).toEqual([]);
    const unused = { 'mysite/local.py': `EMAIL_HOST_PASSWORD = '${APP_PASSWORD}'\n` };
    expect(await findingsOf(RULE, settingsProject('DEBUG = False\n', unused))).toEqual([]);
  });
});
