/**
 * Hostile servers: each misbehaves on the page the scan asks for, while the other paths answer
 * normally. Every scan must end, name the failure on the probe that met it, and keep the rest.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { observe } from '../../src/probe/scan.js';
import { PROBE } from '../../src/probe/types.js';
import type { Running } from './servers.js';
import { djangoAdminLogin, routes, startHttp, startTcp } from './servers.js';

const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024));
const timers = new Set<NodeJS.Timeout>();

let server: Running;
beforeAll(async () => {
  server = await startHttp(
    routes({
      '/trickle': (req) => {
        req.socket.write('HTTP/1.1 200 OK\r\n');
        const timer = setInterval(() => (req.socket.writable ? req.socket.write('X') : clearInterval(timer)), 1000);
        timers.add(timer);
      },
      '/endless': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = () => {
          while (res.write(chunk));
        };
        res.on('drain', pump);
        pump();
      },
      '/loop-a': (_req, res) => res.writeHead(302, { location: '/loop-b' }).end(),
      '/loop-b': (_req, res) => res.writeHead(302, { location: '/loop-a' }).end(),
      '/bomb': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' }).end(bomb),
      '/not-http': (req) => req.socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'),
      '/slow': () => undefined,
      '/admin/login/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(djangoAdminLogin()),
    }),
  );
});
afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  await server.close();
});

function intact(scan: Awaited<ReturnType<typeof observe>>): void {
  expect(scan.probes[PROBE.adminLogin]?.response?.status).toBe(200);
  expect(scan.probes[PROBE.adminLogin]?.response?.body).toContain('id_password');
  expect(scan.probes[PROBE.env]?.response?.status).toBe(404);
  expect(Object.keys(scan.probes)).toEqual(expect.arrayContaining(Object.values(PROBE)));
}

const fast = { timeoutMs: 1500, budgetMs: 6000, maxBodyBytes: 64 * 1024 };

describe('hostile servers', () => {
  it('headers trickling one byte a second: timeout', async () => {
    const scan = await observe(`${server.url}trickle`, fast);
    expect(scan.probes[PROBE.page]?.error?.code).toBe('timeout');
    intact(scan);
  });

  it('an endless body: cut at the cap, with what was read kept', async () => {
    const scan = await observe(`${server.url}endless`, fast);
    const page = scan.probes[PROBE.page]!;
    expect(page.error?.code).toBe('body-too-large');
    expect(page.response?.truncated).toBe(true);
    expect(page.response?.body.length).toBe(64 * 1024);
    intact(scan);
  });

  it('a redirect loop: too-many-redirects, with the hops recorded', async () => {
    const scan = await observe(`${server.url}loop-a`, fast);
    const page = scan.probes[PROBE.page]!;
    expect(page.error?.code).toBe('too-many-redirects');
    expect(page.response?.redirects.map((hop) => new URL(hop.url).pathname)).toEqual(['/loop-a', '/loop-b']);
    intact(scan);
  });

  it('a 100 MB gzip bomb: stops at the decompressed cap', async () => {
    const scan = await observe(`${server.url}bomb`, fast);
    const page = scan.probes[PROBE.page]!;
    expect(page.error?.code).toBe('body-too-large');
    expect(page.response?.body.length).toBe(64 * 1024);
    intact(scan);
  });

  it('a non-HTTP reply: protocol error', async () => {
    const scan = await observe(`${server.url}not-http`, fast);
    expect(scan.probes[PROBE.page]?.error?.code).toBe('protocol');
    intact(scan);
  });

  it('a probe still running when the budget ends: budget error, the finished probes kept', async () => {
    const scan = await observe(`${server.url}slow`, { timeoutMs: 30_000, budgetMs: 1500 });
    expect(scan.probes[PROBE.page]?.error?.code).toBe('budget');
    intact(scan);
  });

  it('a TLS handshake that never finishes: the TLS probe and HTTPS probes time out, plain HTTP is intact', async () => {
    const silent = await startTcp(() => undefined, 'https');
    try {
      const scan = await observe(silent.url, { ...fast, httpPort: server.port });
      expect(scan.tls?.error?.code).toBe('timeout');
      expect(scan.tls?.legacy).toEqual({});
      expect(scan.probes[PROBE.page]?.error?.code).toBe('timeout');
      expect(scan.probes[PROBE.adminLogin]?.error?.code).toMatch(/timeout|budget/);
      expect(scan.probes[PROBE.http]?.response?.status).toBe(404);
    } finally {
      await silent.close();
    }
  });
});
