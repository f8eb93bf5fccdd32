/**
 * django/storage-private-unsigned — media on S3/GCS is private (no public ACL) while django-storages
 * builds unsigned URLs for it, so every media link 403s unless the bucket is public some other way.
 */
import type { PyValue } from '../../src/api/django.js';
import { defineRule, describeOption, effectiveAcl, explainOptions, isS3StaticClass, resolveStorage, truthy } from '../../src/api/django.js';

/** Whether an ACL keeps objects private: S3 None/'private', GCS anything but 'publicRead'. undefined if unknown. */
function aclIsPrivate(acl: PyValue, backend: 's3' | 'gcs'): boolean | undefined {
  if (acl.kind === 'none') return true;
  if (acl.kind !== 'str') return undefined;
  return backend === 's3' ? acl.value === 'private' : acl.value !== 'publicRead' && acl.value !== 'publicReadWrite';
}

export default defineRule({
  id: 'django/storage-private-unsigned',
  title: 'Private media is served through unsigned URLs',
  severity: 'high',
  docs: {
    why:
      'With querystring_auth off (AWS_QUERYSTRING_AUTH / GS_QUERYSTRING_AUTH = False), django-storages returns plain ' +
      'object URLs without a signature. Uploads get no public ACL (S3 default_acl None or "private", GCS anything but ' +
      '"publicRead"), so those URLs answer 403 and every uploaded image or file is broken. Projects usually "fix" it by ' +
      'making the whole bucket public, which turns user uploads into public data. (On S3 a custom domain is left to ' +
      'django/storage-custom-domain-unsigned; S3StaticStorage as media to django/storage-static-class-for-media.)',
    fix:
      'Let django-storages sign media URLs (the default), and keep the bucket private:\n\n' +
      'AWS_QUERYSTRING_AUTH = True   # or GS_QUERYSTRING_AUTH = True\n' +
      'AWS_DEFAULT_ACL = None\n\n' +
      'Keep unsigned, public URLs for static files only (a separate storage class, e.g. S3StaticStorage).',
    refs: [
      'https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html',
      'https://django-storages.readthedocs.io/en/latest/backends/gcloud.html',
    ],
  },
  check(ctx) {
    const media = resolveStorage(ctx.project, ctx.workspace, 'default');
    if (!media || (media.backend !== 's3' && media.backend !== 'gcs') || isS3StaticClass(media.libraryClass)) return;
    const auth = media.option('querystring_auth');
    const acl = effectiveAcl(media);
    if (!auth || !acl || truthy(auth.value) !== false || aclIsPrivate(acl.value, media.backend) !== true) return;
    const used = [auth, acl];
    if (media.backend === 's3') {
      const domain = media.option('custom_domain');
      if (!domain || truthy(domain.value) !== false) return;
    }
    const location = auth.location ?? media.location;
    const { confidence, related, unset } = explainOptions(used, location);
    const because = unset.length ? ` (${unset.join(', ')} unset, so the code's default applies)` : '';
    ctx.report({
      location,
      confidence,
      related,
      message:
        `Media storage ${media.className} builds unsigned URLs (${describeOption(auth)}) for private objects ` +
        `(${describeOption(acl)})${because}: the links answer 403 unless the bucket is made public`,
      snippet: `${media.className} ${auth.source} ${acl.source}`,
    });
  },
});
