/**
 * One HTTP probe: a request through undici with manual redirects (each hop recorded, loops stopped),
 * a capped body, and every failure turned into a ProbeError instead of an exception.
 */
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import { decodeText, readBody } from './body.js';
import type { BodyCaps } from './body.js';
import { parseSetCookie } from './cookies.js';
import { firstHeader, headerList, headerValues } from './headers.js';
import { guardedLookup, refuseLiteralHost } from './guard.js';
import type { Cookie, HeaderList, ProbeError, ProbeErrorCode, ProbeResult, RedirectHop } from './types.js';

export interface HttpClientOptions {
  /** Extra trusted CA certificates (PEM), for --ca. */
  ca?: string;
  /** Accept any certificate (--insecure). The TLS probe still reports what it saw. */
  insecure?: boolean;
  /** Refuse non-public addresses (see guard.ts). */
  guard?: boolean;
  /** Per-request socket timeouts (connect, headers, body idle), in ms. */
  timeoutMs: number;
  /** --header values, sent to the target's host only. */
  headers?: Record<string, string>;
  /** --cookie value, sent to the target's host only. */
  cookie?: string;
  userAgent: string;
  caps: BodyCaps;
}

export interface HttpClient {
  options: HttpClientOptions;
  /** Verifies certificates unless --insecure. */
  agent: Agent;
  /** Never verifies: for probes whose point is not the certificate (a bogus Host changes the SNI). */
  lenientAgent: Agent;
  close(): Promise<void>;
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const connect = (rejectUnauthorized: boolean) => ({
    timeout: options.timeoutMs,
    rejectUnauthorized,
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.guard ? { lookup: guardedLookup } : {}),
  });
  const common = { headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, pipelining: 0 };
  const agent = new Agent({ ...common, connect: connect(!options.insecure) });
  const lenientAgent = new Agent({ ...common, connect: connect(false) });
  return {
    options,
    agent,
    lenientAgent,
    async close() {
      await Promise.all([agent.destroy(), lenientAgent.destroy()]);
    },
  };
}

export interface HttpProbeSpec {
  id: string;
  url: string;
  method?: 'GET' | 'OPTIONS' | 'POST';
  /** Headers this probe adds (a bogus Host, an Origin, …). */
  headers?: Record<string, string>;
  /** The request body of a POST (sent only while the method stays POST). */
  body?: string;
  /** 0 records the redirect response itself. */
  maxRedirects?: number;
  lenient?: boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const DEFAULT_MAX_REDIRECTS = 5;

class ProbeFailure extends Error {
  constructor(readonly code: ProbeErrorCode, message: string) {
    super(message);
  }
}

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|INVALID_CA|EPROTO)/;

/** Map whatever a request threw to a probe error; `budget` and `deadline` say which signal fired. */
export function classifyError(error: unknown, signals: { budget: AbortSignal; deadline: AbortSignal }): ProbeError {
  if (error instanceof ProbeFailure) return { code: error.code, message: error.message };
  if (signals.budget.aborted) return { code: 'budget', message: 'the scan budget ran out before this probe finished' };
  if (signals.deadline.aborted) return { code: 'timeout', message: 'the probe did not finish within its timeout' };
  let current: unknown = error;
  const messages: string[] = [];
  for (let depth = 0; current && depth < 5; depth++) {
    const { code, message, name } = current as { code?: string; message?: string; name?: string };
    if (message) messages.push(message);
    const text = messages.join(': ') || String(error);
    if (code === 'ERR_REFUSED_ADDRESS') return { code: 'refused-address', message: message ?? text };
    if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return { code: 'timeout', message: text };
    }
    if (code === 'UND_ERR_HEADERS_OVERFLOW' || name === 'HTTPParserError' || code?.startsWith('HPE_')) return { code: 'protocol', message: text };
    if (code && TLS_CODE.test(code)) return { code: 'tls', message: `${code}: ${text}` };
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
      return { code: 'connect', message: text };
    }
    if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return { code: 'connect', message: `connection closed: ${text}` };
    current = (current as { cause?: unknown }).cause;
  }
  return { code: 'protocol', message: messages.join(': ') || String(error) };
}

function sameHost(a: URL, b: URL): boolean {
  return a.hostname.toLowerCase() === b.hostname.toLowerCase();
}

function requestHeaders(client: HttpClient, spec: HttpProbeSpec, url: URL, target: URL): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': client.options.userAgent, accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'gzip, deflate, br' };
  // The user's credentials go to the site being scanned, never to a host it redirects to.
  if (sameHost(url, target)) {
    for (const [name, value] of Object.entries(client.options.headers ?? {})) headers[name.toLowerCase()] = value;
    if (client.options.cookie) headers.cookie = client.options.cookie;
  }
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

function collectCookies(headers: HeaderList, url: string, into: Cookie[]): void {
  for (const value of headerValues(headers, 'set-cookie')) {
    const cookie = parseSetCookie(value, url);
    if (cookie) into.push(cookie);
  }
}

/** Run one HTTP probe to completion; never throws. */
export async function httpProbe(client: HttpClient, spec: HttpProbeSpec, budget: AbortSignal, deadline: AbortSignal): Promise<ProbeResult> {
  const method = spec.method ?? 'GET';
  const result: ProbeResult = { id: spec.id, request: { method, url: spec.url, headers: spec.headers ?? {} } };
  const signal = AbortSignal.any([budget, deadline]);
  const started = performance.now();
  const redirects: RedirectHop[] = [];
  const cookies: Cookie[] = [];
  const maxRedirects = spec.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const target = new URL(spec.url);
  let url = target;
  let hopMethod = method;
  const visited = new Set<string>();
  try {
    while (true) {
      if (client.options.guard) {
        const refusal = refuseLiteralHost(url.hostname);
        if (refusal) throw new ProbeFailure('refused-address', refusal);
      }
      visited.add(url.href);
      const response: Dispatcher.ResponseData = await (spec.lenient ? client.lenientAgent : client.agent).request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: hopMethod,
        headers: requestHeaders(client, spec, url, target),
        ...(hopMethod === 'POST' && spec.body !== undefined ? { body: spec.body } : {}),
        signal,
      });
      const headersMs = Math.round(performance.now() - started);
      const headers = headerList(response.headers);
      collectCookies(headers, url.href, cookies);
      const location = firstHeader(headers, 'location');
      if (REDIRECT_STATUSES.has(response.statusCode) && location !== undefined && maxRedirects > 0) {
        await response.body.dump({ limit: 64 * 1024, signal }).catch(() => undefined);
        redirects.push({ url: url.href, status: response.statusCode, location, headers });
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new ProbeFailure('protocol', `redirect to an unparsable Location: ${location}`);
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new ProbeFailure('protocol', `redirect to ${next.protocol} URL`);
        if (visited.has(next.href)) throw new ProbeFailure('too-many-redirects', `redirect loop: ${next.href} was already visited`);
        if (redirects.length >= maxRedirects) throw new ProbeFailure('too-many-redirects', `more than ${maxRedirects} redirects`);
        if (response.statusCode === 303 || ((response.statusCode === 301 || response.statusCode === 302) && hopMethod !== 'GET')) hopMethod = 'GET';
        url = next;
        continue;
      }
      const contentType = firstHeader(headers, 'content-type');
      let read;
      try {
        read = await readBody(response.body, firstHeader(headers, 'content-encoding'), client.options.caps);
      } catch (error) {
        // Headers arrived but the body did not: keep what is known, report why it stopped.
        result.response = {
          status: response.statusCode, headers, url: url.href, redirects, body: '', truncated: true, cookies,
          timing: { headersMs, totalMs: Math.round(performance.now() - started) },
        };
        result.error = classifyError(error, { budget, deadline });
        return result;
      } finally {
        if (!response.body.destroyed) response.body.destroy();
      }
      result.response = {
        status: response.statusCode,
        headers,
        url: url.href,
        redirects,
        body: decodeText(read.bytes, contentType),
        truncated: read.truncated,
        cookies,
        timing: { headersMs, totalMs: Math.round(performance.now() - started) },
      };
      if (read.truncated) result.error = { code: 'body-too-large', message: `body cut at ${client.options.caps.maxBytes} bytes` };
      else if (read.decodeError) result.error = { code: 'protocol', message: `body did not decompress: ${read.decodeError}` };
      return result;
    }
  } catch (error) {
    result.error = classifyError(error, { budget, deadline });
    const last = redirects.at(-1);
    if (last && result.error.code === 'too-many-redirects') {
      result.response = {
        status: last.status, headers: last.headers, url: last.url, redirects, body: '', truncated: false, cookies,
        timing: { headersMs: Math.round(performance.now() - started), totalMs: Math.round(performance.now() - started) },
      };
    }
    return result;
  }
}
