/**
 * django/storage-custom-domain-unsigned — with AWS_S3_CUSTOM_DOMAIN, django-storages signs URLs only
 * through a CloudFront key pair; without one, "signed" media URLs are silently plain. Half a key pair
 * makes the storage raise ImproperlyConfigured.
 */
import type { DjangoRuleContext, FileLocation, StorageConfig, StorageOption } from '../../src/api/django.js';
import { defineRule, describeOption, effectiveAcl, explainOptions, resolveStorage, truthy } from '../../src/api/django.js';

const PUBLIC_S3_ACLS = ['public-read', 'public-read-write'];

/** Exactly one of the CloudFront key id and key is set (never describes the key's value). */
function halfKeyPair(storage: StorageConfig): { set: StorageOption; missing: StorageOption } | undefined {
  const id = storage.option('cloudfront_key_id');
  const key = storage.option('cloudfront_key');
  if (!id || !key) return undefined;
  const idSet = truthy(id.value);
  const keySet = truthy(key.value);
  if (idSet === undefined || keySet === undefined || idSet === keySet) return undefined;
  return idSet ? { set: id, missing: key } : { set: key, missing: id };
}

function reportHalfKeyPair(ctx: DjangoRuleContext, storage: StorageConfig, reported: Set<string>): void {
  const half = halfKeyPair(storage);
  if (!half) return;
  const location: FileLocation = half.set.location ?? storage.location;
  const key = `${location.file}:${location.line}:${location.column}`;
  if (reported.has(key)) return;
  reported.add(key);
  ctx.report({
    location,
    severity: 'high',
    confidence: explainOptions([half.set]).confidence,
    message:
      `${half.set.source} is set but ${half.missing.source} is not: django-storages raises ImproperlyConfigured ` +
      `when ${storage.className} is created, so every ${storage.alias === 'default' ? 'upload and media URL' : 'static URL'} fails`,
    snippet: `${half.set.source} without ${half.missing.source}`,
  });
}

export default defineRule({
  id: 'django/storage-custom-domain-unsigned',
  title: 'Media URLs on a custom domain are not signed',
  severity: 'medium',
  docs: {
    why:
      'When AWS_S3_CUSTOM_DOMAIN (custom_domain) is set, the S3 storage returns https://<domain>/<key> and signs it ' +
      'only with a CloudFront key pair (AWS_CLOUDFRONT_KEY_ID and AWS_CLOUDFRONT_KEY). Without the pair, ' +
      'querystring_auth = True does nothing: media links are plain, so they either fail (private bucket behind the CDN) ' +
      'or expose every upload through the CDN. Setting only one of the two keys is worse: the storage raises ' +
      'ImproperlyConfigured when it is created.',
    fix:
      'Either sign through CloudFront, with both keys from the environment:\n\n' +
      'AWS_CLOUDFRONT_KEY_ID = os.environ["AWS_CLOUDFRONT_KEY_ID"]\n' +
      'AWS_CLOUDFRONT_KEY = os.environ["AWS_CLOUDFRONT_KEY"].encode()\n\n' +
      'or drop the custom domain from the media storage (keep it for static files) so URLs are presigned by S3.',
    refs: [
      'https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html#cloudfront-signed-urls',
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PrivateContent.html',
    ],
  },
  check(ctx) {
    const reported = new Set<string>();
    const media = ctx.project.settings ? resolveStorage(ctx.project, ctx.workspace, 'default') : undefined;
    for (const alias of ['default', 'staticfiles'] as const) {
      const storage = alias === 'default' ? media : resolveStorage(ctx.project, ctx.workspace, alias);
      if (storage?.backend === 's3') reportHalfKeyPair(ctx, storage, reported);
    }
    if (media?.backend !== 's3') return;
    const domain = media.option('custom_domain');
    const auth = media.option('querystring_auth');
    const acl = effectiveAcl(media);
    const keyId = media.option('cloudfront_key_id');
    const key = media.option('cloudfront_key');
    if (!domain || !auth || !acl || !keyId || !key) return;
    if (truthy(domain.value) !== true || truthy(auth.value) !== true) return;
    if (truthy(keyId.value) !== false || truthy(key.value) !== false) return;
    // A public ACL is django/storage-public-media's finding; unknown ACLs say nothing.
    if (acl.value.kind !== 'none' && (acl.value.kind !== 'str' || PUBLIC_S3_ACLS.includes(acl.value.value))) return;
    const location = domain.location ?? media.location;
    const { confidence, related } = explainOptions([domain, auth], location);
    ctx.report({
      location,
      confidence,
      related,
      message:
        `Media storage ${media.className} serves files from a custom domain (${describeOption(domain)}) without a ` +
        `CloudFront key pair, so its URLs are unsigned although ${describeOption(auth)}`,
      snippet: `${media.className} ${domain.source}`,
    });
  },
});
