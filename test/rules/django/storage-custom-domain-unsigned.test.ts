import { ruleTester, settings52 as settings } from '../../helpers/rule-tester.js';
import { S3_MEDIA } from './storage-media.js';

ruleTester('django/storage-custom-domain-unsigned', {
  valid: [
    {
      name: 'both keys',
      files: settings(S3_MEDIA + "AWS_S3_CUSTOM_DOMAIN = 'media.example.com'\nAWS_CLOUDFRONT_KEY_ID = 'K2JCJMDEHXQW5F'\nAWS_CLOUDFRONT_KEY = b'key'\n"),
    },
    { name: 'no custom domain', files: settings(S3_MEDIA) },
  ],
  invalid: [
    {
      name: 'a custom domain without a CloudFront key pair',
      files: settings(S3_MEDIA + "AWS_S3_CUSTOM_DOMAIN = 'media.example.com'\n"),
      findings: [{ at: 'mysite/settings.py:2', severity: 'medium', confidence: 'certain' }],
    },
    {
      name: 'half a key pair raises ImproperlyConfigured (high), and the key is never printed',
      files: settings(S3_MEDIA + "AWS_CLOUDFRONT_KEY = '-----BEGIN RSA PRIVATE KEY-----abcdef'\n"),
      findings: [{ at: 'mysite/settings.py:2', severity: 'high' }],
      hidden: ['BEGIN RSA'],
    },
  ],
});
