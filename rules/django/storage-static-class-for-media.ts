/** django/storage-static-class-for-media — S3StaticStorage / S3ManifestStaticStorage used for media. */
import { defineRule, describeOption, explainOptions, isS3StaticClass, resolveStorage, truthy } from '../../src/api/django.js';

export default defineRule({
  id: 'django/storage-static-class-for-media',
  title: 'A static-files storage class stores the media uploads',
  severity: 'high',
  docs: {
    why:
      'S3StaticStorage and S3ManifestStaticStorage are meant for collectstatic output: they set querystring_auth = ' +
      'False as a class attribute, which beats AWS_QUERYSTRING_AUTH, so their URLs are never signed. Used as the media ' +
      '(default) storage, user uploads either sit in a public bucket for anyone to read, or in a private one behind ' +
      'URLs that answer 403. S3ManifestStaticStorage also expects a manifest that media never has.',
    fix:
      'Use the plain S3 storage for media and keep the static class for static files (Django 4.2+):\n\n' +
      'STORAGES = {\n' +
      '    "default": {"BACKEND": "storages.backends.s3.S3Storage"},\n' +
      '    "staticfiles": {"BACKEND": "storages.backends.s3.S3StaticStorage"},\n' +
      '}',
    refs: ['https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html'],
  },
  check(ctx) {
    const media = resolveStorage(ctx.project, ctx.workspace, 'default');
    if (!media || !isS3StaticClass(media.libraryClass)) return;
    const auth = media.option('querystring_auth');
    if (!auth || truthy(auth.value) !== false) return;
    const { confidence, related } = explainOptions([auth], media.location);
    const derived = media.className === media.libraryClass ? '' : ` (a subclass of ${media.libraryClass})`;
    ctx.report({
      location: media.location,
      confidence,
      related,
      message:
        `The media storage is ${media.className}${derived}, a static-files class whose URLs are never signed ` +
        `(${describeOption(auth)}): uploads are public or broken`,
      snippet: `${media.via} ${media.className}`,
    });
  },
});
