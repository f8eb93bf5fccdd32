import { djangoFiles, ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

const LONG_KEY = 'q8w!z3@x5#c7$v9%b1^n2&m4*k6(j8)h0-g=f+d_s1a2p3o4i5u6y7t8r9e0w';

ruleTester('django/secret-key-reused', {
  valid: [
    {
      name: 'each settings module has its own key',
      files: djangoFiles('mysite.settings.production', {
        'mysite/settings/__init__.py': '',
        'mysite/settings/production.py': `SECRET_KEY = '${LONG_KEY}'\nSECRET_KEY_FALLBACKS = ['${LONG_KEY.slice(1)}x']\n`,
        'mysite/settings/dev.py': "SECRET_KEY = 'dev-only-key'\n",
      }),
    },
  ],
  invalid: [
    {
      name: 'production and dev settings modules share a literal key',
      files: djangoFiles('mysite.settings.production', {
        'mysite/settings/__init__.py': '',
        'mysite/settings/base.py': 'DEBUG = False\n',
        'mysite/settings/production.py': `from .base import *\nSECRET_KEY = '${LONG_KEY}'\n`,
        'mysite/settings/dev.py': `from .base import *\nDEBUG = True\nSECRET_KEY = '${LONG_KEY}'\n`,
      }),
      findings: [{ at: 'mysite/settings/dev.py:3', severity: 'high' }],
      hidden: [LONG_KEY],
    },
    {
      name: 'SECRET_KEY is also in SECRET_KEY_FALLBACKS',
      files: settingsFiles("import os\nSECRET_KEY = os.environ['K']\nSECRET_KEY_FALLBACKS = [os.environ['K']]\n"),
      set: { K: LONG_KEY },
      findings: [{ at: 'mysite/settings.py:3', message: 'SECRET_KEY_FALLBACKS' }],
      hidden: [LONG_KEY],
    },
  ],
});
