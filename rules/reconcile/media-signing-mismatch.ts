/**
 * reconcile/media-signing-mismatch — django-storages is configured to sign media URLs, but the live
 * page links media on that bucket unsigned; or it does sign, while the bucket lists its contents publicly.
 */
import type { StorageOption } from '../../src/api/reconcile.js';
import { defineReconcileRule, describeOption, explainOptions, isS3StaticClass, resolveStorage, truthy } from '../../src/api/reconcile.js';

/** The options that make django-storages sign media URLs, when it is known to; undefined otherwise. */
function signingOptions(media: NonNullable<ReturnType<typeof resolveStorage>>): StorageOption[] | undefined {
  if ((media.backend !== 's3' && media.backend !== 'gcs') || isS3StaticClass(media.libraryClass)) return undefined;
  const auth = media.option('querystring_auth');
  if (!auth || truthy(auth.value) !== true) return undefined;
  // S3 with a custom domain, and GCS with a publicRead ACL, build plain URLs whatever querystring_auth says.
  const bypass = media.option(media.backend === 's3' ? 'custom_domain' : 'default_acl');
  if (!bypass) return undefined;
  if (media.backend === 's3' && truthy(bypass.value) !== false) return undefined;
  if (media.backend === 'gcs' && bypass.value.kind !== 'none' && (bypass.value.kind !== 'str' || bypass.value.value === 'publicRead')) return undefined;
  return [auth, bypass];
}

export default defineReconcileRule({
  id: 'reconcile/media-signing-mismatch',
  title: 'The settings sign media URLs, the live site disagrees',
  severity: 'medium',
  docs: {
    why:
      'The media storage production was inferred to run signs its URLs (django-storages with querystring_auth on, no ' +
      'custom domain or public ACL), so uploads should only be reachable through short-lived signed links. Yet the ' +
      'running site links media on that bucket without a signature: production runs other settings, or templates ' +
      'build the URLs by hand, and the objects must be public for those links to work. Or the links are signed but ' +
      'the bucket also lists its contents to anyone, so every object can be enumerated and the signatures protect nothing.',
    fix:
      'Build media URLs only through the storage (`{{ obj.file.url }}`), check the storage settings the host really ' +
      'uses, and keep the bucket private: S3 Block Public Access and no public s3:ListBucket, GCS without allUsers.',
    refs: ['https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html', 'https://django-storages.readthedocs.io/en/latest/backends/gcloud.html'],
  },
  check(ctx) {
    if (!ctx.workspace) return;
    const media = resolveStorage(ctx.project, ctx.workspace, 'default');
    const options = media && signingOptions(media);
    if (!media || !options) return;
    const [auth] = options;
    const location = auth!.location ?? media.location;
    const { confidence, related } = explainOptions(options, location);
    const signs = `${media.className} signs media URLs (${options.map(describeOption).join(', ')})`;
    const onBucket = ctx.scan.assets.filter((asset) => asset.provider === media.backend && asset.role === 'media');

    const unsigned = onBucket.filter((asset) => !asset.signature);
    if (unsigned.length) {
      for (const twin of ctx.live.filter((finding) => finding.rule === 'web/media-unsigned')) ctx.supersede(twin);
      ctx.report({
        location,
        confidence,
        about: 'unsigned media',
        message:
          `${signs}, but the live page links ${unsigned.length} media URL${unsigned.length === 1 ? '' : 's'} on ${media.backend} unsigned: ` +
          'production runs other storage settings, or the URLs are built by hand and the objects are public',
        related: [...unsigned.slice(0, 3).map((asset) => ({ location: { url: asset.url }, message: `unsigned ${asset.foundIn}` })), ...related],
      });
    }

    // Signed links, but the bucket they point into lists publicly (web/bucket-listing-public judged the listing).
    const listings = new Set(onBucket.flatMap((asset) => (asset.signature && asset.listingUrl ? [asset.listingUrl] : [])));
    const listed = ctx.live.filter((finding) => finding.rule === 'web/bucket-listing-public' && 'url' in finding.location && listings.has(finding.location.url));
    const [first] = listed;
    if (!first || !('url' in first.location)) return;
    for (const twin of listed) ctx.supersede(twin);
    ctx.report({
      location,
      confidence,
      severity: 'high',
      about: 'public listing',
      message: `${signs}, but the bucket behind those signed links lists its contents publicly at ${first.location.url}: anyone can enumerate the objects the signatures protect`,
      related: [{ location: { url: first.location.url }, message: first.message }, ...related],
    });
  },
});
