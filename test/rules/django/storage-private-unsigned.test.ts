import { ruleTester, settings52 as settings } from '../../helpers/rule-tester.js';
import { GCS_MEDIA, S3_MEDIA } from './storage-media.js';

ruleTester('django/storage-private-unsigned', {
  valid: [
    { name: 'S3: signed URLs', files: settings(S3_MEDIA + 'AWS_QUERYSTRING_AUTH = True\n') },
    { name: 'S3: a public ACL', files: settings(S3_MEDIA + "AWS_QUERYSTRING_AUTH = False\nAWS_DEFAULT_ACL = 'public-read'\n") },
    { name: 'S3: a custom domain serves them', files: settings(S3_MEDIA + "AWS_QUERYSTRING_AUTH = False\nAWS_S3_CUSTOM_DOMAIN = 'cdn.example.com'\n") },
    { name: 'GCS: a public ACL', files: settings(GCS_MEDIA + "GS_QUERYSTRING_AUTH = False\nGS_DEFAULT_ACL = 'publicRead'\n") },
    {
      name: 'static files only',
      files: settings("STORAGES = {'staticfiles': {'BACKEND': 'storages.backends.s3.S3Storage'}}\nAWS_QUERYSTRING_AUTH = False\n"),
    },
    {
      // A value only known at run time: a library the evaluator does not model.
      name: 'an unknown ACL',
      files: settings(S3_MEDIA + 'import vendor_acl\nAWS_QUERYSTRING_AUTH = False\nAWS_DEFAULT_ACL = vendor_acl.pick()\n'),
    },
  ],
  invalid: [
    {
      name: 'S3: unsigned URLs for objects with no ACL',
      files: settings(S3_MEDIA + 'AWS_QUERYSTRING_AUTH = False\n'),
      findings: [
        {
          at: 'mysite/settings.py:2',
          severity: 'high',
          confidence: 'certain',
          message: ['AWS_QUERYSTRING_AUTH = False', 'AWS_DEFAULT_ACL is unset (None)'],
        },
      ],
    },
    {
      name: 'GCS: the same through STORAGES OPTIONS, with a default confidence when the env var is unset',
      files: settings(
        "import os\nSTORAGES = {'default': {'BACKEND': 'storages.backends.gcloud.GoogleCloudStorage',\n" +
          "    'OPTIONS': {'querystring_auth': os.getenv('SIGN_MEDIA', False)}}}\n",
      ),
      findings: [{ at: 'mysite/settings.py:3', confidence: 'default' }],
    },
  ],
});
