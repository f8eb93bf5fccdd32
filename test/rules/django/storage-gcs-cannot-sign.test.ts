import { ruleTester, settingsFiles, type Files } from '../../helpers/rule-tester.js';
import { GCS_MEDIA } from './storage-media.js';

const settings = (body: string, extra: Files): Files => settingsFiles(body, extra, '5.2.8');
const APP_YAML = { 'app.yaml': 'runtime: python312\nentrypoint: gunicorn -b :$PORT mysite.wsgi\n' };
const DOCKERFILE = { Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n' };

ruleTester('django/storage-gcs-cannot-sign', {
  valid: [
    { name: 'IAM signing', files: settings(GCS_MEDIA + 'GS_IAM_SIGN_BLOB = True\n', APP_YAML) },
    { name: 'a credentials variable', files: settings(GCS_MEDIA, APP_YAML), set: { GOOGLE_APPLICATION_CREDENTIALS: '/secrets/sa.json' } },
    { name: 'public objects', files: settings(GCS_MEDIA + "GS_DEFAULT_ACL = 'publicRead'\n", APP_YAML) },
    { name: 'no keyless platform', files: settings(GCS_MEDIA, { Procfile: 'web: gunicorn mysite.wsgi\n' }) },
    { name: 'a Dockerfile names no host, and no variable the code reads names one', files: settings(GCS_MEDIA, DOCKERFILE) },
  ],
  invalid: [
    {
      name: 'signed GCS media on App Engine with default credentials',
      files: settings(GCS_MEDIA, APP_YAML),
      findings: [{ at: 'mysite/settings.py:1', severity: 'high', confidence: 'certain', message: 'App Engine' }],
    },
    {
      name: 'on Cloud Run inferred from a variable the code reads',
      files: settings(`${GCS_MEDIA}import os\nON_CLOUD_RUN = 'K_SERVICE' in os.environ\n`, DOCKERFILE),
      findings: [{ message: 'Cloud Run' }],
    },
  ],
});
