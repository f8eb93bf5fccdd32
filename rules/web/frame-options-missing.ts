/** web/frame-options-missing — neither X-Frame-Options nor CSP frame-ancestors protects against framing. */
import { defineScanRule, firstHeader, pagePolicies, pageResponse } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/frame-options-missing',
  title: 'The page can be framed by any site (clickjacking)',
  severity: 'medium',
  docs: {
    why:
      'A page that any site can load in an iframe can be overlaid with a decoy so that users click buttons they cannot ' +
      'see (clickjacking). X-Frame-Options (DENY or SAMEORIGIN) or CSP frame-ancestors tells browsers not to allow it.',
    fix: 'Keep django.middleware.clickjacking.XFrameOptionsMiddleware in MIDDLEWARE; X_FRAME_OPTIONS = "DENY" (the default).',
    refs: ['https://docs.djangoproject.com/en/stable/ref/clickjacking/'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    // Browsers ignore frame-ancestors in a <meta> policy.
    if (pagePolicies(page).some((policy) => policy.from === 'header' && policy.directives.has('frame-ancestors'))) return;
    const value = firstHeader(page.headers, 'x-frame-options');
    const normalised = value?.trim().toUpperCase();
    if (normalised === 'DENY' || normalised === 'SAMEORIGIN') return;
    ctx.report({
      message: value === undefined ? 'no X-Frame-Options header and no CSP frame-ancestors' : `X-Frame-Options '${value}' is not DENY or SAMEORIGIN`,
      location: { url: page.url },
    });
  },
});
