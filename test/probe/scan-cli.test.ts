/** `deploycheck scan` end to end against in-process sites on 127.0.0.1: an insecure Django imitation and a hardened one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runCli } from '../helpers/cli.js';
import { loadSchemaValidator } from '../report/sarif-schema.js';
import { childElements, parseXml } from '../report/xml.js';
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

  describe('CI formats, through the same reporters as check', () => {
    const scan = (format: string) => runCli('scan', insecure.url, '--format', format, '--timeout', '3', '--budget', '10');
    let rules: string[];
    beforeAll(async () => {
      rules = [...new Set((await scanJson(insecure.url)).report.sites[0]!.findings.map((f) => f.rule))].sort();
    });

    it('sarif: valid SARIF 2.1.0 whose results name each URL by host and path, with the URL in their properties', async () => {
      const run = await scan('sarif');
      expect(run.code).toBe(1);
      const log = JSON.parse(run.stdout) as {
        runs: { properties: { kind: string; grade: string }; results: { ruleId: string; properties: { url?: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; partialFingerprints: Record<string, string> }[] }[];
      };
      expect(loadSchemaValidator()(log)).toBe(true);
      const [sarifRun] = log.runs;
      expect(sarifRun!.properties).toMatchObject({ kind: 'scan', grade: 'F' });
      expect([...new Set(sarifRun!.results.map((r) => r.ruleId))].sort()).toEqual(rules);
      const admin = sarifRun!.results.find((r) => r.ruleId === 'web/admin-default-path')!;
      expect(admin.properties.url).toBe(`${insecure.url.replace(/\/$/, '')}/admin/login/`);
      expect(admin.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^127\.0\.0\.1_\d+\/admin\/login\/$/);
      expect(admin.partialFingerprints['deploycheck/v2']).toMatch(/^[0-9a-f]{20}$/);
    });

    it('junit: a suite per rule that ran, a failure per finding', async () => {
      const run = await scan('junit');
      expect(run.code).toBe(1);
      const suites = childElements(parseXml(run.stdout), 'testsuite');
      const failing = suites.filter((suite) => Number(suite.attributes.failures) > 0).map((suite) => suite.attributes.name).sort();
      expect(failing).toEqual(rules);
      // Rules with nothing to report pass.
      expect(suites.some((suite) => suite.attributes.name === 'web/tls-expired' && suite.attributes.failures === '0')).toBe(true);
    });

    it('gitlab: one Code Quality issue per finding, located at the URL', async () => {
      const run = await scan('gitlab');
      const issues = JSON.parse(run.stdout) as { check_name: string; fingerprint: string; location: { path: string } }[];
      expect([...new Set(issues.map((issue) => issue.check_name))].sort()).toEqual(rules);
      expect(new Set(issues.map((issue) => issue.fingerprint)).size).toBe(issues.length);
      expect(issues.find((issue) => issue.check_name === 'web/runserver')!.location.path).toContain('127.0.0.1');
    });

    it('github: an annotation per finding', async () => {
      const run = await scan('github');
      const lines = run.stdout.split('\n').filter((line) => line.startsWith('::'));
      expect(lines.some((line) => line.startsWith('::error') && line.includes('web/debug-page'))).toBe(true);
      expect(lines.length).toBeGreaterThanOrEqual(rules.length);
    });

    it('markdown: the grade and every rule with findings', async () => {
      const run = await scan('markdown');
      expect(run.stdout).toMatch(/\bF\b/);
      for (const rule of rules) expect(run.stdout).toContain(rule);
    });

    it('still refuses a format it does not know', async () => {
      const run = await scan('xml');
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--format must be one of pretty, json, html, sarif, junit, gitlab, github, markdown/);
    });
  });
});
