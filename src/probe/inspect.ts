/** Read-only helpers the scan rules share: which responses to look at and how to read their headers. */
import { firstHeader, headerValues } from './headers.js';
import { BUCKET_PROBE_PREFIX, PROBE, SOURCE_MAP_PROBE_PREFIX } from './types.js';
import type { Cookie, HeaderList, ProbeResponse, ScanObservations } from './types.js';

export { firstHeader, headerValues };

/** Responses of the site's own pages and endpoints: every site response except the source maps (they hold source code). */
export function pageLikeResponses(scan: ScanObservations): [string, ProbeResponse][] {
  return siteResponses(scan).filter(([id]) => !id.startsWith(SOURCE_MAP_PROBE_PREFIX));
}

/** The source-map probes that answered, with the map URL. */
export function sourceMapResponses(scan: ScanObservations): [string, ProbeResponse][] {
  return Object.entries(scan.probes).flatMap(([id, probe]) =>
    probe.response && id.startsWith(SOURCE_MAP_PROBE_PREFIX) ? [[id.slice(SOURCE_MAP_PROBE_PREFIX.length), probe.response] as [string, ProbeResponse]] : [],
  );
}

/** The page the user asked about, after redirects. */
export function pageResponse(scan: ScanObservations): ProbeResponse | undefined {
  return scan.probes[PROBE.page]?.response;
}

/** The final response of a probe, if any. */
export function responseOf(scan: ScanObservations, id: string): ProbeResponse | undefined {
  return scan.probes[id]?.response;
}

/** Responses from the site itself (every probe except bucket listings), with their probe id. */
export function siteResponses(scan: ScanObservations): [string, ProbeResponse][] {
  return Object.entries(scan.probes).flatMap(([id, probe]) =>
    probe.response && !id.startsWith(BUCKET_PROBE_PREFIX) ? [[id, probe.response] as [string, ProbeResponse]] : [],
  );
}

/** Every HTTPS response of the http→https redirect and of the page, hops included: HSTS belongs on each. */
export function httpsHops(scan: ScanObservations): { url: string; headers: HeaderList }[] {
  const hops: { url: string; headers: HeaderList }[] = [];
  const seen = new Set<string>();
  for (const id of [PROBE.page, PROBE.http]) {
    const response = scan.probes[id]?.response;
    if (!response) continue;
    for (const hop of [...response.redirects, { url: response.url, headers: response.headers }]) {
      if (!hop.url.startsWith('https:') || seen.has(hop.url)) continue;
      seen.add(hop.url);
      hops.push({ url: hop.url, headers: hop.headers });
    }
  }
  return hops;
}

/**
 * Cookies the site set (on any probe, hops included), one per name: the page's own first, then the
 * other probes' by id, so that where a cookie is reported does not depend on which probe finished first.
 */
export function siteCookies(scan: ScanObservations): Cookie[] {
  const byName = new Map<string, Cookie>();
  const rank = (id: string) => (id === PROBE.page ? 0 : id === PROBE.http ? 1 : 2);
  const ordered = siteResponses(scan).sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const [, response] of ordered) {
    for (const cookie of response.cookies) if (!byName.has(cookie.name)) byName.set(cookie.name, cookie);
  }
  return [...byName.values()];
}

export function isSessionCookie(name: string): boolean {
  return /sess|login|auth/i.test(name);
}

export function isCsrfCookie(name: string): boolean {
  return /csrf|xsrf/i.test(name);
}

/** Markers of Django's technical error pages (DEBUG = True); the apostrophe in them is U+2019, so none rely on it. */
const DEBUG_MARKERS: RegExp[] = [
  /<code>DEBUG = True<\/code>/,
  /Django tried these URL patterns/,
  /Exception Location:[\s\S]{0,500}Python Executable:/,
  /The install worked successfully! Congratulations!/,
];

/** The marker found in a body that only a DEBUG = True site shows, if any. */
export function djangoDebugMarker(body: string): string | undefined {
  return DEBUG_MARKERS.map((marker) => marker.exec(body)?.[0]).find(Boolean);
}

export function htmlTitle(body: string): string | undefined {
  return /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1]?.trim().replace(/\s+/g, ' ');
}

/** The site answers every path with the same success (an SPA catch-all): a hit on a probe path proves nothing. */
export function answersEverything(scan: ScanObservations): boolean {
  const status = scan.probes[PROBE.notFound]?.response?.status;
  return status !== undefined && status >= 200 && status < 300;
}

export function isSuccess(response: ProbeResponse | undefined): response is ProbeResponse {
  return response !== undefined && response.status >= 200 && response.status < 300;
}
