/**
 * `check --url`: the static check of fixtures/livesite and a live scan of a real server on 127.0.0.1,
 * reconciled into one report (src/engine/combine.ts, rules/reconcile/).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckWithUrls } from '../../src/cli/check-url.js';
import { runCheck } from '../../src/frameworks.js';
import type { CheckResult } from '../../src/engine/check.js';
import type { Finding } from '../../src/engine/types.js';
import { requireSystem } from '../helpers/integration.js';
import { runCli } from '../helpers/cli.js';
import { djangoAdminLogin, makeCertificates, startHttp, startHttps } from '../probe/servers.js';
import type { Certificates, Running } from '../probe/servers.js';
import { LIVESITE_DIR, freePort, gunicornAvailable, nginxAvailable, scratchDir, startGunicorn, startNginx } from './livesite.js';
import type { Service } from './livesite.js';

const SCAN = { timeoutMs: 3000, budgetMs: 15_000 };
const hardened = { root: LIVESITE_DIR, frameworkOptions: { settings: 'livesite.settings.hardened' } };
const insecure = { root: LIVESITE_DIR, frameworkOptions: { settings: 'livesite.settings.insecure' } };

const byRule = (result: CheckResult, rule: string): Finding[] => result.findings.filter((finding) => finding.rule === rule);
const place = (finding: Finding) => ('file' in finding.location ? `${finding.location.file}:${finding.location.line}` : finding.location.url);
const deducted = (result: CheckResult, rule: string) => result.grade.deductions.filter((d) => d.rule === rule).length;

/**
 * A page with every header the hardened settings send, or with `omit` left out (a proxy stripping it).
 * Like Django with the hardened ALLOWED_HOSTS, it answers 400 to a Host other than 127.0.0.1 or localhost,
 * unless `anyHost`; with `admin`, the Django admin login answers at /admin/login/.
 */
function page(omit: readonly string[] = [], cookie?: string, { anyHost = false, admin = false } = {}) {
  const headers: Record<string, string> = {
    ...(cookie ? { 'set-cookie': cookie } : {}),
    'content-type': 'text/html; charset=utf-8',
    'strict-transport-security': 'max-age=31536000; includeSubDomains; preload',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
  };
  for (const name of omit) delete headers[name];
  return (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!anyHost && host !== '127.0.0.1' && host !== 'localhost') return void res.writeHead(400, { 'content-type': 'text/html' }).end('<h1>Bad Request (400)</h1>');
    if (admin && req.url?.startsWith('/admin/')) return void res.writeHead(200, headers).end(djangoAdminLogin());
    res.writeHead(200, headers).end('<html><head><title>ok</title></head><body>ok</body></html>');
  };
}

describe('hardened settings behind a server that strips headers', () => {
  let certs: Certificates;
  let stripping: Running;
  let faithful: Running;
  let cookieRewriting: Running;
  let redirector: Running;
  let closedPort: number;

  beforeAll(async () => {
    certs = makeCertificates();
    stripping = await startHttps(certs.valid, page(['strict-transport-security']));
    faithful = await startHttps(certs.valid, page([], 'csrftoken=abc123; Path=/; SameSite=Lax; Secure'));
    cookieRewriting = await startHttps(certs.valid, page([], 'csrftoken=abc123; Path=/; SameSite=Lax'));
    redirector = await startHttp((_req, res) => res.writeHead(301, { location: faithful.url }).end());
    closedPort = await freePort();
  });
  afterAll(async () => {
    await stripping?.close();
    await faithful?.close();
    await cookieRewriting?.close();
    await redirector?.close();
    certs?.cleanup();
  });

  const scanOptions = () => ({ ...SCAN, ca: certs.ca, httpPort: closedPort });

  it('reports HSTS missing on every response once, at the settings line and the URL', async () => {
    const result = await runCheckWithUrls(hardened, [stripping.url], scanOptions());
    const [finding, ...more] = byRule(result, 'reconcile/header-stripped');
    expect(more).toEqual([]);
    expect(finding).toBeDefined();
    expect(place(finding!)).toBe('livesite/settings/hardened.py:23');
    expect(finding!.message).toContain('SECURE_HSTS_SECONDS');
    expect(finding!.message).toContain('something in front strips it');
    expect(finding!.related.map((note) => note.location)).toContainEqual({ url: stripping.url });
    expect(finding!.origin).toBe('both');
    // The live twin is not reported (nor deducted) a second time.
    expect(byRule(result, 'web/hsts-missing')).toEqual([]);
    expect(deducted(result, 'reconcile/header-stripped')).toBe(1);
    expect(deducted(result, 'web/hsts-missing')).toBe(0);
  });

  it('reports nothing to reconcile when the server sends what the settings send, and redirects plain HTTP', async () => {
    const result = await runCheckWithUrls(hardened, [faithful.url], { ...scanOptions(), httpPort: redirector.port });
    expect(result.live?.[0]?.probeErrors.filter((error) => error.startsWith('http '))).toEqual([]);
    expect(result.findings.filter((finding) => finding.rule.startsWith('reconcile/'))).toEqual([]);
    expect(result.findings.map((finding) => finding.rule)).not.toContain('web/hsts-missing');
    expect(result.findings.map((finding) => finding.rule)).not.toContain('web/cookie-insecure');
  });

  it('reports a CSRF cookie set without Secure although CSRF_COOKIE_SECURE is True, once', async () => {
    const result = await runCheckWithUrls(hardened, [cookieRewriting.url], scanOptions());
    const [finding, ...more] = byRule(result, 'reconcile/cookie-secure-stripped');
    expect(more).toEqual([]);
    expect(place(finding!)).toBe('livesite/settings/hardened.py:27');
    expect(finding!.message).toContain("'csrftoken'");
    expect(finding!.related[0]!.location).toEqual({ url: cookieRewriting.url });
    expect(byRule(result, 'web/cookie-insecure')).toEqual([]);
    expect(deducted(result, 'reconcile/cookie-secure-stripped')).toBe(1);
  });

  it('keeps the static half whole and lists the live errors for a URL that does not answer', async () => {
    const alone = await runCheck(hardened);
    const result = await runCheckWithUrls(hardened, [`https://127.0.0.1:${closedPort}/`], scanOptions());
    expect(result.findings.filter((finding) => finding.origin === 'static').map(place)).toEqual(alone.findings.map(place));
    expect(result.findings.filter((finding) => finding.origin !== 'static')).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.live?.[0]?.probeErrors.some((error) => error.startsWith('page '))).toBe(true);
    expect(result.grade.score).toBe(alone.grade.score);
  });

  it('shows the reconciliation and each origin in the pretty report (--ca for the local CA)', async () => {
    const run = await runCli('check', LIVESITE_DIR, '--settings', 'livesite.settings.hardened', '--url', stripping.url, '--ca', certs.caFile, '--no-color');
    expect(run.stdout).toMatch(/strict-transport-security.*reconcile\/header-stripped \[both\]/);
    expect(run.stdout).toContain('django/sqlite-in-production [static]');
    expect(run.stdout).toContain(`live: ${stripping.url}`);
  });

  it('gives the same report from the scan side: scan URL --project DIR', async () => {
    const rules = (stdout: string) => (JSON.parse(stdout) as { findings: Finding[] }).findings.map((finding) => `${finding.rule} ${finding.origin}`).sort();
    const common = ['--settings', 'livesite.settings.hardened', '--ca', certs.caFile, '--format', 'json'];
    const fromScan = await runCli('scan', stripping.url, '--project', LIVESITE_DIR, '--http-port', String(closedPort), ...common);
    const fromCheck = await runCli('check', LIVESITE_DIR, '--url', stripping.url, ...common);
    expect(fromScan.stderr).toBe('');
    expect(rules(fromScan.stdout)).toContain('reconcile/header-stripped both');
    expect(rules(fromScan.stdout)).toContain('django/sqlite-in-production static');
    expect(rules(fromScan.stdout)).toEqual(rules(fromCheck.stdout));
    expect(fromScan.code).toBe(fromCheck.code);
  });

  it('refuses a project option on a scan without --project', async () => {
    const run = await runCli('scan', stripping.url, '--settings', 'livesite.settings.hardened');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--settings applies to the project: add --project DIR');
  });

  it('refuses a --url that is not an http(s) URL', async () => {
    const run = await runCli('check', LIVESITE_DIR, '--url', 'ftp://127.0.0.1/');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--url');
  });

  it('exits with the gate (not 2) and shows the live errors in JSON', async () => {
    const run = await runCli('check', LIVESITE_DIR, '--settings', 'livesite.settings.hardened', '--url', `http://127.0.0.1:${closedPort}/`, '--format', 'json');
    expect(run.code).not.toBe(2);
    const report = JSON.parse(run.stdout) as { live: { target: string; probeErrors: string[] }[]; findings: Finding[] };
    expect(report.live[0]!.probeErrors.length).toBeGreaterThan(0);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings.every((finding) => finding.origin === 'static')).toBe(true);
  });
});

describe('the hardened settings against a site that serves any Host and the admin at /admin/', () => {
  let certs: Certificates;
  let open: Running;
  let faithful: Running;
  let closedPort: number;
  beforeAll(async () => {
    certs = makeCertificates();
    open = await startHttps(certs.valid, page([], undefined, { anyHost: true, admin: true }));
    faithful = await startHttps(certs.valid, page([], undefined, { admin: false }));
    closedPort = await freePort();
  });
  afterAll(async () => {
    await open?.close();
    await faithful?.close();
    certs?.cleanup();
  });
  const scanOptions = () => ({ ...SCAN, ca: certs.ca, httpPort: closedPort });

  it('reports the admin at /admin/ although urls.py mounts it elsewhere, at the mount and the URL, once', async () => {
    const result = await runCheckWithUrls(hardened, [open.url], scanOptions());
    const [finding, ...more] = byRule(result, 'reconcile/admin-path-mismatch');
    expect(more).toEqual([]);
    expect(place(finding!)).toMatch(/^livesite\/urls\.py:\d+$/);
    expect(finding!.message).toContain('urls.py mounts the admin at /staff-3b81d0/');
    expect(finding!.related[0]!.location).toEqual({ url: `${open.url}admin/login/` });
    expect(byRule(result, 'web/admin-default-path')).toEqual([]);
    expect(deducted(result, 'reconcile/admin-path-mismatch')).toBe(1);
  });

  it('reports a bogus Host served although ALLOWED_HOSTS lists only real names, at the setting and the URL', async () => {
    const result = await runCheckWithUrls(hardened, [open.url], scanOptions());
    const [finding, ...more] = byRule(result, 'reconcile/allowed-hosts-bogus-accepted');
    expect(more).toEqual([]);
    expect(place(finding!)).toBe('livesite/settings/hardened.py:5');
    expect(finding!.message).toMatch(/ALLOWED_HOSTS \(127\.0\.0\.1, localhost\) rejects Host: deploycheck-\S+\.invalid/);
    expect(finding!.related[0]!.location).toEqual({ url: open.url });
    expect(byRule(result, 'web/allowed-hosts-wildcard')).toEqual([]);
  });

  it('reports neither when the site rejects the bogus Host and has no admin at /admin/', async () => {
    const result = await runCheckWithUrls(hardened, [faithful.url], scanOptions());
    expect(result.live?.[0]?.probeErrors.filter((error) => error.startsWith('page ') || error.startsWith('bogus-host '))).toEqual([]);
    expect(result.findings.filter((finding) => finding.rule.startsWith('reconcile/')).map((finding) => finding.rule)).toEqual([]);
  });

  it('leaves both to the static and live rules when the settings themselves allow any host and mount admin/', async () => {
    const result = await runCheckWithUrls(insecure, [open.url], scanOptions());
    expect(byRule(result, 'reconcile/admin-path-mismatch')).toEqual([]);
    expect(byRule(result, 'reconcile/allowed-hosts-bogus-accepted')).toEqual([]);
    expect(byRule(result, 'django/allowed-hosts-wildcard')[0]?.origin).toBe('both');
  });
});

describe('a plain-HTTP site against settings that also send headers over HTTP', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startHttp(page(['x-content-type-options', 'x-frame-options']));
  });
  afterAll(async () => server?.close());

  it('names every header missing everywhere, and never HSTS (Django sends it only over HTTPS)', async () => {
    const result = await runCheckWithUrls(hardened, [server.url], SCAN);
    const about = byRule(result, 'reconcile/header-stripped').map((finding) => /send (\S+),/.exec(finding.message)?.[1]);
    expect(about.sort()).toEqual(['x-content-type-options', 'x-frame-options']);
  });

  it('reports plain HTTP answered although SECURE_SSL_REDIRECT is on, at the setting and the URL', async () => {
    const result = await runCheckWithUrls(hardened, [server.url], SCAN);
    const [finding, ...more] = byRule(result, 'reconcile/ssl-redirect-stripped');
    expect(more).toEqual([]);
    expect(place(finding!)).toBe('livesite/settings/hardened.py:22');
    expect(finding!.related[0]!.location).toEqual({ url: server.url });
    expect(byRule(result, 'web/https-redirect-missing')).toEqual([]);
  });
});

const skipGunicorn = requireSystem('gunicorn (Debian) with Django under /usr/bin/python3', gunicornAvailable());

describe.skipIf(skipGunicorn)('the insecure settings running under gunicorn', () => {
  const scratch = scratchDir();
  let gunicorn: Service & { port: number };
  let url: string;

  beforeAll(async () => {
    gunicorn = await startGunicorn('insecure', scratch.path);
    url = `http://127.0.0.1:${gunicorn.port}/`;
  });
  afterAll(async () => {
    await gunicorn?.stop();
    scratch.remove();
  });

  it('reports a DEBUG page while the checked settings turn DEBUG off, at the DEBUG line and the URL', async () => {
    const result = await runCheckWithUrls(hardened, [url], SCAN);
    const [finding, ...more] = byRule(result, 'reconcile/debug-page-settings-off');
    expect(more).toEqual([]);
    expect(place(finding!)).toBe('livesite/settings/hardened.py:4');
    expect(finding!.message).toContain('production does not run these settings');
    expect(finding!.related[0]!.location).toHaveProperty('url');
    expect(byRule(result, 'web/debug-page')).toEqual([]);
    expect(result.grade.grade).toBe('F');
  });

  it('reports the admin at /admin/ and a bogus Host served, which the hardened urls.py and ALLOWED_HOSTS rule out', async () => {
    const result = await runCheckWithUrls(hardened, [url], SCAN);
    expect(byRule(result, 'reconcile/admin-path-mismatch').map((finding) => finding.related[0]!.location)).toEqual([{ url: `${url}admin/login/` }]);
    expect(byRule(result, 'reconcile/allowed-hosts-bogus-accepted').map(place)).toEqual(['livesite/settings/hardened.py:5']);
    expect(byRule(result, 'web/admin-default-path')).toEqual([]);
    expect(byRule(result, 'web/allowed-hosts-wildcard')).toEqual([]);
  });

  it('reports DEBUG once when both halves see it, with both places, deducted once', async () => {
    const result = await runCheckWithUrls(insecure, [url], SCAN);
    const [debug, ...more] = byRule(result, 'django/debug');
    expect(more).toEqual([]);
    expect(debug!.origin).toBe('both');
    expect(debug!.related.some((note) => 'url' in note.location && note.message.startsWith('also seen live'))).toBe(true);
    expect(byRule(result, 'web/debug-page')).toEqual([]);
    expect(deducted(result, 'django/debug')).toBe(1);
    expect(byRule(result, 'reconcile/debug-page-settings-off')).toEqual([]);
    expect(byRule(result, 'reconcile/admin-path-mismatch')).toEqual([]);
    expect(byRule(result, 'reconcile/allowed-hosts-bogus-accepted')).toEqual([]);
  });
});

const skipNginx = skipGunicorn || requireSystem('nginx (Debian) and openssl', nginxAvailable());

describe.skipIf(skipNginx)('the hardened settings under gunicorn behind nginx (TLS)', () => {
  const scratch = scratchDir();
  let certs: Certificates;
  let gunicorn: Service & { port: number };
  let nginx: Service & { httpPort: number; httpsPort: number };

  beforeAll(async () => {
    certs = makeCertificates();
    gunicorn = await startGunicorn('hardened', scratch.path);
    nginx = await startNginx({ tls: certs.valid, upstream: gunicorn.port, scratch: scratch.path });
  });
  afterAll(async () => {
    await nginx?.stop();
    await gunicorn?.stop();
    certs?.cleanup();
    scratch.remove();
  });

  it('reconciles without a finding: the site sends what the settings say', async () => {
    const url = `https://127.0.0.1:${nginx.httpsPort}/`;
    const result = await runCheckWithUrls(hardened, [url], { ...SCAN, ca: certs.ca, httpPort: nginx.httpPort });
    const logs = [gunicorn, nginx].map((service) => service.logs()).join('\n');
    expect(result.live?.[0]?.probeErrors.filter((error) => error.startsWith('page ')), logs).toEqual([]);
    expect(result.findings.filter((finding) => finding.rule.startsWith('reconcile/')).map((finding) => finding.message), logs).toEqual([]);
  });
});
