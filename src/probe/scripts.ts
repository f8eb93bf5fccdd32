const SCRIPT = /<script\b([^>]*)>/gi;
const ATTRIBUTE = /([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

export interface PageScript {
  src: string;
  integrity?: string;
}

/** `<script src>` tags of an HTML page (inline scripts have nothing to check). */
export function pageScripts(html: string): PageScript[] {
  const scripts: PageScript[] = [];
  for (const tag of html.matchAll(SCRIPT)) {
    const attributes = new Map<string, string>();
    for (const attr of (tag[1] ?? '').matchAll(ATTRIBUTE)) {
      const name = attr[1]!.toLowerCase();
      if (!attributes.has(name)) attributes.set(name, (attr[2] ?? attr[3] ?? attr[4] ?? '').replace(/&amp;/g, '&'));
    }
    const src = attributes.get('src');
    if (src) scripts.push({ src, ...(attributes.has('integrity') ? { integrity: attributes.get('integrity')! } : {}) });
  }
  return scripts;
}

/**
 * The site a host belongs to, approximately: the last two labels, or three under a two-letter
 * country code with a short second level (example.co.uk). Without the Public Suffix List this is a
 * heuristic; it errs on treating hosts as foreign.
 */
export function siteOf(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(h) || h.includes(':')) return h;
  const labels = h.split('.');
  const keep = labels.length >= 3 && labels.at(-1)!.length === 2 && labels.at(-2)!.length <= 3 ? 3 : 2;
  return labels.slice(-keep).join('.');
}
