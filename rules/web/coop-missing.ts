/** web/coop-missing — the page does not isolate its browsing context (Cross-Origin-Opener-Policy). */
import { defineScanRule, headerValues, pageResponse } from '../../src/api/web.js';

const ISOLATING = new Set(['same-origin', 'same-origin-allow-popups', 'noopener-allow-popups']);
const KNOWN = new Set([...ISOLATING, 'unsafe-none']);

export default defineScanRule({
  id: 'web/coop-missing',
  title: 'Cross-Origin-Opener-Policy does not isolate the page',
  severity: 'info',
  docs: {
    why:
      'Without COOP, a page that another site opened in a popup (or that opens one) shares a browsing context group with ' +
      'it: the other site keeps a window reference, can navigate the page and can mount cross-window leaks and ' +
      'Spectre-style side channels. Django 4.0+ sends `same-origin` by default; Django 3.2 cannot send it without help.',
    fix:
      'SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"  # Django 4.0+, the default\n\n' +
      'On Django 3.2: `add_header Cross-Origin-Opener-Policy same-origin always;` in nginx, or a small middleware.',
    refs: ['https://docs.djangoproject.com/en/stable/ref/middleware/#cross-origin-opener-policy', 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Opener-Policy'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    const values = headerValues(page.headers, 'cross-origin-opener-policy');
    // The structured-header token, without parameters such as `; report-to="x"`.
    const value = values[0]?.split(';')[0]!.trim().toLowerCase();
    if (value !== undefined && ISOLATING.has(value) && values.length === 1) return;
    let message = 'no Cross-Origin-Opener-Policy header: other sites that open this page keep a handle on it';
    let severity: 'info' | 'low' = 'info';
    if (values.length > 1) {
      message = `Cross-Origin-Opener-Policy is sent ${values.length} times; browsers ignore it`;
      severity = 'low';
    } else if (value !== undefined && !KNOWN.has(value)) {
      message = `Cross-Origin-Opener-Policy '${values[0]}' is not a valid value; browsers ignore it`;
      severity = 'low';
    } else if (value === 'unsafe-none') {
      message = 'Cross-Origin-Opener-Policy is unsafe-none: the page is not isolated from its opener or popups';
    }
    ctx.report({ message, location: { url: page.url }, ...(values.length ? { evidence: values.join(', ') } : {}), severity });
  },
});
