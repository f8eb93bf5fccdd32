/** web/corp-missing — the page does not say who may embed it (Cross-Origin-Resource-Policy). */
import { defineScanRule, headerValues, pageResponse } from '../../src/api/web.js';

const KNOWN = new Set(['same-origin', 'same-site', 'cross-origin']);

export default defineScanRule({
  id: 'web/corp-missing',
  title: 'Cross-Origin-Resource-Policy is missing or invalid',
  severity: 'info',
  docs: {
    why:
      'CORP tells the browser whether other sites may load a response as an image, script or frame resource. Without it, ' +
      'any site can pull the response into its own process, where Spectre-style attacks can read it. `same-origin` (or ' +
      '`same-site`) keeps authenticated pages out of other sites’ processes.',
    fix:
      'nginx: `add_header Cross-Origin-Resource-Policy same-origin always;` (use `cross-origin` only on files meant ' +
      'for embedding elsewhere, such as a public CDN path), or set it in a middleware.',
    refs: ['https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cross-Origin-Resource-Policy', 'https://resourcepolicy.fyi/'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page) return;
    const values = headerValues(page.headers, 'cross-origin-resource-policy');
    const value = values[0]?.trim().toLowerCase();
    if (values.length === 1 && value !== undefined && KNOWN.has(value)) return;
    if (values.length === 0) {
      ctx.report({ message: 'no Cross-Origin-Resource-Policy header: any site may load this page as a resource', location: { url: page.url } });
      return;
    }
    ctx.report({
      message: values.length > 1 ? `Cross-Origin-Resource-Policy is sent ${values.length} times; browsers ignore it` : `Cross-Origin-Resource-Policy '${values[0]}' is not a valid value; browsers ignore it`,
      location: { url: page.url },
      evidence: values.join(', '),
      severity: 'low',
    });
  },
});
