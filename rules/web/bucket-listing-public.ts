/** web/bucket-listing-public — a storage bucket used by the page lists its contents to anyone. */
import { BUCKET_PROBE_PREFIX, defineScanRule, isSuccess } from '../../src/api/web.js';

const LISTING = /<ListBucketResult[\s>]|<EnumerationResults[\s>]/;

export default defineScanRule({
  id: 'web/bucket-listing-public',
  title: 'Storage bucket listing is public',
  severity: 'high',
  docs: {
    why:
      'When anyone can list the bucket that holds static or media files, every object in it can be enumerated and ' +
      'downloaded: user uploads, exports and backups that were never linked from a page.',
    fix:
      'S3: turn on Block Public Access and remove s3:ListBucket for "*" from the bucket policy; GCS: drop allUsers ' +
      'storage.objects.list; Azure: container access level Blob or Private, not Container.',
    refs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html', 'https://django-storages.readthedocs.io/'],
  },
  check(ctx) {
    for (const [id, probe] of Object.entries(ctx.scan.probes)) {
      if (!id.startsWith(BUCKET_PROBE_PREFIX) || !isSuccess(probe.response) || !LISTING.test(probe.response.body)) continue;
      const keys = (probe.response.body.match(/<(Key|Name)>/g) ?? []).length;
      ctx.report({ message: `the bucket at ${probe.request.url} lists its contents publicly`, location: { url: probe.request.url }, evidence: `${keys} entr${keys === 1 ? 'y' : 'ies'} in the first page` });
    }
  },
});
