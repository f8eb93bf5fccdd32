import { describe, expect, it } from 'vitest';
import { at, findingsOf, settingsProject } from '../beyond/helpers.js';

const RULE = 'django/secret-key-weak';
/** Reports a weak key written in the code (a fallback included) in place of RULE: one problem, one finding. */
const COMMITTED = 'django/secret-key-committed';
const IMPORTS = 'import os\nfrom django.core.exceptions import ImproperlyConfigured\n';

/** `raise when unset`: production cannot start without the variable. */
const RAISE_WHEN_UNSET =
  `${IMPORTS}SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only')\n` +
  "if 'DJANGO_SECRET_KEY' not in os.environ:\n    raise ImproperlyConfigured('Set the secret key')\n";

/** `raise when equal to the placeholder`, only outside DEBUG. */
const RAISE_ON_PLACEHOLDER =
  `${IMPORTS}import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=False)\n` +
  "SECRET_KEY = env('SECRET_KEY', default='change-me')\nif not DEBUG and SECRET_KEY == 'change-me':\n    raise ImproperlyConfigured('refusing to run')\n";

describe('django/secret-key-weak when the settings refuse a weak key', () => {
  it('leaves a key the settings raise over when it is unset to django/settings-error', async () => {
    const root = settingsProject(RAISE_WHEN_UNSET);
    expect(await findingsOf(RULE, root)).toEqual([]);
    expect(await findingsOf(COMMITTED, root)).toEqual([]);
    const [problem] = await findingsOf('django/settings-error', root);
    expect(at(problem)).toBe('mysite/settings.py:5');
  });

  it('leaves a placeholder the settings raise over to django/settings-error', async () => {
    const root = settingsProject(RAISE_ON_PLACEHOLDER);
    expect(await findingsOf(RULE, root)).toEqual([]);
    expect(await findingsOf(COMMITTED, root)).toEqual([]);
    const [problem] = await findingsOf('django/settings-error', root);
    expect(at(problem)).toBe('mysite/settings.py:8');
  });

  it('leaves an empty key guarded by `if not SECRET_KEY: raise` alone', async () => {
    const root = settingsProject(`${IMPORTS}SECRET_KEY = os.environ.get('SECRET_KEY', '')\nif not SECRET_KEY:\n    raise ImproperlyConfigured('x')\n`);
    expect(await findingsOf(RULE, root)).toEqual([]);
  });

  it('still fires when the raise is about something else (production may set that variable and not the key)', async () => {
    const root = settingsProject(
      `${IMPORTS}SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only')\n` +
        "if not os.environ.get('DATABASE_URL'):\n    raise ImproperlyConfigured('no database')\nDB = os.environ['REDIS_URL']\n",
    );
    expect(await findingsOf(RULE, root)).toEqual([]);
    const [finding, ...rest] = await findingsOf(COMMITTED, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'critical', confidence: 'default', django: 'security.W009' });
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  it('still fires when the raise is about a variable the key was only chosen by', async () => {
    const root = settingsProject(
      `${IMPORTS}if os.environ.get('DJANGO_ENV') == 'staging':\n    SECRET_KEY = 'staging-key'\nelse:\n    SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only')\n` +
        "if not os.environ.get('DJANGO_ENV'):\n    raise ImproperlyConfigured('set DJANGO_ENV')\n",
    );
    expect((await findingsOf(COMMITTED, root)).length).toBeGreaterThan(0);
  });

  it('still fires on a weak key production sets, which passes the placeholder check', async () => {
    const [finding] = await findingsOf(RULE, settingsProject(RAISE_ON_PLACEHOLDER), { set: { SECRET_KEY: 'short-but-set' } });
    expect(finding).toMatchObject({ severity: 'high', confidence: 'certain' });
    expect(finding!.message).toContain('only 13 characters');
  });
});
