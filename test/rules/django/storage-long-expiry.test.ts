import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';

const settings = (body: string): Files => settingsFiles(body, {}, '5.2.8');
const S3_MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}}\n";
const GCS_MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.gcloud.GoogleCloudStorage'}}\n";

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
