import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/debug-default-true', {
  valid: [
    { name: 'the unset case is left to django/debug (no double report)', files: settingsFiles("import os\nDEBUG = os.getenv('DEBUG', True)\n") },
    {
      name: 'a fail-closed read',
      files: settingsFiles("from decouple import config\nDEBUG = config('DEBUG', default=False, cast=bool)\n"),
      set: { DEBUG: 'false' },
    },
  ],
  invalid: [
    {
      name: 'production sets DEBUG but the code defaults to True',
      files: settingsFiles("import environ\nenv = environ.Env()\nDEBUG = env.bool('DJANGO_DEBUG', default=True)\n"),
      set: { DJANGO_DEBUG: 'off' },
      findings: [{ at: 'mysite/settings.py:3', confidence: 'certain', message: 'DJANGO_DEBUG' }],
    },
    {
      name: "bool(os.getenv('DEBUG')) turns the string 'False' into True",
      files: settingsFiles("import os\nDEBUG = bool(os.getenv('DEBUG'))\n"),
      set: { DEBUG: 'False' },
      findings: [{ message: "'False'" }],
    },
  ],
});
