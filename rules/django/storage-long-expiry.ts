/**
 * django/storage-long-expiry — signed URLs asked to live longer than SigV4 / GCS v4 allow (7 days):
 * S3 rejects them, google-cloud-storage refuses to sign them.
 */
import { defineRule, describeOption, durationSeconds, explainOptions, resolveStorage, truthy } from '../../src/api/django.js';

const MAX_SIGNED_SECONDS = 7 * 24 * 3600;

export default defineRule({
  id: 'django/storage-long-expiry',
  title: 'Signed storage URLs are set to last longer than 7 days',
  severity: 'medium',
  docs: {
    why:
      'Presigned URLs use Signature Version 4 on S3 and v4 signing on Google Cloud Storage, and both cap a URL\'s life ' +
      'at 7 days (604800 seconds). With AWS_QUERYSTRING_EXPIRE / querystring_expire above that, S3 answers every media ' +
      'link with an error; with GS_EXPIRATION / expiration above it, google-cloud-storage raises while building the ' +
      'URL. Long lifetimes are also a smell: a signed link is a bearer token that anyone it is shared with can use.',
    fix:
      'Keep signed URLs short-lived:\n\n' +
      'AWS_QUERYSTRING_EXPIRE = 3600                 # seconds, the default\n' +
      'GS_EXPIRATION = timedelta(hours=1)            # default: 1 day',
    refs: [
      'https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html',
      'https://cloud.google.com/storage/docs/access-control/signed-urls',
      'https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html',
    ],
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const alias of ['default', 'staticfiles'] as const) {
      const storage = resolveStorage(ctx.project, ctx.workspace, alias);
      if (!storage || (storage.backend !== 's3' && storage.backend !== 'gcs')) continue;
      const auth = storage.option('querystring_auth');
      const expiry = storage.option(storage.backend === 's3' ? 'querystring_expire' : 'expiration');
      if (!auth || !expiry || truthy(auth.value) !== true) continue;
      // Legacy SigV2 ('s3') has no 7-day limit.
      const signature = storage.option('signature_version');
      if (signature && (signature.value.kind === 'unknown' || (signature.value.kind === 'str' && signature.value.value === 's3'))) continue;
      const seconds = durationSeconds(expiry.value);
      if (seconds === undefined || seconds <= MAX_SIGNED_SECONDS) continue;
      const location = expiry.location ?? storage.location;
      const key = `${location.file}:${location.line}:${location.column}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const { confidence, related } = explainOptions([expiry, auth], location);
      const effect = storage.backend === 's3' ? 'S3 rejects the signed URLs' : 'signing the URLs raises an error';
      ctx.report({
        location,
        confidence,
        related,
        message:
          `${storage.alias === 'default' ? 'Media' : 'Static'} storage ${storage.className} signs URLs for ` +
          `${Math.round(seconds)} s (${describeOption(expiry)}), more than the 7-day (604800 s) maximum: ${effect}`,
        snippet: `${storage.className} ${expiry.source}`,
      });
    }
  },
});
