/**
 * Asset URLs on a page (img/script/link/source/…), with cloud-storage hosts recognised and the
 * signature of a signed URL read from its query string (S3 SigV4/V2, GCS V4/V2, Azure SAS, CloudFront).
 */
import type { AssetUrl, StorageProvider, UrlSignature } from './types.js';

const TAG = /<(img|script|link|source|video|audio|iframe|embed|object)\b([^>]*)>/gi;
const ATTRIBUTE = /([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/g;
const URL_ATTRIBUTES = new Set(['src', 'href', 'srcset', 'poster', 'data-src', 'data']);
const MAX_ASSETS = 200;

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&#x2f;/gi, '/').replace(/&#47;/g, '/').replace(/&quot;/g, '"');
}

export function storageProvider(host: string): StorageProvider | undefined {
  const h = host.toLowerCase();
  if (/(^|\.)s3([.-][\w-]+)*\.amazonaws\.com(\.cn)?$/.test(h)) return 's3';
  if (h === 'storage.googleapis.com' || h.endsWith('.storage.googleapis.com')) return 'gcs';
  if (h.endsWith('.blob.core.windows.net')) return 'azure';
  if (h.endsWith('.cloudfront.net')) return 'cloudfront';
  return undefined;
}

/** The URL that would list the bucket or container holding `url`. */
export function listingUrl(url: URL, provider: StorageProvider): string | undefined {
  const host = url.hostname.toLowerCase();
  const firstSegment = url.pathname.split('/').filter(Boolean)[0];
  switch (provider) {
    case 's3':
      // Virtual-hosted style (`bucket.s3.amazonaws.com`) lists at `/`; path style names the bucket first.
      if (/^s3([.-][\w-]+)*\.amazonaws\.com(\.cn)?$/.test(host)) return firstSegment ? `${url.origin}/${firstSegment}/` : undefined;
      return `${url.origin}/`;
    case 'gcs':
      if (host === 'storage.googleapis.com') return firstSegment ? `${url.origin}/${firstSegment}` : undefined;
      return `${url.origin}/`;
    case 'azure':
      return firstSegment ? `${url.origin}/${firstSegment}?restype=container&comp=list` : undefined;
    case 'cloudfront':
      return `${url.origin}/`;
  }
}

function numberParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
}

/** `20250101T000000Z` (SigV4 / GCS V4 date) → epoch ms. */
function compactDate(value: string | null): number | undefined {
  const m = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  return m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : undefined;
}

function isoAfter(start: number | undefined, seconds: number | undefined): string | undefined {
  return start !== undefined && seconds !== undefined ? new Date(start + seconds * 1000).toISOString() : undefined;
}

function epochIso(seconds: number | undefined): string | undefined {
  return seconds !== undefined ? new Date(seconds * 1000).toISOString() : undefined;
}

/** Read the signature scheme and expiry from a URL's query string; undefined for an unsigned URL. */
export function urlSignature(url: URL): UrlSignature | undefined {
  // Parameter names are case-insensitive in practice (S3 accepts any case).
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) params.set(key.toLowerCase(), value);
  const has = (name: string) => params.has(name);
  if (has('x-amz-signature')) {
    const lifetime = numberParam(params, 'x-amz-expires');
    const expiresAt = isoAfter(compactDate(params.get('x-amz-date')), lifetime);
    return { scheme: 'aws-v4', ...(lifetime !== undefined ? { lifetimeSeconds: lifetime } : {}), ...(expiresAt ? { expiresAt } : {}) };
  }
  if (has('x-goog-signature')) {
    const lifetime = numberParam(params, 'x-goog-expires');
    const expiresAt = isoAfter(compactDate(params.get('x-goog-date')), lifetime);
    return { scheme: 'gcs-v4', ...(lifetime !== undefined ? { lifetimeSeconds: lifetime } : {}), ...(expiresAt ? { expiresAt } : {}) };
  }
  if (has('sig') && (has('se') || has('sv'))) {
    const se = params.get('se');
    const parsed = se ? Date.parse(se) : NaN;
    return { scheme: 'azure-sas', ...(Number.isNaN(parsed) ? {} : { expiresAt: new Date(parsed).toISOString() }) };
  }
  if (has('signature') && has('key-pair-id')) {
    const expiresAt = epochIso(numberParam(params, 'expires'));
    return { scheme: 'cloudfront', ...(expiresAt ? { expiresAt } : {}) };
  }
  if (has('signature') && (has('awsaccesskeyid') || has('googleaccessid'))) {
    const expiresAt = epochIso(numberParam(params, 'expires'));
    return { scheme: has('awsaccesskeyid') ? 'aws-v2' : 'gcs-v2', ...(expiresAt ? { expiresAt } : {}) };
  }
  return undefined;
}

function roleOf(url: URL): AssetUrl['role'] {
  const segments = url.pathname.toLowerCase().split('/');
  if (segments.includes('media') || segments.includes('uploads')) return 'media';
  if (segments.includes('static')) return 'static';
  return 'other';
}

function candidates(tag: string, attribute: string, value: string): string[] {
  if (tag === 'link' && attribute === 'href') return [value];
  if (attribute === 'srcset') return value.split(',').map((part) => part.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  return attribute === 'href' ? [] : [value];
}

/** The asset URLs referenced by an HTML page, absolute, deduplicated, at most 200. */
export function discoverAssets(html: string, pageUrl: string): AssetUrl[] {
  const found = new Map<string, AssetUrl>();
  for (const tagMatch of html.matchAll(TAG)) {
    const tag = tagMatch[1]!.toLowerCase();
    for (const attr of (tagMatch[2] ?? '').matchAll(ATTRIBUTE)) {
      const attribute = attr[1]!.toLowerCase();
      if (!URL_ATTRIBUTES.has(attribute)) continue;
      for (const raw of candidates(tag, attribute, decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? ''))) {
        let url: URL;
        try {
          url = new URL(raw, pageUrl);
        } catch {
          continue;
        }
        if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
        if (found.has(url.href)) continue;
        const provider = storageProvider(url.hostname);
        const signature = urlSignature(url);
        const listing = provider ? listingUrl(url, provider) : undefined;
        found.set(url.href, {
          url: url.href,
          foundIn: `${tag}[${attribute}]`,
          role: roleOf(url),
          ...(provider ? { provider } : {}),
          ...(signature ? { signature } : {}),
          ...(listing ? { listingUrl: listing } : {}),
        });
        if (found.size >= MAX_ASSETS) return [...found.values()];
      }
    }
  }
  return [...found.values()];
}
