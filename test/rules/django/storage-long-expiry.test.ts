import { ruleTester, settings52 as settings } from '../../helpers/rule-tester.js';
import { GCS_MEDIA, S3_MEDIA } from './storage-media.js';

ruleTester('django/storage-long-expiry', {
  valid: [
    { name: 'exactly 7 days', files: settings(S3_MEDIA + 'AWS_QUERYSTRING_EXPIRE = 604800\n') },
    { name: 'URLs not signed', files: settings(S3_MEDIA + 'AWS_QUERYSTRING_EXPIRE = 9999999\nAWS_QUERYSTRING_AUTH = False\n') },
  ],
  invalid: [
    {
      name: 'AWS_QUERYSTRING_EXPIRE of 30 days',
      files: settings(S3_MEDIA + 'AWS_QUERYSTRING_EXPIRE = 60 * 60 * 24 * 30\n'),
      findings: [{ at: 'mysite/settings.py:2', severity: 'medium', confidence: 'certain', message: '2592000 s' }],
    },
    {
      name: 'GS_EXPIRATION = timedelta(days=8)',
      files: settings('from datetime import timedelta\n' + GCS_MEDIA + 'GS_EXPIRATION = timedelta(days=8)\n'),
      findings: [{ at: 'mysite/settings.py:3' }],
    },
  ],
});
