/** web/signed-url-long-expiry — signed storage URLs that stay valid for more than a week. */
import { defineScanRule } from '../../src/api/web.js';

const WEEK_SECONDS = 7 * 86_400;

export default defineScanRule({
  id: 'web/signed-url-long-expiry',
  title: 'Signed URLs stay valid for too long',
  severity: 'low',
  docs: {
    why:
      'A signed URL is a bearer token: whoever has it can fetch the object until it expires. URLs valid for weeks or ' +
      'years end up in logs, caches and shared links, and behave like public ones (SigV4 itself refuses more than 7 days).',
    fix: 'Sign for minutes to hours: AWS_QUERYSTRING_EXPIRE = 3600, GS_EXPIRATION = timedelta(hours=1), AZURE_URL_EXPIRATION_SECS = 3600.',
    refs: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html'],
  },
  check(ctx) {
    const now = Date.parse(ctx.scan.startedAt);
    for (const asset of ctx.scan.assets) {
      const signature = asset.signature;
      if (!signature) continue;
      const remaining = signature.expiresAt ? (Date.parse(signature.expiresAt) - now) / 1000 : undefined;
      const lifetime = signature.lifetimeSeconds ?? remaining;
      if (lifetime === undefined || lifetime <= WEEK_SECONDS) continue;
      ctx.report({
        message: `a ${signature.scheme} signed URL is valid for ${Math.round(lifetime / 86_400)} days`,
        location: { url: asset.url.split('?')[0]! },
        snippet: `long signed url ${signature.scheme}`,
      });
      return;
    }
  },
});
