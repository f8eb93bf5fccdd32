/** `deploycheck scan` end to end against in-process sites on 127.0.0.1: an insecure Django imitation and a hardened one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runCli } from '../helpers/cli.js';
import type { Certificates, Running } from './servers.js';
import { djangoAdminLogin, djangoDebug404, makeCertificates, startHttp, startHttps } from './servers.js';

interface ScanJson {
  schemaVersion: number;
  kind: string;
  summary: { grade: string; sites: number };
  sites: { target: string; grade: { grade: string; caps: { rule: string }[] }; findings: { rule: string; severity: string; location: { url: string } }[]; probes: { id: string; status?: number; error?: { code: string } }[] }[];
}

let certs: Certificates;
let insecure: Running;
let hardened: Running;
let redirector: Running;

function insecureDjango(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  const base = { server: 'WSGIServer/0.2 CPython/3.12.3', 'content-type': 'text/html; charset=utf-8' };
  if (path === '/') {
    res.writeHead(200, { ...base, 'set-cookie': ['csrftoken=abcdefgh; Path=/', 'sessionid=s3cr3t; Path=/'] }).end('<title>Shop</title><h1>Shop</h1>');
  } else if (path === '/admin/login/') {
    res.writeHead(200, base).end(djangoAdminLogin());
  } else if (path === '/admin/') {
    res.writeHead(302, { ...base, location: '/admin/login/?next=/admin/' }).end();
  } else {
    res.writeHead(404, base).end(djangoDebug404(path));
  }
}

const SECURE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'",
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

beforeAll(async () => {
  certs = makeCertificates();
  insecure = await startHttp(insecureDjango);
  hardened = await startHttps(certs.valid, (req, res) => {
    if (req.headers.host !== `127.0.0.1:${hardened.port}`) return void res.writeHead(400, SECURE_HEADERS).end('<h1>Bad Request (400)</h1>');
    if (req.url === '/') {
      return void res.writeHead(200, { ...SECURE_HEADERS, 'set-cookie': 'csrftoken=abcdefgh; Path=/; Secure; SameSite=Lax' }).end('<title>Shop</title>');
    }
    res.writeHead(404, SECURE_HEADERS).end('<h1>Not Found</h1>');
  });
  redirector = await startHttp((req, res) => res.writeHead(301, { location: `https://127.0.0.1:${hardened.port}${req.url}` }).end());
});
afterAll(async () => {
  await Promise.all([insecure.close(), hardened.close(), redirector.close()]);
  certs.cleanup();
});

async function scanJson(...args: string[]): Promise<{ code: number; report: ScanJson; stderr: string }> {
  const run = await runCli('scan', ...args, '--format', 'json', '--timeout', '3', '--budget', '10');
  return { code: run.code, report: JSON.parse(run.stdout) as ScanJson, stderr: run.stderr };
}

describe('deploycheck scan', () => {
  it('finds the insecure Django site’s problems, grades it F and exits 1', async () => {
    const { code, report } = await scanJson(insecure.url);
    expect(code).toBe(1);
    expect(report).toMatchObject({ schemaVersion: 1, kind: 'scan', summary: { grade: 'F', sites: 1 } });
    const [site] = report.sites;
    expect([...new Set(site!.findings.map((f) => f.rule))].sort()).toEqual([
      'web/admin-default-path',
      'web/allowed-hosts-wildcard',
      'web/content-type-options-missing',
      'web/cookie-httponly',
      'web/cookie-insecure',
      'web/cookie-samesite',
      'web/coop-missing',
      'web/corp-missing',
      'web/csp-missing',
      'web/debug-page',
      'web/frame-options-missing',
      'web/https-redirect-missing',
      'web/referrer-policy-unsafe',
      'web/runserver',
    ]);
    expect(site!.grade.caps.map((cap) => cap.rule)).toEqual(['web/debug-page']);
    expect(site!.findings.find((f) => f.rule === 'web/cookie-insecure' && f.severity === 'high')).toBeDefined();
  });

  it('finds nothing on the hardened site served over verified HTTPS, and exits 0', async () => {
    const { code, report } = await scanJson(hardened.url, '--ca', certs.caFile, '--http-port', String(redirector.port));
    const [site] = report.sites;
    expect(site!.findings.map((f) => f.rule)).toEqual([]);
    expect(site!.grade.grade).toBe('A+');
    expect(site!.probes.find((p) => p.id === 'http')?.status).toBe(200);
    expect(site!.probes.find((p) => p.id === 'bogus-host')?.status).toBe(400);
    expect(code).toBe(0);
  });

  it('reports an untrusted certificate when --insecure is used without the CA, and prints pretty output', async () => {
    const run = await runCli('scan', hardened.url, '--insecure', '--timeout', '3', '--budget', '10', '--fail-on', 'critical');
    expect(run.stdout).toMatch(/high\s+the certificate chain does not verify: UNABLE_TO_VERIFY_LEAF_SIGNATURE\s+web\/tls-untrusted/);
    expect(run.stdout).toMatch(/^Grade B\+ \(score 80\/100\)/m);
    expect(run.stdout).toMatch(/http: connect: /);
    expect(run.code).toBe(0);
    const gated = await runCli('scan', hardened.url, '--insecure', '--timeout', '3', '--budget', '10', '--fail-on', 'none', '--min-grade', 'A');
    expect(gated.code).toBe(1);
  });

  it.each([['ftp://example.com/'], ['not a url'], ['https://u:p@example.com/']])('exits 2 for the target %s', async (target) => {
    const run = await runCli('scan', target);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/deploycheck: /);
  });

  it('exits 2 for a malformed --header or an unreadable --ca', async () => {
    expect((await runCli('scan', insecure.url, '--header', 'no colon')).code).toBe(2);
    expect((await runCli('scan', insecure.url, '--ca', '/nonexistent/ca.pem')).code).toBe(2);
  });
});
