/** A weak key the settings refuse (a raise guards it) is not reported as weak or committed; one they do not refuse is. */
import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const IMPORTS = 'import os\nfrom django.core.exceptions import ImproperlyConfigured\n';

/** `raise when unset`: production cannot start without the variable. */
const RAISE_WHEN_UNSET =
  `${IMPORTS}SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only')\n` +
  "if 'DJANGO_SECRET_KEY' not in os.environ:\n    raise ImproperlyConfigured('Set the secret key')\n";

/** `raise when equal to the placeholder`, only outside DEBUG. */
const RAISE_ON_PLACEHOLDER =
  `${IMPORTS}import environ\nenv = environ.Env()\nDEBUG = env.bool('DEBUG', default=False)\n` +
  "SECRET_KEY = env('SECRET_KEY', default='change-me')\nif not DEBUG and SECRET_KEY == 'change-me':\n    raise ImproperlyConfigured('refusing to run')\n";

/** The raise is about another variable: production may set that one and not the key. */
const RAISE_ABOUT_ELSE =
  `${IMPORTS}SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only')\n` +
  "if not os.environ.get('DATABASE_URL'):\n    raise ImproperlyConfigured('no database')\nDB = os.environ['REDIS_URL']\n";

/** The raise is about the variable the key was only chosen by. */
const RAISE_ABOUT_SELECTOR =
  `${IMPORTS}if os.environ.get('DJANGO_ENV') == 'staging':\n    SECRET_KEY = 'staging-key'\nelse:\n    SECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', 'dev-only')\n` +
  "if not os.environ.get('DJANGO_ENV'):\n    raise ImproperlyConfigured('set DJANGO_ENV')\n";

ruleTester('django/secret-key-weak', {
  valid: [
    { name: 'a key the settings raise over when it is unset', files: settingsFiles(RAISE_WHEN_UNSET) },
    { name: 'a placeholder the settings raise over', files: settingsFiles(RAISE_ON_PLACEHOLDER) },
    {
      name: 'an empty key guarded by `if not SECRET_KEY: raise`',
      files: settingsFiles(`${IMPORTS}SECRET_KEY = os.environ.get('SECRET_KEY', '')\nif not SECRET_KEY:\n    raise ImproperlyConfigured('x')\n`),
    },
    { name: 'a committed fallback when the raise is about something else (django/secret-key-committed reports it)', files: settingsFiles(RAISE_ABOUT_ELSE) },
  ],
  invalid: [
    {
      name: 'a weak key production sets, which passes the placeholder check',
      files: settingsFiles(RAISE_ON_PLACEHOLDER),
      set: { SECRET_KEY: 'short-but-set' },
      findings: [{ severity: 'high', confidence: 'certain', message: 'only 13 characters' }],
    },
  ],
});

ruleTester('django/secret-key-committed', {
  valid: [
    { name: 'a key the settings raise over when it is unset', files: settingsFiles(RAISE_WHEN_UNSET) },
    { name: 'a placeholder the settings raise over', files: settingsFiles(RAISE_ON_PLACEHOLDER) },
  ],
  invalid: [
    {
      name: 'the raise is about something else',
      files: settingsFiles(RAISE_ABOUT_ELSE),
      findings: [{ at: 'mysite/settings.py:3', severity: 'critical', confidence: 'default', django: 'security.W009' }],
    },
    { name: 'the raise is about a variable the key was only chosen by', files: settingsFiles(RAISE_ABOUT_SELECTOR), findings: [{}] },
  ],
});

ruleTester('django/settings-error', {
  valid: [],
  invalid: [
    { name: 'the raise over an unset key', files: settingsFiles(RAISE_WHEN_UNSET), findings: [{ at: 'mysite/settings.py:5' }] },
    { name: 'the raise over a placeholder key', files: settingsFiles(RAISE_ON_PLACEHOLDER), findings: [{ at: 'mysite/settings.py:8' }] },
  ],
});
