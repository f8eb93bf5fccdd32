/**
 * reconcile/media-signing-mismatch on 127.0.0.1: a project whose django-storages settings sign media
 * URLs, checked against pages that link a local server answering like S3 behind a custom domain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheckWithUrls } from '../../src/cli/check-url.js';
import type { CheckResult } from '../../src/engine/check.js';
import type { Finding } from '../../src/engine/types.js';
import { makeProject, settings52 } from '../helpers/project.js';
import { makeCertificates, routes, startHttps } from '../probe/servers.js';
import type { Certificates, Handler, Running } from '../probe/servers.js';
import { freePort } from './livesite.js';

const SCAN = { timeoutMs: 3000, budgetMs: 15_000 };
const MEDIA = "STORAGES = {'default': {'BACKEND': 'storages.backends.s3.S3Storage'}}\nAWS_STORAGE_BUCKET_NAME = 'uploads'\n";
const SIGNED = '?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Expires=600&amp;X-Amz-Signature=abc';

const s3 = (status: number, body: string): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'R1', 'x-amz-id-2': 'H1' }).end(body);
};
const DENIED = s3(403, '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>');
const LISTING = s3(200, '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>uploads</Name><Contents><Key>a.png</Key></Contents></ListBucketResult>');

const byRule = (result: CheckResult, rule: string): Finding[] => result.findings.filter((finding) => finding.rule === rule);

describe('media signed by the settings, against what the live page links', () => {
  let certs: Certificates;
  let closedPort: number;
  const servers: Running[] = [];
  const start = async (server: Promise<Running>) => {
    const running = await server;
    servers.push(running);
    return running;
  };
  const page = (body: string) => start(startHttps(certs.valid, routes({ '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body) })));
  const bucket = (root: Handler) => start(startHttps(certs.valid, routes({ '/': root })));
  const check = (settings: string, site: Running) => runCheckWithUrls({ root: makeProject(settings52(settings)) }, [site.url], { ...SCAN, ca: certs.ca, httpPort: closedPort });

  beforeAll(async () => {
    certs = makeCertificates();
    closedPort = await freePort();
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    certs?.cleanup();
  });

  it('reports unsigned media on the bucket although the storage signs, at the storage and the URL, once', async () => {
    const store = await bucket(DENIED);
    const result = await check(MEDIA, await page(`<img src="${store.url}a1b2.png">`));
    const [finding, ...more] = byRule(result, 'reconcile/media-signing-mismatch');
    expect(more).toEqual([]);
    expect(finding!.location).toMatchObject({ file: 'mysite/settings.py', line: 1 });
    expect(finding!.message).toContain('AWS_QUERYSTRING_AUTH is unset (True)');
    expect(finding!.message).toContain('links 1 media URL on s3 unsigned');
    expect(finding!.related[0]!.location).toEqual({ url: `${store.url}a1b2.png` });
    expect(finding!.severity).toBe('medium');
    expect(byRule(result, 'web/media-unsigned')).toEqual([]);
  });

  it('leaves unsigned media to the live rule when the settings do not sign either', async () => {
    const store = await bucket(DENIED);
    const result = await check(`${MEDIA}AWS_QUERYSTRING_AUTH = False\nAWS_DEFAULT_ACL = 'public-read'\n`, await page(`<img src="${store.url}a1b2.png">`));
    expect(byRule(result, 'reconcile/media-signing-mismatch')).toEqual([]);
    expect(byRule(result, 'web/media-unsigned').map((finding) => finding.origin)).toEqual(['live']);
  });

  it('reports signed links into a bucket that lists publicly, high, instead of the listing alone', async () => {
    const store = await bucket(LISTING);
    const result = await check(MEDIA, await page(`<img src="${store.url}a1b2.png${SIGNED}">`));
    const [finding, ...more] = byRule(result, 'reconcile/media-signing-mismatch');
    expect(more).toEqual([]);
    expect(finding!.severity).toBe('high');
    expect(finding!.message).toContain(`lists its contents publicly at ${store.url}`);
    expect(byRule(result, 'web/bucket-listing-public')).toEqual([]);
  });

  it('reports nothing when the links are signed and the bucket does not list', async () => {
    const store = await bucket(DENIED);
    const result = await check(MEDIA, await page(`<img src="${store.url}a1b2.png${SIGNED}">`));
    const storage = ['reconcile/media-signing-mismatch', 'web/media-unsigned', 'web/bucket-listing-public'];
    expect(result.findings.filter((finding) => storage.includes(finding.rule))).toEqual([]);
    expect(result.live?.[0]?.probeErrors.filter((error) => error.startsWith('bucket:'))).toEqual([]);
  });
});
