/**
 * Live gaps on 127.0.0.1: mixed content on an HTTPS page, and buckets behind custom domains that only
 * their responses give away (S3, GCS, Azure), each on its own port so the page sees another origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Handler, Running } from './servers.js';
import { makeCertificates, routes, startHttp, startHttps } from './servers.js';
import type { Certificates } from './servers.js';
import { runScan } from '../../src/probe/scan.js';
import type { ScanResult } from '../../src/probe/scan.js';
import { BUCKET_PROBE_PREFIX } from '../../src/probe/types.js';

const RULES = ['web/bucket-listing-public', 'web/media-unsigned', 'web/mixed-content'];
const SCAN = { timeoutMs: 3000, budgetMs: 15_000, only: RULES };

const xml = (status: number, headers: Record<string, string>, body: string): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/xml', ...headers }).end(body);
};

const S3_DENIED = xml(403, { 'x-amz-request-id': 'R1', 'x-amz-id-2': 'H1' }, '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId><HostId>H1</HostId></Error>');
/** GCS answering without any x-goog header: only the listing's namespace tells it from S3. */
const GCS_LISTING = xml(200, {}, "<?xml version='1.0' encoding='UTF-8'?><ListBucketResult xmlns='http://doc.s3.amazonaws.com/2006-03-01'><Name>media.example</Name><Contents><Key>media/a.png</Key></Contents><Contents><Key>backups/db.sql</Key></Contents></ListBucketResult>");
const AZURE_ROOT = xml(400, { 'x-ms-request-id': 'R2', 'x-ms-version': '2021-08-06' }, '<?xml version="1.0" encoding="utf-8"?><Error><Code>InvalidQueryParameterValue</Code><Message>Value for one of the query parameters specified in the request URI is invalid.\nRequestId:R2</Message></Error>');
const AZURE_CONTAINER: Handler = (req, res) => {
  if (!req.url?.includes('comp=list')) return void res.writeHead(404).end();
  xml(200, { 'x-ms-request-id': 'R3', 'x-ms-version': '2021-08-06' }, '<?xml version="1.0" encoding="utf-8"?><EnumerationResults ContainerName="media"><Blobs><Blob><Name>a.png</Name></Blob></Blobs></EnumerationResults>')(req, res);
};

function ruleIds(result: ScanResult): string[] {
  return [...new Set(result.findings.map((finding) => finding.rule))].sort();
}

describe('live gaps', () => {
  let certs: Certificates;
  const servers: Running[] = [];
  const start = async (server: Promise<Running>) => {
    const running = await server;
    servers.push(running);
    return running;
  };
  /** An HTTPS page with `body`; every other path is a plain 404. */
  const page = (body: string) => start(startHttps(certs.valid, routes({ '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body) })));
  const bucket = (root: Handler, others: Record<string, Handler> = {}) => start(startHttps(certs.valid, routes({ '/': root, ...others })));
  const scan = (site: Running) => runScan(site.url, { ...SCAN, ca: certs.ca });

  beforeAll(() => {
    certs = makeCertificates();
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.close()));
    certs?.cleanup();
  });

  it('reports scripts over http:// as high and images as low on an HTTPS page', async () => {
    const plain = await start(startHttp(routes({})));
    const site = await page(`<script src="${plain.url}app.js"></script><link rel="stylesheet" href="${plain.url}app.css"><img src="${plain.url}logo.png"><a href="http://old.example/">old</a>`);
    const result = await scan(site);
    const mixed = result.findings.filter((f) => f.rule === 'web/mixed-content').map((f) => [f.severity, f.message]);
    expect(mixed.sort()).toEqual([
      ['high', 'the HTTPS page loads 2 script/style/frame resources over plain HTTP'],
      ['low', 'the HTTPS page loads 1 image/media resource over plain HTTP'],
    ]);
    expect(result.findings.find((f) => f.severity === 'high')?.evidence).toContain(`script[src] ${plain.url}app.js`);
  });

  it('finds nothing mixed on a page whose assets are all https or relative', async () => {
    const site = await page('<script src="/static/app.js"></script><img src="//127.0.0.1/x.png"><a href="http://old.example/">old</a>');
    expect(ruleIds(await scan(site))).toEqual([]);
  });

  it('recognises GCS behind a custom domain by its listing and reports the listing and the unsigned media', async () => {
    const gcs = await bucket(GCS_LISTING);
    const result = await scan(await page(`<img src="${gcs.url}media/a.png">`));
    expect(ruleIds(result)).toEqual(['web/bucket-listing-public', 'web/media-unsigned']);
    expect(result.observations.assets[0]).toMatchObject({ provider: 'gcs', listingUrl: gcs.url });
    expect(result.findings.find((f) => f.rule === 'web/bucket-listing-public')?.evidence).toBe('3 entries in the first page');
  });

  it('recognises S3 that only serves signed URLs, and reports nothing', async () => {
    const s3 = await bucket(S3_DENIED);
    const signed = `${s3.url}media/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Date=20260101T000000Z&amp;X-Amz-Expires=600&amp;X-Amz-Signature=abc`;
    const result = await scan(await page(`<img src="${signed}">`));
    expect(ruleIds(result)).toEqual([]);
    expect(result.observations.assets[0]).toMatchObject({ provider: 's3', signature: { scheme: 'aws-v4' } });
    expect(result.observations.probes[`${BUCKET_PROBE_PREFIX}${s3.url}`]?.response?.status).toBe(403);
  });

  it('recognises Azure by its headers and then probes the container listing', async () => {
    const azure = await bucket(AZURE_ROOT, { '/media': AZURE_CONTAINER });
    const result = await scan(await page(`<img src="${azure.url}media/a.png">`));
    const listing = `${azure.url}media?restype=container&comp=list`;
    expect(result.findings.filter((f) => f.rule === 'web/bucket-listing-public').map((f) => f.location)).toEqual([{ url: listing }]);
    expect(result.observations.assets[0]).toMatchObject({ provider: 'azure', listingUrl: listing });
  });

  it('keeps the container listings it follows within maxBuckets', async () => {
    const azure = await bucket(AZURE_ROOT, { '/media': AZURE_CONTAINER });
    const site = await page(['media', 'uploads', 'static'].map((container) => `<img src="${azure.url}${container}/media/a.png">`).join(''));
    const result = await runScan(site.url, { ...SCAN, ca: certs.ca, maxBuckets: 1 });
    expect(Object.keys(result.observations.probes).filter((id) => id.startsWith(BUCKET_PROBE_PREFIX)).sort()).toEqual([
      `${BUCKET_PROBE_PREFIX}${azure.url}`,
      `${BUCKET_PROBE_PREFIX}${azure.url}media?restype=container&comp=list`,
    ]);
  });

  it('judges images on a bucket recognised behind a custom domain as media whatever their path', async () => {
    const s3 = await bucket(S3_DENIED);
    const result = await scan(await page(`<img src="${s3.url}a1b2c3.png"><video src="${s3.url}u/42/clip.mp4"></video>`));
    const unsigned = result.findings.filter((f) => f.rule === 'web/media-unsigned');
    expect(unsigned.map((f) => [f.message, f.location])).toEqual([['2 media URLs on s3 are not signed', { url: `${s3.url}a1b2c3.png` }]]);
    expect(result.observations.assets.map((asset) => asset.role)).toEqual(['media', 'media']);
  });

  it('leaves images alone on a bucket that also serves the scripts or static files of the page', async () => {
    const s3 = await bucket(S3_DENIED);
    const result = await scan(await page(`<img src="${s3.url}a1b2c3.png"><script src="${s3.url}app.js"></script>`));
    expect(ruleIds(result)).toEqual([]);
    expect(result.observations.assets.map((asset) => [asset.provider, asset.role])).toEqual([['s3', 'other'], ['s3', 'other']]);
    const withStatic = await scan(await page(`<img src="${s3.url}a1b2c3.png"><img src="${s3.url}static/logo.png">`));
    expect(withStatic.observations.assets.map((asset) => asset.role)).toEqual(['other', 'static']);
  });

  it('leaves signed images on a custom-domain bucket, and path-less images on a host that is not storage, alone', async () => {
    const s3 = await bucket(S3_DENIED);
    const cdn = await bucket((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>CDN</h1>'));
    const signed = `${s3.url}a1b2c3.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&amp;X-Amz-Expires=600&amp;X-Amz-Signature=abc`;
    const result = await scan(await page(`<img src="${signed}"><img src="${cdn.url}a1b2c3.png">`));
    expect(ruleIds(result)).toEqual([]);
    expect(result.observations.assets.map((asset) => asset.role)).toEqual(['media', 'other']);
  });

  it('leaves a media host that is not storage alone', async () => {
    const cdn = await bucket((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>CDN</h1>'));
    const result = await scan(await page(`<img src="${cdn.url}media/a.png">`));
    expect(ruleIds(result)).toEqual([]);
    expect(result.observations.assets[0]?.provider).toBeUndefined();
    expect(result.observations.probes[`${BUCKET_PROBE_PREFIX}${cdn.url}`]?.response?.status).toBe(200);
  });
});
