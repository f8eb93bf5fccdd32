import { beforeAll, describe, expect, test } from 'vitest';
import { effectiveAcl, resolveStorage } from '../../src/django/storage.js';
import { durationSeconds } from '../../src/python/timedelta.js';
import type { StorageAlias } from '../../src/django/storage.js';
import { initPythonParser } from '../../src/python/parser.js';
import { discoverProjects } from '../../src/project/discover.js';
import { workspaceOf } from '../helpers/workspace.js';
import { settingsFiles } from '../helpers/rule-tester.js';

beforeAll(async () => {
  await initPythonParser();
});

function resolve(settings: string, files: Record<string, string> = {}, django = '5.2.8', alias: StorageAlias = 'default') {
  const workspace = workspaceOf(settingsFiles(settings, files, django));
  const [project] = discoverProjects(workspace);
  if (!project) throw new Error('no project found');
  return resolveStorage(project, workspace, alias);
}

const S3_MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}}\n";

const MEDIA_STORAGE_MODULE = `from storages.backends.s3boto3 import S3Boto3Storage


class MediaStorage(S3Boto3Storage):
    location = 'media'
    default_acl = 'public-read'
    file_overwrite = False
`;

describe('backend and setting choice', () => {
  test('STORAGES names an S3 backend on 4.2+', () => {
    const media = resolve(S3_MEDIA);
    expect(media?.backend).toBe('s3');
    expect(media?.via).toBe('STORAGES');
    expect(media?.location).toMatchObject({ file: 'mysite/settings.py', line: 1 });
  });

  test('3.2 reads DEFAULT_FILE_STORAGE and ignores STORAGES', () => {
    const media = resolve(
      "DEFAULT_FILE_STORAGE = 'storages.backends.gcloud.GoogleCloudStorage'\n" + S3_MEDIA,
      {},
      '3.2.25',
    );
    expect(media?.backend).toBe('gcs');
    expect(media?.via).toBe('DEFAULT_FILE_STORAGE');
  });

  test('on 4.2 STORAGES wins over DEFAULT_FILE_STORAGE', () => {
    const media = resolve("DEFAULT_FILE_STORAGE = 'storages.backends.gcloud.GoogleCloudStorage'\n" + S3_MEDIA, {}, '4.2.16');
    expect(media?.backend).toBe('s3');
  });

  test('5.2 no longer reads DEFAULT_FILE_STORAGE: the filesystem default applies', () => {
    const media = resolve("DEFAULT_FILE_STORAGE = 'storages.backends.s3boto3.S3Boto3Storage'\n");
    expect(media?.backend).toBe('filesystem');
    expect(media?.via).toBe('default');
  });

  test('static files default to the filesystem storage', () => {
    expect(resolve('DEBUG = False\n', {}, '3.2.25', 'staticfiles')?.backend).toBe('filesystem');
  });

  test('an unknown BACKEND resolves to nothing', () => {
    expect(resolve("import os\nSTORAGES = {'default': {'BACKEND': os.environ['MEDIA_BACKEND']}}\n")).toBeUndefined();
  });
});

describe('option precedence', () => {
  const files = {
    'mysite/storage.py':
      'from storages.backends.s3 import S3Storage\n\nclass Media(S3Storage):\n    querystring_auth = True\n    default_acl = "private"\n',
  };

  test('OPTIONS beats the class attribute', () => {
    const media = resolve(
      "STORAGES = {'default': {'BACKEND': 'mysite.storage.Media', 'OPTIONS': {'querystring_auth': False}}}\n" +
        'AWS_QUERYSTRING_AUTH = True\n',
      files,
    );
    const option = media?.option('querystring_auth');
    expect(option?.origin).toBe('options');
    expect(option?.value).toMatchObject({ kind: 'bool', value: false });
    expect(option?.location).toMatchObject({ file: 'mysite/settings.py', line: 1 });
  });

  test('the class attribute beats the global setting', () => {
    const media = resolve("STORAGES = {'default': {'BACKEND': 'mysite.storage.Media'}}\nAWS_DEFAULT_ACL = 'public-read'\n", files);
    const option = media?.option('default_acl');
    expect(option?.origin).toBe('class');
    expect(option?.value).toMatchObject({ kind: 'str', value: 'private' });
    expect(option?.location).toMatchObject({ file: 'mysite/storage.py', line: 5 });
  });

  test('the global setting beats the library default', () => {
    const media = resolve(S3_MEDIA + 'AWS_QUERYSTRING_EXPIRE = 7200\n');
    expect(media?.option('querystring_expire')).toMatchObject({ origin: 'setting', source: 'AWS_QUERYSTRING_EXPIRE', value: { value: 7200 } });
    expect(media?.option('querystring_auth')).toMatchObject({ origin: 'default', value: { kind: 'bool', value: true } });
  });

  test('S3StaticStorage carries querystring_auth = False over AWS_QUERYSTRING_AUTH', () => {
    const media = resolve(
      "STORAGES = {'default': {'BACKEND': 'storages.backends.s3boto3.S3StaticStorage'}}\nAWS_QUERYSTRING_AUTH = True\n",
    );
    expect(media?.option('querystring_auth')).toMatchObject({ origin: 'class', value: { kind: 'bool', value: false } });
  });

  test('object parameters decide the ACL over default_acl', () => {
    const media = resolve(S3_MEDIA + "AWS_DEFAULT_ACL = 'private'\nAWS_S3_OBJECT_PARAMETERS = {'ACL': 'public-read'}\n");
    const acl = media && effectiveAcl(media);
    expect(acl?.value).toMatchObject({ kind: 'str', value: 'public-read' });
    expect(acl?.source).toBe("AWS_S3_OBJECT_PARAMETERS['ACL']");
    expect(acl?.location).toMatchObject({ line: 3 });
  });
});

describe('project storage classes', () => {
  test("a subclass of S3Boto3Storage in its own module: default_acl = 'public-read'", () => {
    const media = resolve("DEFAULT_FILE_STORAGE = 'myapp.storage_backends.MediaStorage'\n", { 'myapp/__init__.py': '', 'myapp/storage_backends.py': MEDIA_STORAGE_MODULE }, '3.2.25');
    expect(media?.backend).toBe('s3');
    expect(media?.libraryClass).toBe('storages.backends.s3boto3.S3Boto3Storage');
    expect(media?.option('default_acl')).toMatchObject({
      origin: 'class',
      source: 'myapp.storage_backends.MediaStorage.default_acl',
      value: { kind: 'str', value: 'public-read' },
      location: { file: 'myapp/storage_backends.py', line: 6 },
    });
    expect(media?.option('file_overwrite')?.value).toMatchObject({ kind: 'bool', value: false });
  });

  test('bases through a module import, a relative import and a class in the same module', () => {
    const media = resolve("STORAGES = {'default': {'BACKEND': 'myapp.storage.Private'}}\n", {
      'myapp/__init__.py': '',
      'myapp/base.py': 'from storages.backends import gcloud\n\nclass Base(gcloud.GoogleCloudStorage):\n    querystring_auth = False\n',
      'myapp/storage.py':
        'from datetime import timedelta\nfrom .base import Base\n\nclass Middle(Base):\n    expiration = timedelta(days=8, hours=1)\n\n' +
        'class Private(Middle):\n    default_acl = None\n',
    });
    expect(media?.backend).toBe('gcs');
    expect(media?.option('querystring_auth')).toMatchObject({ origin: 'class', source: 'myapp.base.Base.querystring_auth' });
    expect(durationSeconds(media!.option('expiration')!.value)).toBe(8 * 86400 + 3600);
    expect(media?.option('default_acl')?.value.kind).toBe('none');
  });

  test('settings.NAME in a class body reads the setting', () => {
    const media = resolve("STORAGES = {'default': {'BACKEND': 'myapp.storage.Media'}}\nMEDIA_ACL = 'public-read'\n", {
      'myapp/__init__.py': '',
      'myapp/storage.py':
        'from django.conf import settings\nfrom storages.backends.s3 import S3Storage\n\nclass Media(S3Storage):\n    default_acl = settings.MEDIA_ACL\n',
    });
    expect(media?.option('default_acl')?.value).toMatchObject({ kind: 'str', value: 'public-read' });
  });

  test('a class that cannot be found is an "other" backend with no options', () => {
    const media = resolve("STORAGES = {'default': {'BACKEND': 'myapp.missing.Media'}}\n");
    expect(media?.backend).toBe('other');
    expect(media?.option('default_acl')).toBeUndefined();
  });

  test('a non-literal class attribute is unknown', () => {
    const media = resolve("STORAGES = {'default': {'BACKEND': 'myapp.storage.Media'}}\n", {
      'myapp/__init__.py': '',
      'myapp/storage.py': 'from storages.backends.s3 import S3Storage\n\nclass Media(S3Storage):\n    default_acl = pick_acl()\n',
    });
    expect(media?.option('default_acl')?.value.kind).toBe('unknown');
  });
});
