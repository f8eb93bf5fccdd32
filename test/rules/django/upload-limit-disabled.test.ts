import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/upload-limit-disabled', {
  valid: [{ name: 'raised limits', files: settingsFiles('DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024\n', {}, '5.2.8') }],
  invalid: [
    {
      name: 'each disabled limit is a finding',
      files: settingsFiles('DATA_UPLOAD_MAX_MEMORY_SIZE = None\nDATA_UPLOAD_MAX_NUMBER_FIELDS = None\n', {}, '5.2.8'),
      findings: [
        { at: 'mysite/settings.py:1', severity: 'medium', confidence: 'certain' },
        { at: 'mysite/settings.py:2', severity: 'medium', confidence: 'certain' },
      ],
    },
  ],
});
