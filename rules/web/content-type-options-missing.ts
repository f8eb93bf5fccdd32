/** web/content-type-options-missing — X-Content-Type-Options: nosniff is missing. */
import { defineScanRule, firstHeader, pageResponse } from '../../src/api/web.js';

export default defineScanRule({
  id: 'web/content-type-options-missing',
  title: 'X-Content-Type-Options: nosniff is missing',
  severity: 'low',
  docs: {
    why:
      'Without nosniff, browsers may guess a response’s type from its content, so a user upload served as text can be ' +
      'run as script or style. Django’s SecurityMiddleware sends the header by default.',
    fix: 'SECURE_CONTENT_TYPE_NOSNIFF = True  # the default; make sure SecurityMiddleware is in MIDDLEWARE',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#x-content-type-options-nosniff'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    const value = firstHeader(page.headers, 'x-content-type-options');
    if (value?.trim().toLowerCase() === 'nosniff') return;
    ctx.report({
      message: value === undefined ? 'no X-Content-Type-Options header' : `X-Content-Type-Options is '${value}', not 'nosniff'`,
      location: { url: page.url },
    });
  },
});
