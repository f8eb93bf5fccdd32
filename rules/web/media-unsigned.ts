/** web/media-unsigned — user uploads served from a bucket by plain, unsigned URLs. */
import { defineScanRule } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/media-unsigned',
  title: 'Media files are served from a bucket without signed URLs',
  severity: 'medium',
  docs: {
    why:
      'Unsigned URLs for MEDIA (user uploads) mean the objects are public for anyone who guesses or once saw a URL, ' +
      'forever. Static files are meant to be public; uploads usually are not. django-storages signs S3 URLs by default, ' +
      'but not with a custom domain, a public ACL, or querystring auth turned off.',
    fix:
      'Keep the media bucket private and sign: AWS_QUERYSTRING_AUTH = True (and no AWS_S3_CUSTOM_DOMAIN for media unless ' +
      'CloudFront signs), GS_QUERYSTRING_AUTH = True, AZURE_URL_EXPIRATION_SECS = 3600.',
    refs: ['https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html'],
  },
  check(ctx) {
    const unsigned = ctx.scan.assets.filter((asset) => asset.provider && asset.role === 'media' && !asset.signature);
    const [first, ...others] = unsigned;
    if (!first) return;
    ctx.report({
      message: `${unsigned.length} media URL${unsigned.length === 1 ? '' : 's'} on ${first.provider} ${unsigned.length === 1 ? 'is' : 'are'} not signed`,
      location: { url: first.url },
      related: others.slice(0, 5).map((asset) => ({ location: { url: asset.url }, message: 'also unsigned' })),
      snippet: `unsigned media on ${first.provider}`,
    });
  },
});
