/** Every scan rule on synthetic observations: one case that fires and one that does not. */
import { describe, expect, it } from 'vitest';
import { loadBuiltInScanRules } from '../../../src/engine/registry.js';
import type { Finding } from '../../../src/engine/types.js';
import { judge } from '../../../src/probe/scan.js';
import type { AssetUrl, HeaderList, ProbeResponse, ProbeResult, ScanObservations, TlsObservation } from '../../../src/probe/types.js';
import { BUCKET_PROBE_PREFIX, PROBE, SOURCE_MAP_PROBE_PREFIX } from '../../../src/probe/types.js';
import { djangoAdminLogin, djangoDebug404 } from '../../probe/servers.js';

const SITE = 'https://site.example/';
const GOOD_HEADERS: HeaderList = [
  ['strict-transport-security', 'max-age=31536000; includeSubDomains'],
  ['x-content-type-options', 'nosniff'],
  ['x-frame-options', 'DENY'],
  ['content-security-policy', "default-src 'self'; script-src 'self' 'nonce-abc'; base-uri 'self'"],
  ['referrer-policy', 'same-origin'],
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['server', 'nginx'],
];

function response(url: string, status = 200, headers: HeaderList = GOOD_HEADERS, body = '<title>Shop</title>', extra: Partial<ProbeResponse> = {}): ProbeResponse {
  return { status, headers, url, redirects: [], body, truncated: false, cookies: [], timing: { headersMs: 1, totalMs: 1 }, ...extra };
}

function probe(id: string, url: string, res?: ProbeResponse, headers: Record<string, string> = {}): ProbeResult {
  return { id, request: { method: 'GET', url, headers }, ...(res ? { response: res } : {}) };
}

/** A hardened site: every rule stays quiet. Each test breaks one thing. */
function hardened(): ScanObservations {
  const tls: TlsObservation = {
    host: 'site.example', port: 443, protocol: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: true, hostnameMatches: true,
    chain: [{ subjectCN: 'site.example', subjectAltNames: ['site.example'], issuerCN: 'CA', validFrom: '2026-01-01T00:00:00.000Z', validTo: '2027-06-01T00:00:00.000Z', daysToExpiry: 190, selfSigned: false }],
    legacy: { TLSv1: false, 'TLSv1.1': false },
  };
  const redirectHop = { url: 'http://site.example/', status: 301, location: SITE, headers: [] as HeaderList };
  return {
    target: SITE, origin: 'https://site.example', startedAt: '2026-11-23T00:00:00.000Z', durationMs: 10, tls, assets: [],
    probes: {
      [PROBE.http]: probe(PROBE.http, 'http://site.example/', response(SITE, 200, GOOD_HEADERS, '<title>Shop</title>', { redirects: [redirectHop] })),
      [PROBE.page]: probe(PROBE.page, SITE, response(SITE, 200, GOOD_HEADERS, '<title>Shop</title>', {
        cookies: [
          { name: 'csrftoken', valueLength: 32, secure: true, httpOnly: false, sameSite: 'Lax', setBy: SITE },
          { name: 'sessionid', valueLength: 32, secure: true, httpOnly: true, sameSite: 'Lax', setBy: SITE },
        ],
      })),
      [PROBE.notFound]: probe(PROBE.notFound, `${SITE}x/`, response(`${SITE}x/`, 404, GOOD_HEADERS, '<h1>Not Found</h1>')),
      [PROBE.admin]: probe(PROBE.admin, `${SITE}admin/`, response(`${SITE}admin/`, 404)),
      [PROBE.adminLogin]: probe(PROBE.adminLogin, `${SITE}admin/login/`, response(`${SITE}admin/login/`, 404)),
      [PROBE.env]: probe(PROBE.env, `${SITE}.env`, response(`${SITE}.env`, 404)),
      [PROBE.git]: probe(PROBE.git, `${SITE}.git/HEAD`, response(`${SITE}.git/HEAD`, 404)),
      [PROBE.debugToolbar]: probe(PROBE.debugToolbar, `${SITE}__debug__/`, response(`${SITE}__debug__/`, 404)),
      [PROBE.bogusHost]: probe(PROBE.bogusHost, SITE, response(SITE, 400, [], 'Bad Request'), { host: 'deploycheck-t.invalid' }),
      [PROBE.cors]: probe(PROBE.cors, SITE, response(SITE, 200, []), { origin: 'https://deploycheck-t.example' }),
      [PROBE.malformedJson]: probe(PROBE.malformedJson, `${SITE}x/malformed-json/`, response(`${SITE}x/malformed-json/`, 400, GOOD_HEADERS, '{"error":"Bad Request"}')),
    },
  };
}

/** What Express 5's default error handler (finalhandler) sends outside production for a body that is not JSON. */
const EXPRESS_DEV_400 =
  '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n' +
  '<pre>SyntaxError: Unexpected end of JSON input<br> &nbsp; &nbsp;at JSON.parse (&lt;anonymous&gt;)<br> &nbsp; &nbsp;at parse (/srv/app/node_modules/body-parser/lib/types/json.js:92:19)' +
  '<br> &nbsp; &nbsp;at /srv/app/node_modules/body-parser/lib/read.js:128:18</pre>\n</body>\n</html>\n';

let rules: Awaited<ReturnType<typeof loadBuiltInScanRules>>;
async function findings(scan: ScanObservations): Promise<Finding[]> {
  rules ??= await loadBuiltInScanRules();
  const result = judge(scan, rules);
  expect(result.errors).toEqual([]);
  return result.findings;
}

async function ruleIds(scan: ScanObservations): Promise<string[]> {
  return [...new Set((await findings(scan)).map((f) => f.rule))];
}

function setHeaders(scan: ScanObservations, edit: (headers: HeaderList) => HeaderList): ScanObservations {
  const page = scan.probes[PROBE.page]!.response!;
  page.headers = edit(page.headers);
  return scan;
}
const without = (name: string) => (headers: HeaderList) => headers.filter(([n]) => n !== name);
const replace = (name: string, value: string) => (headers: HeaderList) => [...headers.filter(([n]) => n !== name), [name, value] as [string, string]];

describe('scan rules on synthetic observations', () => {
  it('say nothing about a hardened site', async () => {
    expect(await findings(hardened())).toEqual([]);
  });

  it('also say nothing when every probe failed', async () => {
    const scan = hardened();
    for (const p of Object.values(scan.probes)) {
      delete p.response;
      p.error = { code: 'connect', message: 'refused' };
    }
    scan.tls = { host: 'site.example', port: 443, chain: [], legacy: {}, error: { code: 'connect', message: 'refused' } };
    expect(await findings(scan)).toEqual([]);
  });

  const cases: [string, (scan: ScanObservations) => ScanObservations][] = [
    ['web/https-redirect-missing', (s) => ((s.probes[PROBE.http]!.response = response('http://site.example/', 200, [])), s)],
    ['web/https-redirect-indirect', (s) => ((s.probes[PROBE.http]!.response!.redirects[0]!.location = 'https://www.site.example/'), s)],
    ['web/hsts-missing', (s) => setHeaders(s, without('strict-transport-security'))],
    ['web/hsts-short', (s) => setHeaders(s, replace('strict-transport-security', 'max-age=3600; includeSubDomains'))],
    ['web/hsts-no-subdomains', (s) => setHeaders(s, replace('strict-transport-security', 'max-age=31536000'))],
    ['web/hsts-preload-ineligible', (s) => setHeaders(s, replace('strict-transport-security', 'max-age=20000000; includeSubDomains; preload'))],
    ['web/tls-untrusted', (s) => ((s.tls!.authorized = false), (s.tls!.authorizationError = 'DEPTH_ZERO_SELF_SIGNED_CERT'), s)],
    ['web/tls-expired', (s) => ((s.tls!.chain[0]!.daysToExpiry = -3), (s.tls!.authorized = false), (s.tls!.authorizationError = 'CERT_HAS_EXPIRED'), s)],
    ['web/tls-hostname-mismatch', (s) => ((s.tls!.hostnameMatches = false), s)],
    ['web/tls-legacy-protocol', (s) => ((s.tls!.legacy.TLSv1 = true), s)],
    ['web/cookie-insecure', (s) => ((s.probes[PROBE.page]!.response!.cookies[1]!.secure = false), s)],
    ['web/cookie-httponly', (s) => ((s.probes[PROBE.page]!.response!.cookies[1]!.httpOnly = false), s)],
    ['web/cookie-samesite', (s) => (delete s.probes[PROBE.page]!.response!.cookies[0]!.sameSite, s)],
    ['web/debug-page', (s) => ((s.probes[PROBE.notFound]!.response!.body = djangoDebug404('/x/')), s)],
    ['web/admin-default-path', (s) => ((s.probes[PROBE.adminLogin]!.response = response(`${SITE}admin/login/`, 200, [], djangoAdminLogin())), s)],
    ['web/env-exposed', (s) => ((s.probes[PROBE.env]!.response = response(`${SITE}.env`, 200, [], 'SECRET_KEY=abc\nDATABASE_URL=postgres://u:p@h/db\n')), s)],
    ['web/git-exposed', (s) => ((s.probes[PROBE.git]!.response = response(`${SITE}.git/HEAD`, 200, [], 'ref: refs/heads/main\n')), s)],
    ['web/debug-toolbar-exposed', (s) => ((s.probes[PROBE.page]!.response!.body += '<div id="djDebug" class="djdt-hidden"></div>'), s)],
    ['web/allowed-hosts-wildcard', (s) => ((s.probes[PROBE.bogusHost]!.response = response(SITE, 200, [], '<title>Shop</title>')), s)],
    ['web/cors-credentials-wildcard', (s) => ((s.probes[PROBE.cors]!.response = response(SITE, 200, [['access-control-allow-origin', 'https://deploycheck-t.example'], ['access-control-allow-credentials', 'true']])), s)],
    ['web/content-type-options-missing', (s) => setHeaders(s, without('x-content-type-options'))],
    ['web/frame-options-missing', (s) => setHeaders(s, without('x-frame-options'))],
    ['web/csp-missing', (s) => setHeaders(s, without('content-security-policy'))],
    ['web/csp-unsafe', (s) => setHeaders(s, replace('content-security-policy', "default-src 'self'; script-src 'self' 'unsafe-inline'"))],
    ['web/csp-incomplete', (s) => setHeaders(s, replace('content-security-policy', "script-src 'self' 'nonce-abc'"))],
    ['web/csp-invalid', (s) => setHeaders(s, replace('content-security-policy', "default-src self; script-src 'self'"))],
    ['web/coop-missing', (s) => setHeaders(s, without('cross-origin-opener-policy'))],
    ['web/corp-missing', (s) => setHeaders(s, replace('cross-origin-resource-policy', 'same-origin, same-site'))],
    ['web/sri-missing', (s) => ((s.probes[PROBE.page]!.response!.body += '<script src="https://cdn.example.net/lib.js"></script>'), s)],
    ['web/referrer-policy-unsafe', (s) => setHeaders(s, replace('referrer-policy', 'unsafe-url'))],
    ['web/server-version-leak', (s) => setHeaders(s, replace('server', 'nginx/1.18.0 (Ubuntu)'))],
    ['web/runserver', (s) => setHeaders(s, replace('server', 'WSGIServer/0.2 CPython/3.12.3'))],
    ['web/bucket-listing-public', (s) => {
      const url = 'https://b.s3.amazonaws.com/';
      s.probes[`${BUCKET_PROBE_PREFIX}${url}`] = probe(`${BUCKET_PROBE_PREFIX}${url}`, url, response(url, 200, [], '<ListBucketResult xmlns="x"><Contents><Key>a</Key></Contents></ListBucketResult>'));
      return s;
    }],
    ['web/mixed-content', (s) => ((s.probes[PROBE.page]!.response!.body += '<script src="http://cdn.site.example/app.js"></script>'), s)],
    ['web/media-unsigned', (s) => ((s.assets = [{ url: 'https://b.s3.amazonaws.com/media/a.png', foundIn: 'img[src]', role: 'media', provider: 's3' } satisfies AssetUrl]), s)],
    ['web/stack-trace-exposed', (s) => ((s.probes[PROBE.malformedJson]!.response!.body = EXPRESS_DEV_400), s)],
    ['web/session-cookie-default-name', (s) => ((s.probes[PROBE.page]!.response!.cookies[1]!.name = 'connect.sid'), s)],
    ['web/source-map-exposed', (s) => {
      const url = `${SITE}_next/static/chunks/main-3f9a.js.map`;
      s.probes[`${SOURCE_MAP_PROBE_PREFIX}${url}`] = probe(`${SOURCE_MAP_PROBE_PREFIX}${url}`, url, response(url, 200, [], '{"version":3,"sources":["webpack://app/./pages/index.tsx"],"mappings":"AAAA"}'));
      return s;
    }],
    ['web/next-dev-mode', (s) => ((s.probes[PROBE.page]!.response!.body += '<script id="__NEXT_DATA__" type="application/json">{"props":{},"page":"/","buildId":"development"}</script>'), s)],
    ['web/x-powered-by', (s) => setHeaders(s, replace('x-powered-by', 'Express'))],
    ['web/signed-url-long-expiry', (s) => ((s.assets = [{ url: 'https://b.s3.amazonaws.com/media/a.png?X-Amz-Signature=x', foundIn: 'img[src]', role: 'media', provider: 's3', signature: { scheme: 'aws-v4', lifetimeSeconds: 30 * 86400 } }]), s)],
  ];

  it('cover every built-in scan rule', async () => {
    rules ??= await loadBuiltInScanRules();
    expect(cases.map(([id]) => id).sort()).toEqual(rules.map((rule) => rule.id).sort());
  });

  it.each(cases)('%s fires on its own problem and nothing else does', async (id, breakIt) => {
    expect(await ruleIds(breakIt(hardened()))).toEqual([id]);
  });

  it('keep the nearby negatives quiet', async () => {
    const quiet = async (edit: (s: ScanObservations) => ScanObservations) => expect(await findings(edit(hardened()))).toEqual([]);
    // A CSRF cookie is meant to be readable by JavaScript.
    await quiet((s) => ((s.probes[PROBE.page]!.response!.cookies[0]!.httpOnly = false), s));
    // CSP frame-ancestors replaces X-Frame-Options.
    await quiet((s) => setHeaders(s, (h) => replace('content-security-policy', "default-src 'self'; frame-ancestors 'none'")(without('x-frame-options')(h))));
    // unsafe-inline is ignored next to a nonce.
    await quiet((s) => setHeaders(s, replace('content-security-policy', "script-src 'self' 'nonce-r4nd' 'unsafe-inline'; object-src 'none'; base-uri 'none'")));
    // A proxy's default site answering a bogus Host is not the Django site.
    await quiet((s) => ((s.probes[PROBE.bogusHost]!.response = response(SITE, 200, [], '<title>Welcome to nginx!</title>')), s));
    // An HTML page at /.env (an SPA catch-all) is not an env file.
    await quiet((s) => ((s.probes[PROBE.env]!.response = response(`${SITE}.env`, 200, [], '<html><body>A=1</body></html>')), s));
    // Signed media, and public static files, on a bucket are fine.
    await quiet((s) => ((s.assets = [
      { url: 'https://b.s3.amazonaws.com/media/a.png?X-Amz-Signature=x&X-Amz-Expires=3600', foundIn: 'img[src]', role: 'media', provider: 's3', signature: { scheme: 'aws-v4', lifetimeSeconds: 3600 } },
      { url: 'https://b.s3.amazonaws.com/static/app.css', foundIn: 'link[href]', role: 'static', provider: 's3' },
    ]), s));
    // Plain-http links to follow, canonical links and https/relative assets are not mixed content.
    await quiet((s) => ((s.probes[PROBE.page]!.response!.body += '<a href="http://old.example/">old</a><link rel="canonical" href="http://site.example/"><img src="/static/a.png"><img src="//site.example/b.png">'), s));
    // A stack trace on a page that answered 200 is content (a post about errors), not an error page.
    await quiet((s) => ((s.probes[PROBE.page]!.response!.body += EXPRESS_DEV_400), s));
    // A source-map URL answered by an SPA catch-all, or by JSON that is not a map.
    await quiet((s) => {
      const url = `${SITE}app.js.map`;
      s.probes[`${SOURCE_MAP_PROBE_PREFIX}${url}`] = probe(`${SOURCE_MAP_PROBE_PREFIX}${url}`, url, response(url, 200, [], '<!doctype html><html><body><div id="root"></div></body></html>'));
      const other = `${SITE}b.js.map`;
      s.probes[`${SOURCE_MAP_PROBE_PREFIX}${other}`] = probe(`${SOURCE_MAP_PROBE_PREFIX}${other}`, other, response(other, 200, [], '{"error":"not found"}'));
      return s;
    });
    // A production Next.js page: hashed chunks and a real build id.
    await quiet((s) => ((s.probes[PROBE.page]!.response!.body += '<script src="/_next/static/chunks/webpack-59c5c889f52620d6.js"></script><script id="__NEXT_DATA__" type="application/json">{"buildId":"Xk2cR8vQp1"}</script>'), s));
    // A CORS preflight that echoes the origin without credentials.
    await quiet((s) => ((s.probes[PROBE.cors]!.response = response(SITE, 200, [['access-control-allow-origin', '*']])), s));
  });

  it('stack-trace-exposed masks a password in the error line it quotes', async () => {
    const scan = hardened();
    const body = 'Error: connect ECONNREFUSED postgres://admin:S3cr3tPassw0rdXyz@db.example.com/app\n    at Client.connect (/srv/app/node_modules/pg/lib/client.js:55:17)\n    at main (/srv/app/server.js:9:3)';
    scan.probes[PROBE.malformedJson]!.response!.body = body;
    const [finding] = (await findings(scan)).filter((f) => f.rule === 'web/stack-trace-exposed');
    expect(finding?.evidence).toContain('postgres://admin:');
    expect(JSON.stringify(finding)).not.toContain('S3cr3tPassw0rdXyz');
  });

  it('judge every preload requirement when the header asks for preload, and nothing without it', async () => {
    const preload = async (edit: (s: ScanObservations) => ScanObservations) => (await findings(edit(hardened()))).filter((f) => f.rule === 'web/hsts-preload-ineligible').map((f) => f.message);
    const header = (value: string) => (s: ScanObservations) => setHeaders(s, replace('strict-transport-security', value));
    expect(await preload(header('max-age=31536000; includeSubDomains; preload'))).toEqual([]);
    expect(await preload(header('max-age=600'))).toEqual([]);
    const [short] = await preload(header('max-age=600; preload'));
    expect(short).toContain('max-age is 600, under 31536000');
    expect(short).toContain('includeSubDomains is missing');
    // Plain HTTP answered, or first sent to another host, on the apex.
    const plain = (s: ScanObservations) => ((s.probes[PROBE.http]!.response = response('http://site.example/', 200, [])), header('max-age=31536000; includeSubDomains; preload')(s));
    expect(await preload(plain)).toEqual([expect.stringContaining('plain HTTP is answered (HTTP 200) without a redirect to HTTPS')]);
    const viaWww = (s: ScanObservations) => ((s.probes[PROBE.http]!.response!.redirects[0]!.location = 'https://www.site.example/'), header('max-age=31536000; includeSubDomains; preload')(s));
    expect(await preload(viaWww)).toEqual([expect.stringContaining('first redirects to https://www.site.example/')]);
    // A refused port 80 is allowed.
    const noHttp = (s: ScanObservations) => {
      delete s.probes[PROBE.http]!.response;
      s.probes[PROBE.http]!.error = { code: 'connect', message: 'refused' };
      return header('max-age=31536000; includeSubDomains; preload')(s);
    };
    expect(await preload(noHttp)).toEqual([]);
    // A subdomain scanned on its own says nothing about the apex, which may well be preloaded.
    const www = (s: ScanObservations) => {
      s.probes[PROBE.page]!.response!.url = 'https://www.site.example/';
      s.probes[PROBE.http]!.request.url = 'http://www.site.example/';
      return header('max-age=600; preload')(s);
    };
    expect(await preload(www)).toEqual([]);
    // The apex redirects to www over HTTPS without HSTS: only www asks for preload.
    const apexToWww = (s: ScanObservations) => {
      const page = s.probes[PROBE.page]!.response!;
      page.redirects = [{ url: SITE, status: 301, location: 'https://www.site.example/', headers: [] }];
      page.url = 'https://www.site.example/';
      return header('max-age=31536000; includeSubDomains; preload')(s);
    };
    expect(await preload(apexToWww)).toEqual([expect.stringContaining(`the apex's HTTPS answer (${SITE}) sends no Strict-Transport-Security, only www.site.example does`)]);
    const found = (await findings(apexToWww(hardened()))).find((f) => f.rule === 'web/hsts-preload-ineligible');
    expect(found?.location).toEqual({ url: SITE });
  });

  it('grade a DEBUG page and an exposed .env at F with the cap explained', async () => {
    const { capsOf, grade } = await import('../../../src/engine/grade.js');
    const scan = hardened();
    scan.probes[PROBE.notFound]!.response!.body = djangoDebug404('/x/');
    const result = grade(await findings(scan), capsOf(await loadBuiltInScanRules()));
    expect(result.grade).toBe('F');
    expect(result.caps.map((cap) => cap.rule)).toEqual(['web/debug-page']);
    // Located at the site: the not-found probe's made-up path changes every scan, the fingerprint must not.
    const [finding] = await findings(scan);
    expect(finding?.location).toEqual({ url: SITE });
    expect(finding?.related.map((note) => note.location)).toEqual([{ url: `${SITE}x/` }]);
  });

  it('report a stack trace at the site, with the probe URL as a related place (made-up paths change every scan)', async () => {
    const scan = hardened();
    scan.probes[PROBE.malformedJson]!.response!.body = EXPRESS_DEV_400;
    const [finding] = await findings(scan);
    expect(finding?.location).toEqual({ url: SITE });
    expect(finding?.related.map((note) => note.location)).toEqual([{ url: `${SITE}x/malformed-json/` }]);
    expect(finding?.evidence).toBe('SyntaxError: Unexpected end of JSON input / at JSON.parse (<anonymous>)');
  });

  it("report a cookie where the page set it, whichever probe finished first", async () => {
    const scan = hardened();
    const cookie = { name: 'connect.sid', valueLength: 80, secure: true, httpOnly: true, sameSite: 'Lax', setBy: `${SITE}.env` };
    // Probes are recorded as they finish: the .env probe first, the page last.
    const { [PROBE.page]: page, ...rest } = scan.probes;
    rest[PROBE.env]!.response!.cookies = [cookie];
    page!.response!.cookies = [{ ...cookie, setBy: SITE }];
    scan.probes = { ...rest, [PROBE.page]: page! };
    const [finding] = await findings(scan);
    expect(finding?.rule).toBe('web/session-cookie-default-name');
    expect(finding?.location).toEqual({ url: SITE });
  });

  it('never put .env values in the evidence', async () => {
    const scan = hardened();
    scan.probes[PROBE.env]!.response = response(`${SITE}.env`, 200, [], 'SECRET_KEY=super-secret-value\n');
    const [finding] = await findings(scan);
    expect(finding?.evidence).toBe('SECRET_KEY');
    expect(JSON.stringify(finding)).not.toContain('super-secret-value');
  });
});
