import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, httpProbe } from '../../src/probe/http.js';
import { acceptsLegacy, inspectTls } from '../../src/probe/tls.js';
import type { Certificates, Running } from './servers.js';
import { makeCertificates, startHttps, startTls } from './servers.js';

let certs: Certificates;
const servers: Running[] = [];
const never = new AbortController().signal;

beforeAll(() => {
  certs = makeCertificates();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  certs.cleanup();
});

async function tlsServer(cert: { key: string; cert: string }, extra: Record<string, unknown> = {}): Promise<Running> {
  const server = await startTls({ ...cert, ...extra });
  servers.push(server);
  return server;
}

describe('TLS probe', () => {
  it('reports a trusted chain, the hostname match, protocol and expiry for a valid leaf', async () => {
    const server = await tlsServer(certs.valid);
    const tls = await inspectTls('127.0.0.1', server.port, { ca: certs.ca, timeoutMs: 3000 }, never);
    expect(tls).toMatchObject({ authorized: true, hostnameMatches: true, protocol: 'TLSv1.3' });
    expect(tls.chain[0]).toMatchObject({ subjectCN: 'valid', issuerCN: 'deploycheck test CA', selfSigned: false, subjectAltNames: ['127.0.0.1', 'localhost'] });
    expect(tls.chain[0]!.daysToExpiry).toBeGreaterThan(80);
  });

  it('reports an untrusted chain without --ca and an expired leaf with --ca', async () => {
    const valid = await tlsServer(certs.valid);
    expect(await inspectTls('127.0.0.1', valid.port, { timeoutMs: 3000 }, never)).toMatchObject({ authorized: false, authorizationError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const expired = await tlsServer(certs.expired);
    const tls = await inspectTls('127.0.0.1', expired.port, { ca: certs.ca, timeoutMs: 3000 }, never);
    expect(tls).toMatchObject({ authorized: false, authorizationError: 'CERT_HAS_EXPIRED', hostnameMatches: true });
    expect(tls.chain[0]!.daysToExpiry).toBeLessThan(0);
  });

  it('reports a hostname mismatch separately from trust', async () => {
    const server = await tlsServer(certs.wrongHost);
    const tls = await inspectTls('127.0.0.1', server.port, { ca: certs.ca, timeoutMs: 3000 }, never);
    expect(tls).toMatchObject({ authorized: true, hostnameMatches: false });
    expect(tls.chain[0]!.subjectAltNames).toEqual(['wrong.example']);
  });

  it('sees TLS 1.0 accepted by a legacy server and refused by a modern one', async () => {
    const legacy = await tlsServer(certs.valid, { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
    const modern = await tlsServer(certs.valid);
    expect(await acceptsLegacy('127.0.0.1', legacy.port, 'TLSv1', { timeoutMs: 3000 }, never)).toBe(true);
    expect(await acceptsLegacy('127.0.0.1', legacy.port, 'TLSv1.1', { timeoutMs: 3000 }, never)).toBe(true);
    expect(await acceptsLegacy('127.0.0.1', modern.port, 'TLSv1', { timeoutMs: 3000 }, never)).toBe(false);
  });

  it('refuses a loopback target when the guard is on', async () => {
    const server = await tlsServer(certs.valid);
    const tls = await inspectTls('127.0.0.1', server.port, { guard: true, timeoutMs: 3000 }, never);
    expect(tls.error?.code).toBe('refused-address');
  });
});

describe('HTTP probe over TLS', () => {
  it('verifies with --ca, fails with a tls error without it, and passes with --insecure', async () => {
    const server = await startHttps(certs.valid, (_req, res) => res.end('ok'));
    servers.push(server);
    const caps = { maxBytes: 1024, maxWireBytes: 4096 };
    const run = async (options: { ca?: string; insecure?: boolean }) => {
      const client = createHttpClient({ ...options, timeoutMs: 3000, userAgent: 't', caps });
      try {
        return await httpProbe(client, { id: 'p', url: server.url }, never, AbortSignal.timeout(5000));
      } finally {
        await client.close();
      }
    };
    expect((await run({ ca: certs.ca })).response?.body).toBe('ok');
    expect((await run({})).error?.code).toBe('tls');
    expect((await run({ insecure: true })).response?.status).toBe(200);
  });

  it('sends a bogus Host header as asked, and refuses loopback under the guard', async () => {
    let seenHost: string | undefined;
    const server = await startHttps(certs.valid, (req, res) => {
      seenHost = req.headers.host;
      res.writeHead(400).end();
    });
    servers.push(server);
    const client = createHttpClient({ ca: certs.ca, timeoutMs: 3000, userAgent: 't', caps: { maxBytes: 1024, maxWireBytes: 4096 } });
    const guarded = createHttpClient({ guard: true, timeoutMs: 3000, userAgent: 't', caps: { maxBytes: 1024, maxWireBytes: 4096 } });
    try {
      const result = await httpProbe(client, { id: 'b', url: server.url, headers: { host: 'evil.invalid' }, lenient: true, maxRedirects: 0 }, never, AbortSignal.timeout(5000));
      expect(result.response?.status).toBe(400);
      expect(seenHost).toBe('evil.invalid');
      const refused = await httpProbe(guarded, { id: 'g', url: server.url }, never, AbortSignal.timeout(5000));
      expect(refused.error?.code).toBe('refused-address');
      const byName = await httpProbe(guarded, { id: 'n', url: `https://localhost:${server.port}/` }, never, AbortSignal.timeout(5000));
      expect(byName.error).toMatchObject({ code: 'refused-address', message: expect.stringMatching(/localhost resolves to/) });
    } finally {
      await client.close();
      await guarded.close();
    }
  });
});
