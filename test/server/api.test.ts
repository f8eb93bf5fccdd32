/**
 * `deploycheck serve` over real HTTP on 127.0.0.1: the API, server-sent progress, the downloads,
 * the no-script flow, the address guard, and every limit (body, Host, origin, rate, concurrency).
 */
import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/server/app.js';
import { startHttp } from '../probe/servers.js';
import type { Running } from '../probe/servers.js';
import { call, inBatches, postScan, serve, waitForScan } from './helpers.js';

const FAST = { scanBudgetMs: 8000, probeTimeoutMs: 3000 };

describe('serve API against a local site (--allow-private)', () => {
  let site: Running;
  let app: RunningServe;

  beforeAll(async () => {
    site = await startHttp((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': 'sessionid=abcdefghijklmnop; Path=/' });
        res.end('<!DOCTYPE html><html><head><title>Local</title></head><body><p>hello</p></body></html>');
        return;
      }
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
    });
    app = await serve({ allowPrivate: true, limits: { ...FAST, scanRate: { burst: 100, perMinute: 100 } } });
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it('runs a scan: 202 with an id, then the status with the `scan --format json` report', async () => {
    const created = await postScan(app.url, site.url);
    expect(created.status).toBe(202);
    const { id, status, links } = JSON.parse(created.body) as { id: string; status: string; links: { self: string } };
    expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(status).toBe('running');
    expect(created.headers.location).toBe(links.self);
    const done = await waitForScan(app.url, id);
    expect(done.status).toBe('done');
    expect(done.report).toMatchObject({ schemaVersion: expect.any(Number), kind: 'scan', summary: { grade: done.grade } });
    const rules = done.report!.sites[0]!.findings.map((finding) => finding.rule);
    expect(rules).toEqual(expect.arrayContaining(['web/csp-missing', 'web/cookie-insecure', 'web/content-type-options-missing']));
    expect(done.progress.done).toBe(done.progress.total);
    expect(done.progress.finished).toEqual(expect.arrayContaining(['page', 'env', 'git']));
  });

  it('streams progress events, then `done` with the grade', async () => {
    const created = JSON.parse((await postScan(app.url, site.url)).body) as { id: string };
    const events = await new Promise<{ event: string; data: string }[]>((resolve, reject) => {
      get(new URL(`/api/scans/${created.id}/events`, app.url), (res) => {
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () =>
          resolve(
            text
              .split('\n\n')
              .filter(Boolean)
              .map((block) => ({ event: /^event: (.*)$/m.exec(block)?.[1] ?? '', data: /^data: (.*)$/m.exec(block)?.[1] ?? '' })),
          ),
        );
      }).on('error', reject);
    });
    const last = events.at(-1)!;
    expect(last.event).toBe('done');
    expect(JSON.parse(last.data)).toMatchObject({ status: 'done', grade: expect.stringMatching(/^[A-F][+-]?$/) });
    const progress = events.filter((e) => e.event === 'progress').map((e) => JSON.parse(e.data) as { done: number; total: number });
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
  });

  it('serves the downloads: JSON and a standalone HTML report without script, cookie values masked', async () => {
    const { id } = JSON.parse((await postScan(app.url, site.url)).body) as { id: string };
    await waitForScan(app.url, id);
    const json = await call(app.url, `/api/scans/${id}/report.json`);
    expect(json.headers['content-disposition']).toBe('attachment; filename="deploycheck-127.0.0.1.json"');
    expect(JSON.parse(json.body)).toMatchObject({ kind: 'scan', sites: [{ target: site.url }] });
    const html = await call(app.url, `/api/scans/${id}/report.html`);
    expect(html.headers['content-disposition']).toMatch(/attachment; filename="deploycheck-127\.0\.0\.1\.html"/);
    expect(html.headers['content-security-policy']).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html.body).not.toMatch(/<script/i);
    expect(html.body).toContain('sessionid=&lt;16 characters&gt;');
    expect(html.body).not.toContain('abcdefghijklmnop');
    const view = await call(app.url, `/api/scans/${id}/view`);
    expect(view.body).toMatch(/^<article class="dc-report"/);
  });

  it('works without script: a form post redirects to a page that becomes the report', async () => {
    const posted = await call(app.url, '/scans', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `url=${encodeURIComponent(site.url)}` });
    expect(posted.status).toBe(303);
    const page = posted.headers.location as string;
    expect(page).toMatch(/^\/scans\/[A-Za-z0-9_-]+$/);
    const id = page.split('/').at(-1)!;
    await waitForScan(app.url, id);
    const report = await call(app.url, page);
    expect(report.body).toContain('class="dc-report"');
  });

  it('answers errors in the format asked for, and 404 for unknown or malformed ids', async () => {
    expect((await call(app.url, '/api/scans/nope')).status).toBe(404);
    expect((await call(app.url, '/api/scans/..%2f..%2fetc')).status).toBe(404);
    expect((await call(app.url, '/api/scans', { method: 'GET' })).status).toBe(405);
    const bad = await postScan(app.url, 'ftp://example.com/');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/not an http\(s\) URL/);
    const noUrl = await call(app.url, '/api/scans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url": 5}' });
    expect(noUrl.status).toBe(400);
    const notJson = await call(app.url, '/api/scans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
    expect((await call(app.url, '/api/scans', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' })).status).toBe(415);
  });

  it('refuses a body over the limit, an unknown Host and a cross-site start', async () => {
    const big = await call(app.url, '/api/scans', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `http://x/${'a'.repeat(10_000)}` }) });
    expect(big.status).toBe(413);
    const rebinding = await call(app.url, '/', { headers: { host: `attacker.example:${app.port}` } });
    expect(rebinding.status).toBe(400);
    const crossSite = await postScan(app.url, site.url, { origin: 'https://attacker.example' });
    expect(crossSite.status).toBe(403);
    const fetchMeta = await postScan(app.url, site.url, { 'sec-fetch-site': 'cross-site' });
    expect(fetchMeta.status).toBe(403);
  });
});

describe('address guard (the default)', () => {
  let app: RunningServe;
  let site: Running;
  beforeAll(async () => {
    site = await startHttp((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>x</title>'));
    app = await serve({ limits: { ...FAST, scanRate: { burst: 100, perMinute: 100 } } });
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://10.0.0.1/', 'private'],
    ['http://172.16.5.4/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['http://100.64.0.1/', 'carrier-grade NAT'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://[::1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[fd12:3456::1]/', 'unique local'],
    ['http://[fd00:ec2::254]/', 'unique local'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://[::ffff:127.0.0.1]/', 'loopback (IPv4-mapped)'],
    ['http://[::ffff:a9fe:a9fe]/', 'link-local (and cloud metadata) (IPv4-mapped)'],
    ['http://2130706433/', 'loopback'],
  ])('refuses %s (%s)', async (url, reason) => {
    const reply = await postScan(app.url, url);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error).toContain(reason);
  });

  it('refuses a host name that resolves to 127.0.0.1', async () => {
    const reply = await postScan(app.url, `http://localhost:${site.port}/`);
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body).error).toMatch(/localhost resolves to (127\.0\.0\.1|::1): loopback/);
    expect(app.activeScans()).toBe(0);
  });
});

describe('bounded work under a burst of 200 requests from one loopback client', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const server of servers.reverse()) await server.close();
  });

  it('accepts only the burst of the per-client scan rate, 429 with Retry-After for the rest', async () => {
    const site = await startHttp((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>x</title>'));
    const app = await serve({ allowPrivate: true, limits: { ...FAST, maxConcurrentScans: 50, scanRate: { burst: 5, perMinute: 10 } } });
    servers.push(site, app);
    const replies = await inBatches(200, 25, () => postScan(app.url, site.url));
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    const limited = replies.find((reply) => reply.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited.body).error).toMatch(/too many scans/);
  });

  it('never runs more scans at once than the cap; 503 while full, accepted again once they end', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    // A site that holds every request until the test lets go: scans stay running.
    const slow = await startHttp((_req, res) => void released.then(() => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>slow</title>')));
    const app = await serve({ allowPrivate: true, limits: { ...FAST, maxConcurrentScans: 3, scanRate: { burst: 1000, perMinute: 1000 }, requestRate: { burst: 1000, perMinute: 1000 } } });
    servers.push(slow, app);
    let peak = 0;
    const replies = await inBatches(200, 25, async () => {
      const reply = await postScan(app.url, slow.url);
      peak = Math.max(peak, app.activeScans());
      return reply;
    });
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(3);
    expect(statuses.filter((s) => s === 503)).toHaveLength(197);
    expect(replies.find((reply) => reply.status === 503)!.headers['retry-after']).toBe('5');
    expect(peak).toBe(3);
    release();
    const ids = replies.filter((reply) => reply.status === 202).map((reply) => (JSON.parse(reply.body) as { id: string }).id);
    for (const id of ids) expect((await waitForScan(app.url, id)).status).toBe('done');
    expect(app.activeScans()).toBe(0);
    expect((await postScan(app.url, slow.url)).status).toBe(202);
  });

  it('limits requests of any kind per client', async () => {
    const app = await serve({ limits: { requestRate: { burst: 50, perMinute: 60 } } });
    servers.push(app);
    const statuses = (await inBatches(200, 25, () => call(app.url, '/'))).map((reply) => reply.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(50);
    expect(statuses.filter((s) => s === 429)).toHaveLength(150);
  });
});
