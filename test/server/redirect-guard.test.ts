/**
 * The guard re-checks every redirect hop. A test can only reach servers on 127.0.0.1, which the
 * guard refuses at the first hop; so here, and only here, the literal 127.0.0.1 counts as public
 * (one function wrapped, everything else real), and the redirects it sends are judged for real.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Guard from '../../src/probe/guard.js';
import type { RunningServe } from '../../src/server/app.js';
import { startHttp } from '../probe/servers.js';
import type { Running } from '../probe/servers.js';
import { postScan, serve, waitForScan } from './helpers.js';

vi.mock('../../src/probe/guard.js', async (importOriginal) => {
  const real = await importOriginal<typeof Guard>();
  return { ...real, refuseLiteralHost: (host: string) => (host === '127.0.0.1' ? undefined : real.refuseLiteralHost(host)) };
});

describe('serve with the guard on: redirects are checked hop by hop', () => {
  let site: Running;
  let app: RunningServe;
  const paths: string[] = [];

  beforeAll(async () => {
    site = await startHttp((req, res) => {
      paths.push(req.url ?? '');
      if (req.url === '/to-metadata') return void res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/to-mapped') return void res.writeHead(302, { location: 'http://[::ffff:169.254.169.254]/' }).end();
      if (req.url === '/to-localhost') return void res.writeHead(302, { location: `http://localhost:${site.port}/secret` }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<title>public</title>');
    });
    app = await serve({ limits: { scanBudgetMs: 8000, probeTimeoutMs: 3000 } });
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it.each([
    ['/to-metadata', /169\.254\.169\.254: link-local/],
    ['/to-mapped', /::ffff:a9fe:a9fe\]?: link-local .*\(IPv4-mapped\)/],
    ['/to-localhost', /localhost resolves to .*loopback/],
  ])('refuses the redirect of %s', async (path, refusal) => {
    const created = await postScan(app.url, new URL(path, site.url).href);
    expect(created.status).toBe(202);
    const done = await waitForScan(app.url, (JSON.parse(created.body) as { id: string }).id);
    const page = done.report!.sites[0]!.probes.find((probe) => probe.id === 'page')!;
    expect(page.error?.code).toBe('refused-address');
    expect(page.error?.message).toMatch(refusal);
    expect(paths).not.toContain('/secret');
  });
});
