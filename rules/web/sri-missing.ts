/** web/sri-missing — scripts from other sites without Subresource Integrity. */
import { defineScanRule, firstHeader, pageResponse, pageScripts, siteOf } from '../../src/api/web.js';

const HASH = /(^|\s)sha(256|384|512)-[A-Za-z0-9+/=_-]+/;

function isHtml(contentType: string | undefined): boolean {
  return contentType === undefined || /text\/html|application\/xhtml\+xml/i.test(contentType);
}

export default defineScanRule({
  id: 'web/sri-missing',
  title: 'Third-party scripts load without Subresource Integrity',
  severity: 'low',
  docs: {
    why:
      'A script from a CDN runs with the page’s full power. If the CDN or the package is compromised, every visitor runs ' +
      'the attacker’s code. An `integrity` hash makes the browser refuse a file that changed. Over plain HTTP anyone on ' +
      'the network can swap the script, so that case is worse.',
    fix:
      '<script src="https://cdn.example.com/lib.min.js" integrity="sha384-…" crossorigin="anonymous"></script>\n\n' +
      '(`openssl dgst -sha384 -binary lib.min.js | openssl base64 -A`), or serve the file yourself from STATIC_URL.',
    refs: ['https://developer.mozilla.org/en-US/docs/Web/Security/Subresource_Integrity', 'https://www.srihash.org/'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page || !isHtml(firstHeader(page.headers, 'content-type'))) return;
    const pageUrl = new URL(page.url);
    const foreign = pageScripts(page.body).flatMap((script) => {
      let url: URL;
      try {
        url = new URL(script.src, pageUrl);
      } catch {
        return [];
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || siteOf(url.hostname) === siteOf(pageUrl.hostname)) return [];
      return HASH.test(script.integrity ?? '') ? [] : [url];
    });
    const [first, ...others] = foreign;
    if (!first) return;
    const plain = foreign.some((url) => url.protocol === 'http:');
    ctx.report({
      message: `${foreign.length} script${foreign.length === 1 ? '' : 's'} from another site load${foreign.length === 1 ? 's' : ''} without an integrity hash${plain ? ', over plain HTTP' : ''}`,
      location: { url: page.url },
      evidence: foreign.slice(0, 3).map((url) => url.href).join(', '),
      related: others.slice(0, 5).map((url) => ({ location: { url: url.href }, message: 'also without integrity' })),
      snippet: `sri ${first.host}`,
      ...(plain ? { severity: 'medium' as const } : {}),
    });
  },
});
