import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/debug-propagate-exceptions', {
  valid: [{ name: 'off by default', files: settingsFiles('DEBUG = False\n', {}, '5.2.8') }],
  invalid: [
    {
      name: 'on',
      files: settingsFiles('DEBUG = False\nDEBUG_PROPAGATE_EXCEPTIONS = True\n', {}, '5.2.8'),
      findings: [{ at: 'mysite/settings.py:2', severity: 'medium', confidence: 'certain' }],
    },
  ],
});
