/** web/mixed-content — an HTTPS page that loads scripts, style sheets, frames or media over plain HTTP. */
import { defineScanRule, firstHeader, mixedContent, pageResponse } from '../../src/api/web.js';
import type { MixedResource } from '../../src/api/web.js';

function isHtml(contentType: string | undefined): boolean {
  return contentType === undefined || /text\/html|application\/xhtml\+xml/i.test(contentType);
}

function evidence(resources: MixedResource[]): string {
  const shown = resources.slice(0, 3).map((r) => `${r.foundIn} ${r.url}`);
  return resources.length > shown.length ? `${shown.join(', ')} (+${resources.length - shown.length} more)` : shown.join(', ');
}

export default defineScanRule({
  id: 'web/mixed-content',
  title: 'HTTPS page loads resources over plain HTTP',
  severity: 'high',
  docs: {
    why:
      'A script, style sheet or frame fetched over http:// can be replaced by anyone on the network, and then runs with ' +
      'the page’s full power: HTTPS on the page protects nothing. Browsers block such active mixed content, so the page ' +
      'also breaks. Images, audio and video over http:// (passive mixed content) can be watched or swapped, and browsers ' +
      'upgrade or warn about them.',
    fix:
      'Serve every asset over HTTPS: https:// (or relative) URLs in templates, STATIC_URL / MEDIA_URL / the storage ' +
      'custom domain with https://, AWS_S3_URL_PROTOCOL = "https:". As a safety net, a CSP with ' +
      '`upgrade-insecure-requests`.',
    refs: ['https://developer.mozilla.org/en-US/docs/Web/Security/Mixed_content', 'https://www.w3.org/TR/mixed-content/'],
  },
  check(ctx) {
    const page = pageResponse(ctx.scan);
    if (!page || !page.url.startsWith('https:') || !isHtml(firstHeader(page.headers, 'content-type'))) return;
    const resources = mixedContent(page.body);
    for (const active of [true, false]) {
      const group = resources.filter((r) => r.active === active);
      if (!group.length) continue;
      const kind = active ? 'active' : 'passive';
      ctx.report({
        message: `the HTTPS page loads ${group.length} ${kind === 'active' ? 'script/style/frame' : 'image/media'} resource${group.length === 1 ? '' : 's'} over plain HTTP`,
        location: { url: page.url },
        evidence: evidence(group),
        about: `${kind} mixed content`,
        ...(active ? {} : { severity: 'low' as const }),
      });
    }
  },
});
