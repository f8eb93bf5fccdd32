/** web/hsts-short — HSTS max-age shorter than six months (or zero). */
import { defineScanRule, firstHeader, httpsHops } from '../../src/api/web.js';

/** Six months, the threshold the Observatory and testssl.sh use. */
const HSTS_MIN_SECONDS = 15_552_000;

function hstsMaxAge(value: string): number | undefined {
  const match = /(?:^|;)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match ? Number(match[1]) : undefined;
}

export default defineScanRule({
  id: 'web/hsts-short',
  title: 'HSTS max-age is too short',
  severity: 'low',
  docs: {
    why:
      'Browsers forget HSTS when max-age runs out; a short max-age (or max-age=0, which switches HSTS off) leaves ' +
      'returning visitors open to a downgrade again. Six months is the usual minimum, a year the usual target.',
    fix: 'SECURE_HSTS_SECONDS = 31536000',
    refs: ['https://docs.djangoproject.com/en/stable/ref/settings/#secure-hsts-seconds'],
  },
  check(ctx) {
    for (const hop of httpsHops(ctx.scan)) {
      const value = firstHeader(hop.headers, 'strict-transport-security');
      if (value === undefined) continue;
      const maxAge = hstsMaxAge(value);
      if (maxAge === undefined) {
        ctx.report({ message: `Strict-Transport-Security has no valid max-age, so browsers ignore it`, location: { url: hop.url }, evidence: value });
      } else if (maxAge < HSTS_MIN_SECONDS) {
        ctx.report({ message: `HSTS max-age is ${maxAge} s (${Math.floor(maxAge / 86400)} days), under six months`, location: { url: hop.url }, evidence: value });
      }
    }
  },
});
