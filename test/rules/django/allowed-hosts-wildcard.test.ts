import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/allowed-hosts-wildcard', {
  valid: [{ name: 'real host names', files: settingsFiles("ALLOWED_HOSTS = ['example.com', '.example.com']\n") }],
  invalid: [
    {
      name: "'*' next to other hosts, at the item",
      files: settingsFiles("ALLOWED_HOSTS = [\n    'example.com',\n    '*',\n]\n"),
      findings: [{ at: 'mysite/settings.py:3', severity: 'high', confidence: 'certain' }],
    },
  ],
});
