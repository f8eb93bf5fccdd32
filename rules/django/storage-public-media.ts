/** django/storage-public-media — every media upload gets a public-read ACL on S3 or GCS. */
import { defineRule, describeOption, effectiveAcl, explainOptions, resolveStorage } from '../../src/api/django.js';

const PUBLIC_ACLS: Record<'s3' | 'gcs', Record<string, 'high' | 'critical'>> = {
  s3: { 'public-read': 'high', 'public-read-write': 'critical' },
  gcs: { publicRead: 'high', publicReadWrite: 'critical' },
};

export default defineRule({
  id: 'django/storage-public-media',
  title: 'Media uploads are world-readable',
  severity: 'high',
  docs: {
    why:
      'The media storage uploads every file with a public ACL (S3 "public-read", GCS "publicRead"), set through ' +
      'default_acl / AWS_DEFAULT_ACL / GS_DEFAULT_ACL or the ACL entry of AWS_S3_OBJECT_PARAMETERS / GS_OBJECT_PARAMETERS. ' +
      'Media holds user uploads: invoices, ID scans, private attachments. With a public ACL anyone who has or guesses ' +
      'a URL can read them forever, signed URLs or not. "public-read-write" / "publicReadWrite" also lets anyone ' +
      'overwrite objects.',
    fix:
      'Keep media private and let django-storages sign the URLs:\n\n' +
      'AWS_DEFAULT_ACL = None          # GS_DEFAULT_ACL = None\n' +
      'AWS_QUERYSTRING_AUTH = True     # GS_QUERYSTRING_AUTH = True\n\n' +
      'If some uploads really are public (avatars), give them their own storage class with default_acl = "public-read".',
    refs: [
      'https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html',
      'https://django-storages.readthedocs.io/en/latest/backends/gcloud.html',
      'https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html#canned-acl',
    ],
  },
  check(ctx) {
    const media = resolveStorage(ctx.project, ctx.workspace, 'default');
    if (!media || (media.backend !== 's3' && media.backend !== 'gcs')) return;
    const acl = effectiveAcl(media);
    if (acl?.value.kind !== 'str') return;
    const severity = PUBLIC_ACLS[media.backend][acl.value.value];
    if (!severity) return;
    const location = acl.location ?? media.location;
    const { confidence, related, unset } = explainOptions([acl], location);
    const because = unset.length ? ` (${unset.join(', ')} unset, so the code's default applies)` : '';
    const writable = severity === 'critical' ? ' and writable' : '';
    ctx.report({
      location,
      confidence,
      related,
      severity,
      message: `Media storage ${media.className} uploads every file world-readable${writable} (${describeOption(acl)})${because}`,
      snippet: `${media.className} ${acl.source} ${acl.value.value}`,
    });
  },
});
