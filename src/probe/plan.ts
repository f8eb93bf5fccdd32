/** Which probes a scan of one URL runs, and against which URLs. Pure: no I/O. */
import type { HttpProbeSpec } from './http.js';
import { PROBE } from './types.js';

export interface PlanOptions {
  /** Port of the plain-HTTP site when the target is https (default 80). */
  httpPort?: number;
  /** Port of the HTTPS site when the target is http (default 443). */
  httpsPort?: number;
  /** A random token for the 404 path, the bogus Host and the foreign Origin. */
  token: string;
}

export interface ScanPlan {
  target: URL;
  /** Where the path probes (/admin/, /.env, …) go: the HTTPS origin, or the target's origin if it is http. */
  origin: string;
  /** The TLS endpoint; absent when the target is http and no HTTPS port is known. */
  tls?: { host: string; port: number };
  http: HttpProbeSpec[];
}

export class TargetError extends Error {
  override name = 'TargetError';
}

/** Parse a scan target: `http(s)://host[:port][/path]`; anything else is a TargetError. */
export function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetError(`'${raw}' is not a URL (expected http(s)://host[:port][/path])`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TargetError(`'${raw}' is not an http(s) URL`);
  if (!url.hostname) throw new TargetError(`'${raw}' has no host`);
  if (url.username || url.password) throw new TargetError(`'${url.origin}': put credentials in --header, not in the URL`);
  url.hash = '';
  return url;
}

function withPort(url: URL, protocol: 'http:' | 'https:', port: number | undefined): URL {
  const copy = new URL(url.href);
  copy.protocol = protocol;
  copy.port = port === undefined ? '' : String(port);
  return copy;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '');
}

export function planScan(target: URL, options: PlanOptions): ScanPlan {
  const https = target.protocol === 'https:' ? target : options.httpsPort !== undefined ? withPort(target, 'https:', options.httpsPort) : undefined;
  const http = target.protocol === 'http:' ? target : withPort(target, 'http:', options.httpPort);
  const origin = (https ?? target).origin;
  const at = (path: string) => new URL(path, origin).href;
  const bogusHost = `deploycheck-${options.token}.invalid`;
  return {
    target,
    origin,
    ...(https ? { tls: { host: hostOf(https), port: Number(https.port || 443) } } : {}),
    http: [
      { id: PROBE.http, url: http.href },
      { id: PROBE.page, url: (https ?? target).href },
      { id: PROBE.notFound, url: at(`/deploycheck-${options.token}/does-not-exist/`) },
      { id: PROBE.admin, url: at('/admin/') },
      { id: PROBE.adminLogin, url: at('/admin/login/') },
      { id: PROBE.env, url: at('/.env') },
      { id: PROBE.git, url: at('/.git/HEAD') },
      { id: PROBE.debugToolbar, url: at('/__debug__/') },
      // Never follow: a site that accepts any Host may redirect to the bogus name itself.
      { id: PROBE.bogusHost, url: (https ?? target).href, headers: { host: bogusHost }, maxRedirects: 0, lenient: true },
      // Truncated JSON to a path no route owns: a body parser mounted for the whole app fails before routing,
      // and a framework in development mode answers with the error's stack trace. Nothing handles the request.
      {
        id: PROBE.malformedJson,
        url: at(`/deploycheck-${options.token}/malformed-json/`),
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"deploycheck":',
        maxRedirects: 0,
      },
      {
        id: PROBE.cors,
        url: (https ?? target).href,
        method: 'OPTIONS',
        headers: { origin: `https://deploycheck-${options.token}.example`, 'access-control-request-method': 'GET' },
        maxRedirects: 0,
      },
    ],
  };
}
