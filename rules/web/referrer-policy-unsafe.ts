/** web/referrer-policy-unsafe — a Referrer-Policy that leaks full URLs to other sites. */
import { defineScanRule, headerValues, pageResponse } from '../../src/api/web.js';

const KNOWN = ['no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url'];
const UNSAFE = new Set(['unsafe-url', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin']);

export default defineScanRule({
  id: 'web/referrer-policy-unsafe',
  title: 'Referrer-Policy leaks URLs to other sites',
  severity: 'low',
  docs: {
    why:
      'URLs often carry tokens and identifiers (password-reset links, search terms, object ids). A permissive ' +
      'Referrer-Policy sends them to every third-party site a page links to or loads from. Django sends `same-origin` by default.',
    fix: 'SECURE_REFERRER_POLICY = "same-origin"  # or "strict-origin-when-cross-origin"',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#referrer-policy'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    const values = headerValues(page.headers, 'referrer-policy');
    // The last token the browser recognises wins (a comma list is a fallback chain).
    const tokens = values.flatMap((v) => v.split(',')).map((t) => t.trim().toLowerCase());
    const effective = tokens.filter((t) => KNOWN.includes(t)).at(-1);
    if (effective === undefined) {
      ctx.report({
        message: values.length ? `Referrer-Policy '${values.join(', ')}' is not recognised` : 'no Referrer-Policy header (browsers fall back to their default)',
        location: { url: page.url },
        severity: 'info',
      });
    } else if (UNSAFE.has(effective)) {
      ctx.report({ message: `Referrer-Policy '${effective}' sends URLs to other sites`, location: { url: page.url } });
    }
  },
});
