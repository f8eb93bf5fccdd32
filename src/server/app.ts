/**
 * `deploycheck serve`: one page that scans a URL, a small JSON API, and server-sent progress, on
 * node:http. Everything a client can make it do is bounded: requests and scans per client, scans at
 * once, request bodies, event streams, and the results kept in memory.
 */
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { escapeHtml, scanRuleInfo } from '../report/scan-html.js';
import { loadAssets } from './assets.js';
import type { Asset } from './assets.js';
import { securityHeaders } from './headers.js';
import { RateLimiter } from './limits.js';
import type { RateLimit } from './limits.js';
import { ScanRunner } from './scans.js';
import { ScanStore } from './store.js';
import type { ScanRecord } from './store.js';

export interface ServeLimits {
  maxConcurrentScans: number;
  /** Total time of one scan, ms. */
  scanBudgetMs: number;
  /** Time of one probe, ms. */
  probeTimeoutMs: number;
  maxBodyBytes: number;
  /** Scans a client may start. */
  scanRate: RateLimit;
  /** Requests of any kind a client may make. */
  requestRate: RateLimit;
  maxStoredScans: number;
  maxStoredBytes: number;
  resultTtlMs: number;
  /** Event streams open at once, in all and per scan. */
  maxStreams: number;
  maxStreamsPerScan: number;
}

export const DEFAULT_LIMITS: ServeLimits = {
  maxConcurrentScans: 4,
  scanBudgetMs: 20_000,
  probeTimeoutMs: 8_000,
  maxBodyBytes: 4096,
  scanRate: { burst: 5, perMinute: 10 },
  requestRate: { burst: 120, perMinute: 600 },
  maxStoredScans: 200,
  maxStoredBytes: 64 * 1024 * 1024,
  resultTtlMs: 60 * 60_000,
  maxStreams: 100,
  maxStreamsPerScan: 8,
};

export interface ServeOptions {
  port?: number;
  host?: string;
  /** Turn the address guard off: scan loopback and private networks (your own machine). */
  allowPrivate?: boolean;
  /** Host header values (without port) the server answers; others get 400 (DNS rebinding). */
  allowedHosts?: string[];
  /** Serve HTTPS (and send HSTS). */
  tls?: { key: string; cert: string };
  limits?: Partial<ServeLimits>;
  toolVersion: string;
}

export interface RunningServe {
  url: string;
  port: number;
  server: Server;
  /** Scans running right now. */
  activeScans(): number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const SCAN_PATH = /^\/api\/scans\/([A-Za-z0-9_-]{1,64})(\/events|\/view|\/report\.json|\/report\.html)?$/;
const PAGE_PATH = /^\/scans\/([A-Za-z0-9_-]{1,64})$/;
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

function hostnameOf(hostHeader: string): string {
  return hostHeader.toLowerCase().replace(/:\d+$/, '');
}

function defaultAllowedHosts(bind: string): string[] {
  const wildcard = bind === '0.0.0.0' || bind === '::';
  return [...LOOPBACK_NAMES, ...(wildcard ? [] : [bind.includes(':') ? `[${bind}]` : bind])];
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new HttpError(413, `the request body is larger than ${limit} bytes`, { connection: 'close' }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `the request body is larger than ${limit} bytes`, { connection: 'close' }));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The URL field of a JSON (`{"url": …}`) or form (`url=…`) body. */
function urlFromBody(body: string, contentType: string): unknown {
  if (contentType.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams(body).get('url');
  if (!contentType.startsWith('application/json')) throw new HttpError(415, 'send application/json ({"url": "…"}) or a form');
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as { url?: unknown }).url : undefined;
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
}

/** A small page in the site's style (no-JS progress, errors). */
function simplePage(title: string, body: string, refreshSeconds?: number): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  return (
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}` +
    `<title>${escapeHtml(title)} · deploycheck</title><link rel="stylesheet" href="/assets/app.css"><link rel="icon" href="/assets/favicon.svg"></head>` +
    `<body><main class="shell"><h1 class="brand"><a href="/">deploycheck</a></h1><section class="card">${body}</section></main></body></html>\n`
  );
}

function statusJson(record: ScanRecord): string {
  const base = `/api/scans/${record.id}`;
  const meta = {
    id: record.id,
    status: record.status,
    target: record.target,
    createdAt: new Date(record.createdAt).toISOString(),
    progress: record.progress,
    links: { self: base, events: `${base}/events`, view: `${base}/view`, json: `${base}/report.json`, html: `${base}/report.html` },
    ...(record.error ? { error: record.error } : {}),
    ...(record.reports ? { grade: record.reports.grade, score: record.reports.score } : {}),
  };
  const text = JSON.stringify(meta);
  // The report is kept as the exact `scan --format json` text: spliced in, not re-serialised.
  return record.reports ? `${text.slice(0, -1)},"report":${record.reports.json.trim()}}` : text;
}

export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const limits: ServeLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const host = options.host ?? '127.0.0.1';
  const tls = Boolean(options.tls);
  const allowedHosts = new Set((options.allowedHosts?.length ? [...options.allowedHosts, ...LOOPBACK_NAMES] : defaultAllowedHosts(host)).map((h) => h.toLowerCase()));
  const assets: Map<string, Asset> = loadAssets();
  const store = new ScanStore({ maxScans: limits.maxStoredScans, maxBytes: limits.maxStoredBytes, ttlMs: limits.resultTtlMs });
  const runner = new ScanRunner(
    {
      allowPrivate: options.allowPrivate ?? false,
      maxConcurrent: limits.maxConcurrentScans,
      budgetMs: limits.scanBudgetMs,
      timeoutMs: limits.probeTimeoutMs,
      toolVersion: options.toolVersion,
      rules: await scanRuleInfo(),
    },
    store,
  );
  const requestLimiter = new RateLimiter(limits.requestRate);
  const scanLimiter = new RateLimiter(limits.scanRate);
  const streams = new Set<ServerResponse>();

  const send = (res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}, report = false) => {
    res.writeHead(status, { ...securityHeaders({ tls, report }), 'content-type': type, 'cache-control': 'no-store', ...extra });
    res.end(body);
  };
  const sendJson = (res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) => send(res, status, body, 'application/json; charset=utf-8', extra);

  const findRecord = (id: string): ScanRecord => {
    const record = store.get(id);
    if (!record) throw new HttpError(404, 'no such scan (results are kept for a limited time)');
    return record;
  };

  const openStream = (req: IncomingMessage, res: ServerResponse, record: ScanRecord) => {
    if (streams.size >= limits.maxStreams || record.listeners.size >= limits.maxStreamsPerScan) throw new HttpError(429, 'too many open event streams', { 'retry-after': '5' });
    res.writeHead(200, { ...securityHeaders({ tls }), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' });
    const write = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const end = () => {
      record.listeners.delete(listener);
      streams.delete(res);
      res.end();
    };
    const listener = (current: ScanRecord) => {
      write('progress', current.progress);
      if (current.status !== 'running') {
        write(current.status, { status: current.status, ...(current.reports ? { grade: current.reports.grade, score: current.reports.score } : {}), ...(current.error ? { error: current.error } : {}) });
        end();
      }
    };
    streams.add(res);
    req.on('close', end);
    if (record.status === 'running') {
      record.listeners.add(listener);
      write('progress', record.progress);
    } else listener(record);
  };

  const createScan = async (req: IncomingMessage, res: ServerResponse, client: string, form: boolean) => {
    const origin = req.headers.origin;
    const self = `${tls ? 'https' : 'http'}://${req.headers.host ?? ''}`;
    if ((origin !== undefined && origin !== self) || req.headers['sec-fetch-site'] === 'cross-site') throw new HttpError(403, 'scans can only be started from this site');
    const body = await readBody(req, limits.maxBodyBytes);
    const url = urlFromBody(body, (req.headers['content-type'] ?? '').toLowerCase());
    const wait = scanLimiter.take(client);
    if (wait) throw new HttpError(429, `too many scans from your address; try again in ${wait} s`, { 'retry-after': String(wait) });
    const outcome = await runner.start(url, client);
    if (!outcome.ok) throw new HttpError(outcome.status, outcome.message, outcome.status === 503 ? { 'retry-after': '5' } : {});
    if (form) {
      res.writeHead(303, { ...securityHeaders({ tls }), location: `/scans/${outcome.record.id}`, 'cache-control': 'no-store' }).end();
      return;
    }
    sendJson(res, 202, statusJson(outcome.record), { location: `/api/scans/${outcome.record.id}` });
  };

  /** The no-script flow: a page that refreshes itself until the report is ready. */
  const scanPage = (res: ServerResponse, record: ScanRecord) => {
    if (record.status === 'done' && record.reports) return send(res, 200, record.reports.html, 'text/html; charset=utf-8', {}, true);
    if (record.status === 'failed') return send(res, 200, simplePage('Scan failed', `<h2>Scan failed</h2><p>${escapeHtml(record.error ?? '')}</p><p><a href="/">Scan another URL</a></p>`), 'text/html; charset=utf-8');
    const { done, total } = record.progress;
    const body = `<h2>Scanning ${escapeHtml(record.target)}</h2><p><progress max="${total || 1}" value="${done}"></progress> ${done}/${total || '…'} probes</p><p class="muted">This page refreshes itself.</p>`;
    send(res, 200, simplePage('Scanning', body, 2), 'text/html; charset=utf-8');
  };

  const route = async (req: IncomingMessage, res: ServerResponse, client: string) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    const read = method === 'GET' || method === 'HEAD';
    const asset = assets.get(path);
    if (asset) {
      if (!read) throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD' });
      return send(res, 200, asset.body, asset.type, { 'cache-control': path === '/' ? 'no-store' : 'public, max-age=300' });
    }
    if (path === '/api/scans' || path === '/scans') {
      if (method !== 'POST') throw new HttpError(405, 'method not allowed', { allow: 'POST' });
      return createScan(req, res, client, path === '/scans');
    }
    const api = SCAN_PATH.exec(path);
    const page = api ? undefined : PAGE_PATH.exec(path);
    if ((api || page) && !read) throw new HttpError(405, 'method not allowed', { allow: 'GET, HEAD' });
    if (page) return scanPage(res, findRecord(page[1]!));
    if (!api) throw new HttpError(404, 'not found');
    const record = findRecord(api[1]!);
    const sub = api[2];
    if (sub === undefined) return sendJson(res, 200, statusJson(record));
    if (sub === '/events') return openStream(req, res, record);
    if (!record.reports) throw new HttpError(409, record.status === 'failed' ? `the scan failed: ${record.error ?? ''}` : 'the scan is still running');
    const name = `deploycheck-${new URL(record.target).hostname.replace(/[^A-Za-z0-9.-]/g, '_')}`;
    if (sub === '/view') return send(res, 200, record.reports.view, 'text/html; charset=utf-8');
    if (sub === '/report.json') return send(res, 200, record.reports.json, 'application/json; charset=utf-8', { 'content-disposition': `attachment; filename="${name}.json"` });
    return send(res, 200, record.reports.html, 'text/html; charset=utf-8', { 'content-disposition': `attachment; filename="${name}.html"` }, true);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const client = req.socket.remoteAddress ?? 'unknown';
    const wantsJson = (req.url ?? '').startsWith('/api/');
    const fail = (error: HttpError) => {
      if (res.headersSent) return void res.destroy();
      if (wantsJson) return sendJson(res, error.status, JSON.stringify({ error: error.message }), error.headers);
      send(res, error.status, simplePage(`Error ${error.status}`, `<h2>${error.status}</h2><p>${escapeHtml(error.message)}</p><p><a href="/">Back to the scanner</a></p>`), 'text/html; charset=utf-8', error.headers);
    };
    const hostHeader = req.headers.host;
    if (!hostHeader || !allowedHosts.has(hostnameOf(hostHeader))) return fail(new HttpError(400, 'unknown Host'));
    const wait = requestLimiter.take(client);
    if (wait) return fail(new HttpError(429, `too many requests; try again in ${wait} s`, { 'retry-after': String(wait) }));
    route(req, res, client).catch((error: unknown) => {
      if (error instanceof HttpError) return fail(error);
      fail(new HttpError(500, 'internal error'));
      process.stderr.write(`deploycheck serve: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    });
  };

  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handle) : createHttpServer(handle);
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;
  server.maxConnections = 512;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${port}/`,
    port,
    server,
    activeScans: () => runner.active,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stream of streams) stream.end();
      for (const socket of sockets) socket.destroy();
      await closed;
      await runner.drain();
    },
  };
}
