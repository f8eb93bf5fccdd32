import { ruleTester, settingsFiles } from '../../helpers/rule-tester.js';

ruleTester('django/storage-static-class-for-media', {
  valid: [
    {
      name: 'the static class only stores static files',
      files: settingsFiles(
        "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}, 'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'}}\n",
        {},
        '5.2.8',
      ),
    },
  ],
  invalid: [
    {
      name: 'S3ManifestStaticStorage as the media storage',
      files: settingsFiles(
        "STORAGES = {\n    'default': {'BACKEND': 'storages.backends.s3.S3ManifestStaticStorage'},\n" +
          "    'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'},\n}\n",
        {},
        '5.2.8',
      ),
      findings: [{ at: 'mysite/settings.py:2', severity: 'high', confidence: 'certain' }],
    },
  ],
});
