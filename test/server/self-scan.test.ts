/** deploycheck's own `scan` against the running `serve` page: no header rule may fire. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServe } from '../../src/server/app.js';
import { runCli } from '../helpers/cli.js';
import { freePort } from '../live/livesite.js';
import { makeCertificates, startHttp } from '../probe/servers.js';
import type { Certificates, Running } from '../probe/servers.js';
import { postScan, serve, waitForScan } from './helpers.js';

/** Plain HTTP on localhost cannot redirect to HTTPS; everything else must pass. */
const UNAVOIDABLE_ON_PLAIN_HTTP = ['web/https-redirect-missing'];

async function scanRules(url: string, ...flags: string[]): Promise<string[]> {
  const run = await runCli('scan', url, '--format', 'json', '--timeout', '4', '--budget', '15', '--fail-on', 'none', ...flags);
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as { sites: { findings: { rule: string }[]; probes: { id: string; status?: number }[] }[] };
  expect(report.sites[0]!.probes.find((probe) => probe.id === 'page')?.status).toBe(200);
  return [...new Set(report.sites[0]!.findings.map((finding) => finding.rule))].sort();
}

describe('self-scan of deploycheck serve', () => {
  let site: Running;
  let app: RunningServe;
  beforeAll(async () => {
    site = await startHttp((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>x</title>'));
    app = await serve({ allowPrivate: true, limits: { scanBudgetMs: 8000, probeTimeoutMs: 3000 } });
  });
  afterAll(async () => {
    await app?.close();
    await site?.close();
  });

  it('the page passes every header rule', async () => {
    expect(await scanRules(app.url)).toEqual(UNAVOIDABLE_ON_PLAIN_HTTP);
  });

  it('so does the downloadable HTML report', async () => {
    const { id } = JSON.parse((await postScan(app.url, site.url)).body) as { id: string };
    expect((await waitForScan(app.url, id)).status).toBe('done');
    expect(await scanRules(new URL(`/api/scans/${id}/report.html`, app.url).href)).toEqual(UNAVOIDABLE_ON_PLAIN_HTTP);
  });
});

describe('self-scan of deploycheck serve over TLS', () => {
  let certs: Certificates;
  let app: RunningServe;
  beforeAll(async () => {
    certs = makeCertificates();
    app = await serve({ tls: certs.valid });
  });
  afterAll(async () => {
    await app?.close();
    certs?.cleanup();
  });

  it('sends HSTS and passes every rule, HTTPS ones included (nothing listens on plain HTTP)', async () => {
    expect(app.url).toMatch(/^https:/);
    expect(await scanRules(app.url, '--ca', certs.caFile, '--http-port', String(await freePort()))).toEqual([]);
  });
});
