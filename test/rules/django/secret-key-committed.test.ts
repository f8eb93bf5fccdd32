import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const LONG_KEY = 'q8w!z3@x5#c7$v9%b1^n2&m4*k6(j8)h0-g=f+d_s1a2p3o4i5u6y7t8r9e0w';
const SET_KEY = { DJANGO_SECRET_KEY: 'p'.repeat(60) };

ruleTester('django/secret-key-committed', {
  valid: [
    {
      name: 'a set variable whose fallback a raise about the key guards',
      files: settingsFiles(
        `import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${LONG_KEY}')\n` +
          "if 'DJANGO_SECRET_KEY' not in os.environ:\n    raise RuntimeError('set the key')\n",
      ),
      set: SET_KEY,
    },
    {
      name: 'a set variable whose fallback is computed',
      files: settingsFiles(
        "import os\nfrom django.core.management.utils import get_random_secret_key\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', get_random_secret_key())\n",
      ),
      set: SET_KEY,
    },
    {
      name: 'the key is required from the environment',
      files: settingsFiles("import os\nSECRET_KEY = os.environ['DJANGO_SECRET_KEY']\n"),
      set: SET_KEY,
    },
  ],
  invalid: [
    {
      name: 'a literal key in the settings module, without printing it',
      files: settingsFiles(`DEBUG = False\nSECRET_KEY = '${LONG_KEY}'\n`),
      findings: [{ at: 'mysite/settings.py:2', severity: 'critical', confidence: 'certain' }],
      hidden: [LONG_KEY],
    },
    {
      name: 'confidence default when the env default is used',
      files: settingsFiles(`import environ\nenv = environ.Env()\nSECRET_KEY = env('DJANGO_SECRET_KEY', default='${LONG_KEY}')\n`),
      findings: [{ at: 'mysite/settings.py:3', confidence: 'default', message: 'DJANGO_SECRET_KEY' }],
      hidden: [LONG_KEY],
    },
    {
      name: 'medium, not critical, when production sets the variable: the fallback is one missing variable away',
      files: settingsFiles(`import os\nSECRET_KEY = os.environ.get('DJANGO_SECRET_KEY', '${LONG_KEY}')\n`),
      set: SET_KEY,
      findings: [{ severity: 'medium', confidence: 'default', message: 'production sets it now (--set)' }],
      hidden: [LONG_KEY],
    },
  ],
});
