/** The finer header rules (CSP quality, SRI, COOP, CORP) on one synthetic page each. */
import { describe, expect, it } from 'vitest';
import { loadBuiltInScanRules } from '../../../src/engine/registry.js';
import type { Finding } from '../../../src/engine/types.js';
import { judge } from '../../../src/probe/scan.js';
import type { HeaderList, ScanObservations } from '../../../src/probe/types.js';
import { PROBE } from '../../../src/probe/types.js';
import { siteOf } from '../../../src/probe/scripts.js';

const PAGE = 'https://shop.example.com/';
const RULES = ['web/csp-unsafe', 'web/csp-incomplete', 'web/csp-invalid', 'web/sri-missing', 'web/coop-missing', 'web/corp-missing'];
const ISOLATION: HeaderList = [
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
];

function page(headers: HeaderList, body = '<title>Shop</title>', url = PAGE): ScanObservations {
  return {
    target: url, origin: new URL(url).origin, startedAt: '2026-11-23T00:00:00.000Z', durationMs: 1, assets: [],
    probes: {
      [PROBE.page]: {
        id: PROBE.page, request: { method: 'GET', url, headers: {} },
        response: { status: 200, headers: [['content-type', 'text/html'], ...headers], url, redirects: [], body, truncated: false, cookies: [], timing: { headersMs: 1, totalMs: 1 } },
      },
    },
  };
}

async function run(scan: ScanObservations): Promise<Finding[]> {
  const rules = (await loadBuiltInScanRules()).filter((rule) => RULES.includes(rule.id));
  const result = judge(scan, rules);
  expect(result.errors).toEqual([]);
  return result.findings;
}

const csp = (policy: string): HeaderList => [['content-security-policy', policy], ...ISOLATION];
const summary = (findings: Finding[]) => findings.map((f) => `${f.rule} ${f.severity}: ${f.message}`);

describe('CSP quality', () => {
  it('accepts a strict nonce policy with object-src and base-uri', async () => {
    expect(await run(page(csp("script-src 'nonce-r4nd' 'strict-dynamic' https: 'unsafe-inline'; object-src 'none'; base-uri 'none'")))).toEqual([]);
  });

  it('flags unsafe-inline without a nonce as medium, and unsafe-eval alone as low', async () => {
    expect(summary(await run(page(csp("default-src 'self'; script-src 'self' 'unsafe-inline'"))))).toEqual(["web/csp-unsafe medium: the CSP allows unsafe scripts: 'unsafe-inline'"]);
    expect(summary(await run(page(csp("default-src 'self'; script-src 'self' 'unsafe-eval'"))))).toEqual(["web/csp-unsafe low: the CSP allows unsafe scripts: 'unsafe-eval'"]);
  });

  it('reads default-src * as unsafe scripts when script-src is absent', async () => {
    expect(summary(await run(page(csp('default-src *'))))).toEqual(['web/csp-unsafe medium: the CSP allows unsafe scripts: *']);
  });

  it('is satisfied when one of two enforced policies is safe (a header and a meta policy)', async () => {
    const body = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`;
    expect(await run(page(csp("script-src * 'unsafe-inline'"), body))).toEqual([]);
  });

  it('reports the gaps of a script-safe policy: default-src *, missing object-src and base-uri', async () => {
    const [finding, ...rest] = await run(page(csp("default-src *; script-src 'nonce-abc'")));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: 'web/csp-incomplete', severity: 'low' });
    expect(finding!.message).toMatch(/default-src \* lets every resource type.*object-src allows \*.*no base-uri/);
    expect(summary(await run(page(csp("script-src 'self'"))))).toEqual(['web/csp-incomplete low: the CSP leaves gaps: no object-src (or default-src): plugins load from anywhere']);
  });

  it('reports strict-dynamic without a nonce, unquoted keywords, unknown and repeated directives, meta-only limits', async () => {
    const [finding] = await run(page(csp("default-src 'self'; script-src 'strict-dynamic' self; scirpt-src 'self'; default-src *")));
    expect(finding?.rule).toBe('web/csp-invalid');
    expect(finding!.message).toContain('default-src appears twice');
    expect(finding!.message).toContain("unknown directive 'scirpt-src'");
    expect(finding!.message).toContain('script-src has self without single quotes');
    expect(finding!.message).toContain("'strict-dynamic' without a nonce or hash");
    const meta = `<meta http-equiv="content-security-policy" content="default-src 'self'; frame-ancestors 'none'">`;
    expect(summary(await run(page(ISOLATION, meta)))).toEqual(["web/csp-invalid low: the CSP has an error: frame-ancestors is ignored in a <meta> policy"]);
  });
});

describe('SRI', () => {
  const strict = csp("default-src 'self'; script-src 'self' https://cdn.example.net");

  it('flags a cross-site script without integrity (low over https, medium over http)', async () => {
    expect(summary(await run(page(strict, '<script src="https://cdn.example.net/a.js"></script><script src="/app.js"></script>')))).toEqual([
      'web/sri-missing low: 1 script from another site loads without an integrity hash',
    ]);
    const findings = await run(page(strict, "<script defer src='http://cdn.example.net/a.js'></script>"));
    expect(summary(findings)).toEqual(['web/sri-missing medium: 1 script from another site loads without an integrity hash, over plain HTTP']);
  });

  it('accepts integrity hashes and scripts of the same site (subdomains included)', async () => {
    const body =
      '<script src="https://cdn.example.net/a.js" integrity="sha384-abc+/=" crossorigin="anonymous"></script>' +
      '<script src="https://static.example.com/b.js"></script><script>inline()</script>';
    expect(await run(page(strict, body))).toEqual([]);
  });

  it('groups hosts by site', () => {
    expect(siteOf('static.example.com')).toBe('example.com');
    expect(siteOf('a.b.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
  });
});

describe('COOP and CORP', () => {
  const policy: HeaderList = [['content-security-policy', "default-src 'self'"]];

  it('report missing headers as info and invalid ones as low', async () => {
    expect(summary(await run(page(policy)))).toEqual([
      'web/coop-missing info: no Cross-Origin-Opener-Policy header: other sites that open this page keep a handle on it',
      'web/corp-missing info: no Cross-Origin-Resource-Policy header: any site may load this page as a resource',
    ]);
    const invalid = await run(page([...policy, ['cross-origin-opener-policy', 'same-site'], ['cross-origin-resource-policy', 'self']]));
    expect(invalid.map((f) => [f.rule, f.severity])).toEqual([['web/coop-missing', 'low'], ['web/corp-missing', 'low']]);
  });

  it('accept isolating values, COOP parameters included', async () => {
    const headers: HeaderList = [...policy, ['cross-origin-opener-policy', 'same-origin-allow-popups; report-to="coop"'], ['cross-origin-resource-policy', 'cross-origin']];
    expect(await run(page(headers))).toEqual([]);
  });
});
