/**
 * Mixed content: the plain-http:// subresources an HTML page loads. Active content (scripts, style
 * sheets, frames, plugins) can rewrite the whole page when swapped on the network; passive content
 * (images, audio, video) can only be seen or replaced.
 */
const TAG = /<(script|link|iframe|frame|embed|object|img|audio|video|source|track)\b([^>]*)>/gi;
const ATTRIBUTE = /([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const ACTIVE = new Set(['script', 'link', 'iframe', 'frame', 'embed', 'object']);
/** The attributes each element loads from (a link only when it is a style sheet). */
const LOADS: Record<string, string[]> = {
  script: ['src'],
  link: ['href'],
  iframe: ['src'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  img: ['src', 'srcset'],
  audio: ['src'],
  video: ['src', 'poster'],
  source: ['src', 'srcset'],
  track: ['src'],
};
const MAX_RESOURCES = 100;

export interface MixedResource {
  url: string;
  /** `script[src]`, `img[srcset]`, … */
  foundIn: string;
  active: boolean;
}

function urlsOf(attribute: string, value: string): string[] {
  if (attribute !== 'srcset') return [value.trim()];
  return value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '').filter(Boolean);
}

/** The http:// resources an HTML page loads (links in <a href> are navigation, not loads), deduplicated. */
export function mixedContent(html: string): MixedResource[] {
  const found = new Map<string, MixedResource>();
  const text = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const tagMatch of text.matchAll(TAG)) {
    const tag = tagMatch[1]!.toLowerCase();
    const attributes = new Map<string, string>();
    for (const attr of (tagMatch[2] ?? '').matchAll(ATTRIBUTE)) {
      const name = attr[1]!.toLowerCase();
      if (!attributes.has(name)) attributes.set(name, (attr[2] ?? attr[3] ?? attr[4] ?? '').replace(/&amp;/g, '&'));
    }
    if (tag === 'link' && !/(^|\s)stylesheet(\s|$)/i.test(attributes.get('rel') ?? '')) continue;
    for (const attribute of LOADS[tag] ?? []) {
      for (const url of urlsOf(attribute, attributes.get(attribute) ?? '')) {
        if (!/^http:\/\//i.test(url) || found.has(url)) continue;
        found.set(url, { url, foundIn: `${tag}[${attribute}]`, active: ACTIVE.has(tag) });
        if (found.size >= MAX_RESOURCES) return [...found.values()];
      }
    }
  }
  return [...found.values()];
}
