import { describe, expect, test } from 'vitest';
import { at, findingsOf, settingsProject } from './helpers.js';

const S3_MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}}\n";
const GCS_MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.gcloud.GoogleCloudStorage'}}\n";

describe('django/storage-private-unsigned', () => {
  const rule = 'django/storage-private-unsigned';

  test('S3: unsigned URLs for objects with no ACL', async () => {
    const [finding, ...rest] = await findingsOf(rule, settingsProject(S3_MEDIA + 'AWS_QUERYSTRING_AUTH = False\n'));
    expect(rest).toHaveLength(0);
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
    expect(finding!.message).toContain('AWS_QUERYSTRING_AUTH = False');
    expect(finding!.message).toContain('AWS_DEFAULT_ACL is unset (None)');
  });

  test('GCS: the same through STORAGES OPTIONS, with a default confidence when the env var is unset', async () => {
    const root = settingsProject(
      "import os\nSTORAGES = {'default': {'BACKEND': 'storages.backends.gcloud.GoogleCloudStorage',\n" +
        "    'OPTIONS': {'querystring_auth': os.getenv('SIGN_MEDIA', False)}}}\n",
    );
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, confidence: 'default' });
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  test('no finding when URLs are signed, the ACL is public, or a custom domain serves them', async () => {
    for (const extra of [
      'AWS_QUERYSTRING_AUTH = True\n',
      "AWS_QUERYSTRING_AUTH = False\nAWS_DEFAULT_ACL = 'public-read'\n",
      "AWS_QUERYSTRING_AUTH = False\nAWS_S3_CUSTOM_DOMAIN = 'cdn.example.com'\n",
    ]) {
      expect(await findingsOf(rule, settingsProject(S3_MEDIA + extra)), extra).toEqual([]);
    }
    expect(await findingsOf(rule, settingsProject(GCS_MEDIA + "GS_QUERYSTRING_AUTH = False\nGS_DEFAULT_ACL = 'publicRead'\n"))).toEqual([]);
  });

  test('no finding for static files or an unknown ACL', async () => {
    const staticOnly = "STORAGES = {'staticfiles': {'BACKEND': 'storages.backends.s3.S3Storage'}}\nAWS_QUERYSTRING_AUTH = False\n";
    expect(await findingsOf(rule, settingsProject(staticOnly))).toEqual([]);
    // A value only known at run time: a library the evaluator does not model.
    const unknownAcl = S3_MEDIA + 'import vendor_acl\nAWS_QUERYSTRING_AUTH = False\nAWS_DEFAULT_ACL = vendor_acl.pick()\n';
    expect(await findingsOf(rule, settingsProject(unknownAcl))).toEqual([]);
  });
});

describe('django/storage-public-media', () => {
  const rule = 'django/storage-public-media';
  const subclass = {
    'myapp/__init__.py': '',
    'myapp/storage_backends.py':
      "from storages.backends.s3boto3 import S3Boto3Storage\n\n\nclass MediaStorage(S3Boto3Storage):\n    location = 'media'\n    default_acl = 'public-read'\n",
  };

  test("a project subclass with default_acl = 'public-read' (3.2, DEFAULT_FILE_STORAGE)", async () => {
    const root = settingsProject("DEFAULT_FILE_STORAGE = 'myapp.storage_backends.MediaStorage'\n", subclass, '3.2.25');
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('myapp/storage_backends.py:6');
  });

  test("AWS_S3_OBJECT_PARAMETERS['ACL'] = 'public-read-write' is critical", async () => {
    const root = settingsProject(S3_MEDIA + "AWS_S3_OBJECT_PARAMETERS = {\n    'ACL': 'public-read-write',\n}\n");
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, severity: 'critical' });
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  test("GCS publicRead", async () => {
    const [finding] = await findingsOf(rule, settingsProject(GCS_MEDIA + "GS_DEFAULT_ACL = 'publicRead'\n"));
    expect(finding).toMatchObject({ rule, severity: 'high' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test("GS_OBJECT_PARAMETERS['acl'] = 'publicReadWrite' is critical", async () => {
    const [finding] = await findingsOf(rule, settingsProject(GCS_MEDIA + "GS_OBJECT_PARAMETERS = {'acl': 'publicReadWrite'}\n"));
    expect(finding).toMatchObject({ rule, severity: 'critical' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test('no finding for a private ACL, for public static files, or for the subclass on 5.2 (DEFAULT_FILE_STORAGE is gone)', async () => {
    expect(await findingsOf(rule, settingsProject(S3_MEDIA + "AWS_DEFAULT_ACL = 'private'\n"))).toEqual([]);
    const staticPublic = "STORAGES = {'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'}}\nAWS_DEFAULT_ACL = 'public-read'\n";
    expect(await findingsOf(rule, settingsProject(staticPublic))).toEqual([]);
    const old = settingsProject("DEFAULT_FILE_STORAGE = 'myapp.storage_backends.MediaStorage'\n", subclass, '5.2.8');
    expect(await findingsOf(rule, old)).toEqual([]);
  });
});

describe('django/storage-custom-domain-unsigned', () => {
  const rule = 'django/storage-custom-domain-unsigned';

  test('a custom domain without a CloudFront key pair', async () => {
    const [finding, ...rest] = await findingsOf(rule, settingsProject(S3_MEDIA + "AWS_S3_CUSTOM_DOMAIN = 'media.example.com'\n"));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule, severity: 'medium', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test('half a key pair raises ImproperlyConfigured (high), and the key is never printed', async () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----abcdef';
    const root = settingsProject(S3_MEDIA + `AWS_CLOUDFRONT_KEY = '${key}'\n`);
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule, severity: 'high' });
    expect(at(finding)).toBe('mysite/settings.py:2');
    expect(JSON.stringify(finding)).not.toContain('BEGIN RSA');
  });

  test('no finding with both keys or without a custom domain', async () => {
    const both = "AWS_S3_CUSTOM_DOMAIN = 'media.example.com'\nAWS_CLOUDFRONT_KEY_ID = 'K2JCJMDEHXQW5F'\nAWS_CLOUDFRONT_KEY = b'key'\n";
    expect(await findingsOf(rule, settingsProject(S3_MEDIA + both))).toEqual([]);
    expect(await findingsOf(rule, settingsProject(S3_MEDIA))).toEqual([]);
  });
});

describe('django/storage-static-class-for-media', () => {
  const rule = 'django/storage-static-class-for-media';

  test('S3ManifestStaticStorage as the media storage', async () => {
    const root = settingsProject(
      "STORAGES = {\n    'default': {'BACKEND': 'storages.backends.s3.S3ManifestStaticStorage'},\n" +
        "    'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'},\n}\n",
    );
    const [finding, ...rest] = await findingsOf(rule, root);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
  });

  test('no finding when the static class only stores static files', async () => {
    const root = settingsProject(
      "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}, 'staticfiles': {'BACKEND': 'storages.backends.s3.S3StaticStorage'}}\n",
    );
    expect(await findingsOf(rule, root)).toEqual([]);
  });
});

describe('django/storage-long-expiry', () => {
  const rule = 'django/storage-long-expiry';

  test('AWS_QUERYSTRING_EXPIRE of 30 days', async () => {
    const [finding] = await findingsOf(rule, settingsProject(S3_MEDIA + 'AWS_QUERYSTRING_EXPIRE = 60 * 60 * 24 * 30\n'));
    expect(finding).toMatchObject({ rule, severity: 'medium', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:2');
    expect(finding!.message).toContain('2592000 s');
  });

  test('GS_EXPIRATION = timedelta(days=8)', async () => {
    const root = settingsProject('from datetime import timedelta\n' + GCS_MEDIA + 'GS_EXPIRATION = timedelta(days=8)\n');
    const [finding] = await findingsOf(rule, root);
    expect(finding).toMatchObject({ rule });
    expect(at(finding)).toBe('mysite/settings.py:3');
  });

  test('no finding at exactly 7 days, or when URLs are not signed', async () => {
    expect(await findingsOf(rule, settingsProject(S3_MEDIA + 'AWS_QUERYSTRING_EXPIRE = 604800\n'))).toEqual([]);
    const unsigned = S3_MEDIA + 'AWS_QUERYSTRING_EXPIRE = 9999999\nAWS_QUERYSTRING_AUTH = False\n';
    expect(await findingsOf(rule, settingsProject(unsigned))).toEqual([]);
  });
});

describe('django/storage-gcs-cannot-sign', () => {
  const rule = 'django/storage-gcs-cannot-sign';
  const appYaml = { 'app.yaml': 'runtime: python312\nentrypoint: gunicorn -b :$PORT mysite.wsgi\n' };

  test('signed GCS media on App Engine with default credentials', async () => {
    const [finding] = await findingsOf(rule, settingsProject(GCS_MEDIA, appYaml));
    expect(finding).toMatchObject({ rule, severity: 'high', confidence: 'certain' });
    expect(at(finding)).toBe('mysite/settings.py:1');
    expect(finding!.message).toContain('App Engine');
  });

  test('no finding with IAM signing, a credentials variable, public objects or no keyless platform', async () => {
    expect(await findingsOf(rule, settingsProject(GCS_MEDIA + 'GS_IAM_SIGN_BLOB = True\n', appYaml))).toEqual([]);
    expect(await findingsOf(rule, settingsProject(GCS_MEDIA, appYaml), { set: { GOOGLE_APPLICATION_CREDENTIALS: '/secrets/sa.json' } })).toEqual([]);
    expect(await findingsOf(rule, settingsProject(GCS_MEDIA + "GS_DEFAULT_ACL = 'publicRead'\n", appYaml))).toEqual([]);
    expect(await findingsOf(rule, settingsProject(GCS_MEDIA, { Procfile: 'web: gunicorn mysite.wsgi\n' }))).toEqual([]);
  });

  test('on Cloud Run inferred from a variable the code reads (a Dockerfile names no host), not without it', async () => {
    const dockerfile = { Dockerfile: 'FROM python:3.12\nCMD ["gunicorn", "mysite.wsgi"]\n' };
    const [finding] = await findingsOf(rule, settingsProject(`${GCS_MEDIA}import os\nON_CLOUD_RUN = 'K_SERVICE' in os.environ\n`, dockerfile));
    expect(finding?.message).toContain('Cloud Run');
    expect(await findingsOf(rule, settingsProject(GCS_MEDIA, dockerfile))).toEqual([]);
  });
});
