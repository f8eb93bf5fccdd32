import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';
import { GCS_MEDIA, S3_MEDIA } from './storage-media.js';

const settings = (body: string, extra: Files = {}, django = '5.2.8'): Files => settingsFiles(body, extra, django);
const SUBCLASS = {
  'myapp/__init__.py': '',
  'myapp/storage_backends.py':
    "from storages.backends.s3boto3 import S3Boto3Storage\n\n\nclass MediaStorage(S3Boto3Storage):\n    location = 'media'\n    default_acl = 'public-read'\n",
};
const SUBCLASS_SETTING = "DEFAULT_FILE_STORAGE = 'myapp.storage_backends.MediaStorage'\n";

ruleTester('django/storage-public-media', {
  valid: [
    { name: 'a private ACL', files: settings(S3_MEDIA + "AWS_DEFAULT_ACL = 'private'\n") },
    {
      name: 'public static files',
      files: settings("STORAGES = {'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'}}\nAWS_DEFAULT_ACL = 'public-read'\n"),
    },
    { name: 'the subclass on 5.2 (DEFAULT_FILE_STORAGE is gone)', files: settings(SUBCLASS_SETTING, SUBCLASS, '5.2.8') },
  ],
  invalid: [
    {
      name: "a project subclass with default_acl = 'public-read' (3.2, DEFAULT_FILE_STORAGE)",
      files: settings(SUBCLASS_SETTING, SUBCLASS, '3.2.25'),
      findings: [{ at: 'myapp/storage_backends.py:6', severity: 'high', confidence: 'certain' }],
    },
    {
      name: "AWS_S3_OBJECT_PARAMETERS['ACL'] = 'public-read-write' is critical",
      files: settings(S3_MEDIA + "AWS_S3_OBJECT_PARAMETERS = {\n    'ACL': 'public-read-write',\n}\n"),
      findings: [{ at: 'mysite/settings.py:3', severity: 'critical' }],
    },
    {
      name: 'GCS publicRead',
      files: settings(GCS_MEDIA + "GS_DEFAULT_ACL = 'publicRead'\n"),
      findings: [{ at: 'mysite/settings.py:2', severity: 'high' }],
    },
    {
      name: "GS_OBJECT_PARAMETERS['acl'] = 'publicReadWrite' is critical",
      files: settings(GCS_MEDIA + "GS_OBJECT_PARAMETERS = {'acl': 'publicReadWrite'}\n"),
      findings: [{ at: 'mysite/settings.py:2', severity: 'critical' }],
    },
  ],
});
