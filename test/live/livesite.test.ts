/**
 * The live scan against a real Django site (fixtures/livesite) on 127.0.0.1: the insecure settings
 * under gunicorn on plain HTTP, and the hardened settings behind nginx terminating TLS with a valid,
 * an expired and a wrong-host leaf from a throwaway CA. Each configuration has an exact rule-id set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScan } from '../../src/probe/scan.js';
import type { ScanResult } from '../../src/probe/scan.js';
import { PROBE } from '../../src/probe/types.js';
import { requireSystem } from '../helpers/integration.js';
import type { Certificates } from '../probe/servers.js';
import { makeCertificates } from '../probe/servers.js';
import type { Service } from './livesite.js';
import { gunicornAvailable, nginxAvailable, scratchDir, startGunicorn, startNginx } from './livesite.js';

const SCAN = { timeoutMs: 4000, budgetMs: 20_000 };

function ruleIds(result: ScanResult): string[] {
  return [...new Set(result.findings.map((finding) => finding.rule))].sort();
}

/** The failure message: what was found, and what the servers printed. */
function explain(result: ScanResult, services: Service[]): string {
  const findings = result.findings.map((f) => `  ${f.rule} [${f.severity}] ${f.message}`).join('\n');
  const probes = Object.values(result.observations.probes)
    .map((p) => `  ${p.id}: ${p.response ? `HTTP ${p.response.status} ${p.response.url}` : ''}${p.error ? ` ${p.error.code}: ${p.error.message}` : ''}`)
    .join('\n');
  return `findings:\n${findings}\nprobes:\n${probes}\n${services.map((s) => s.logs()).join('\n')}`;
}

const skipGunicorn = requireSystem('gunicorn (Debian) with Django under /usr/bin/python3', gunicornAvailable());
const skipNginx = skipGunicorn || requireSystem('nginx (Debian) and openssl', nginxAvailable());

describe.skipIf(skipGunicorn)('insecure livesite under gunicorn (plain HTTP)', () => {
  const scratch = scratchDir();
  let gunicorn: Service & { port: number };
  let result: ScanResult;

  beforeAll(async () => {
    gunicorn = await startGunicorn('insecure', scratch.path);
    result = await runScan(`http://127.0.0.1:${gunicorn.port}/`, SCAN);
  });
  afterAll(async () => {
    await gunicorn?.stop();
    scratch.remove();
  });

  it('finds every planted problem, and nothing else', () => {
    expect(ruleIds(result), explain(result, [gunicorn])).toEqual([
      'web/admin-default-path', // the admin at admin/
      'web/allowed-hosts-wildcard', // ALLOWED_HOSTS = ['*']
      'web/content-type-options-missing', // SECURE_CONTENT_TYPE_NOSNIFF = False
      'web/cookie-httponly', // SESSION_COOKIE_HTTPONLY = False
      'web/cookie-insecure', // no SESSION_COOKIE_SECURE / CSRF_COOKIE_SECURE
      'web/cookie-samesite', // SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = None
      'web/coop-missing', // Django 3.2 cannot send COOP
      'web/corp-missing',
      'web/cors-credentials-wildcard', // ReflectOriginCorsMiddleware
      'web/csp-missing',
      'web/debug-page', // DEBUG = True
      'web/env-exposed', // the project directory served as files
      'web/frame-options-missing', // no XFrameOptionsMiddleware
      'web/https-redirect-missing', // plain HTTP only
      'web/referrer-policy-unsafe', // SECURE_REFERRER_POLICY = 'unsafe-url'
      'web/sri-missing', // the CDN script has no integrity
    ]);
    expect(result.grade.grade).toBe('F');
    expect(result.grade.caps.map((cap) => cap.rule).sort()).toEqual(['web/debug-page', 'web/env-exposed']);
  });

  it('rates the session cookie worse than the CSRF cookie', () => {
    const insecureCookies = result.findings.filter((f) => f.rule === 'web/cookie-insecure').map((f) => [f.message.match(/'(\w+)'/)?.[1], f.severity]);
    expect(insecureCookies.sort()).toEqual([['csrftoken', 'medium'], ['sessionid', 'high']]);
    expect(result.observations.probes[PROBE.page]?.response?.status).toBe(200);
  });
});

describe.skipIf(skipNginx)('hardened livesite behind nginx TLS', () => {
  const scratch = scratchDir();
  let certs: Certificates;
  let gunicorn: Service & { port: number };
  const proxies: Record<'valid' | 'expired' | 'wrongHost', Service & { httpPort: number; httpsPort: number }> = {} as never;
  const results: Partial<Record<keyof typeof proxies, ScanResult>> = {};
  /** The bad leaves scanned with --insecure, so the header rules still see the page. */
  const unverified: Partial<Record<'expired' | 'wrongHost', ScanResult>> = {};

  beforeAll(async () => {
    certs = makeCertificates();
    gunicorn = await startGunicorn('hardened', scratch.path);
    for (const leaf of ['valid', 'expired', 'wrongHost'] as const) {
      proxies[leaf] = await startNginx({ tls: certs[leaf], upstream: gunicorn.port, scratch: scratch.path });
    }
    await Promise.all(
      (['valid', 'expired', 'wrongHost'] as const).map(async (leaf) => {
        const target = `https://127.0.0.1:${proxies[leaf].httpsPort}/`;
        const options = { ...SCAN, ca: certs.ca, httpPort: proxies[leaf].httpPort };
        results[leaf] = await runScan(target, options);
        if (leaf !== 'valid') unverified[leaf] = await runScan(target, { ...options, insecure: true });
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
    await gunicorn?.stop();
    certs?.cleanup();
    scratch.remove();
  });

  it('finds nothing with the valid leaf, and grades it A+', () => {
    const result = results.valid!;
    expect(ruleIds(result), explain(result, [proxies.valid, gunicorn])).toEqual([]);
    expect(result.grade.grade).toBe('A+');
    const { probes, tls } = result.observations;
    expect(tls).toMatchObject({ authorized: true, hostnameMatches: true, legacy: { TLSv1: false, 'TLSv1.1': false } });
    expect(probes[PROBE.http]?.response).toMatchObject({ status: 200, url: `https://127.0.0.1:${proxies.valid.httpsPort}/` });
    expect(probes[PROBE.http]?.response?.redirects[0]).toMatchObject({ status: 301 });
    expect(probes[PROBE.bogusHost]?.response?.status).toBe(400);
    expect(probes[PROBE.env]?.response?.status).toBe(404);
  });

  it.each([
    ['expired', 'web/tls-expired', 'CERT_HAS_EXPIRED', 'C+'],
    ['wrongHost', 'web/tls-hostname-mismatch', 'ERR_TLS_CERT_ALTNAME_INVALID', 'B+'],
  ] as const)('reports the %s leaf, and only that', (leaf, rule, code, grade) => {
    const result = results[leaf]!;
    expect(ruleIds(result), explain(result, [proxies[leaf], gunicorn])).toEqual([rule]);
    expect(result.grade.grade).toBe(grade);
    // The certificate stops every verified HTTP probe.
    expect(result.observations.probes[PROBE.page]?.error?.message).toContain(code);
    const insecure = unverified[leaf]!;
    expect(ruleIds(insecure), explain(insecure, [proxies[leaf], gunicorn])).toEqual([rule]);
    expect(insecure.observations.probes[PROBE.page]?.response?.status).toBe(200);
  });
});

