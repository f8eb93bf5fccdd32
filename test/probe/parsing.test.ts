import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { discoverAssets, urlSignature } from '../../src/probe/assets.js';
import { decodeText, readBody } from '../../src/probe/body.js';
import { parseSetCookie } from '../../src/probe/cookies.js';
import { mixedContent } from '../../src/probe/mixed.js';
import { storageCandidates, storageFromResponse } from '../../src/probe/storage.js';
import type { ProbeResponse } from '../../src/probe/types.js';
import { TargetError, parseTarget, planScan } from '../../src/probe/plan.js';

describe('Set-Cookie parsing', () => {
  it('reads every attribute and keeps only the value length', () => {
    const cookie = parseSetCookie('sessionid=abcdef; expires=Tue, 01 Dec 2026 00:00:00 GMT; HttpOnly; Max-Age=1209600; Path=/; SameSite=Lax; Secure; Domain=.example.com', 'https://x/');
    expect(cookie).toEqual({
      name: 'sessionid', valueLength: 6, secure: true, httpOnly: true, sameSite: 'Lax', path: '/', domain: '.example.com',
      maxAge: 1209600, expires: 'Tue, 01 Dec 2026 00:00:00 GMT', setBy: 'https://x/',
    });
    expect(parseSetCookie('csrftoken=1', 'u')).toMatchObject({ secure: false, httpOnly: false });
    expect(parseSetCookie('garbage', 'u')).toBeUndefined();
  });
});

describe('asset discovery', () => {
  const html = `
    <img src="https://media-bucket.s3.amazonaws.com/media/avatars/a.png">
    <img srcset="https://s3.eu-west-1.amazonaws.com/pathbucket/media/b.png 1x, /static/c.png 2x">
    <script src="https://storage.googleapis.com/gbucket/static/app.js?X-Goog-Algorithm=GOOG4-RSA-SHA256&amp;X-Goog-Date=20260101T000000Z&amp;X-Goog-Expires=3600&amp;X-Goog-Signature=ab"></script>
    <link rel="stylesheet" href="https://acct.blob.core.windows.net/media/doc.pdf?sv=2020&se=2030-01-01T00:00:00Z&sig=x">
    <a href="https://elsewhere.example/not-an-asset">x</a>`;
  const assets = discoverAssets(html, 'https://site.example/page/');

  it('finds img/script/link/srcset URLs, absolute, and ignores anchors', () => {
    expect(assets.map((a) => a.url)).toEqual([
      'https://media-bucket.s3.amazonaws.com/media/avatars/a.png',
      'https://s3.eu-west-1.amazonaws.com/pathbucket/media/b.png',
      'https://site.example/static/c.png',
      expect.stringContaining('https://storage.googleapis.com/gbucket/static/app.js?'),
      expect.stringContaining('https://acct.blob.core.windows.net/media/doc.pdf?'),
    ]);
  });

  it('flags storage hosts with their listing URL, role and signature', () => {
    expect(assets[0]).toMatchObject({ provider: 's3', role: 'media', listingUrl: 'https://media-bucket.s3.amazonaws.com/' });
    expect(assets[0]!.signature).toBeUndefined();
    expect(assets[1]).toMatchObject({ provider: 's3', listingUrl: 'https://s3.eu-west-1.amazonaws.com/pathbucket/' });
    expect(assets[2]!.provider).toBeUndefined();
    expect(assets[3]).toMatchObject({ provider: 'gcs', role: 'static', listingUrl: 'https://storage.googleapis.com/gbucket', signature: { scheme: 'gcs-v4', lifetimeSeconds: 3600, expiresAt: '2026-01-01T01:00:00.000Z' } });
    expect(assets[4]).toMatchObject({ provider: 'azure', listingUrl: 'https://acct.blob.core.windows.net/media?restype=container&comp=list', signature: { scheme: 'azure-sas', expiresAt: '2030-01-01T00:00:00.000Z' } });
  });

  it('reads S3 SigV4 and V2 signatures', () => {
    expect(urlSignature(new URL('https://b.s3.amazonaws.com/k?X-Amz-Date=20260101T000000Z&X-Amz-Expires=604800&X-Amz-Signature=f'))).toEqual({
      scheme: 'aws-v4', lifetimeSeconds: 604800, expiresAt: '2026-01-08T00:00:00.000Z',
    });
    expect(urlSignature(new URL('https://b.s3.amazonaws.com/k?AWSAccessKeyId=A&Expires=1893456000&Signature=s'))).toEqual({ scheme: 'aws-v2', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(urlSignature(new URL('https://b.s3.amazonaws.com/k?v=1'))).toBeUndefined();
  });
});

describe('body reading', () => {
  it('stops a gzip bomb at the output cap without inflating it', async () => {
    const bomb = gzipSync(Buffer.alloc(100 * 1024 * 1024));
    const read = await readBody(Readable.from([bomb]), 'gzip', { maxBytes: 64 * 1024, maxWireBytes: 1024 * 1024 });
    expect(read.truncated).toBe(true);
    expect(read.bytes.length).toBe(64 * 1024);
  });

  it('decompresses a normal body fully and reports a corrupt one', async () => {
    const ok = await readBody(Readable.from([gzipSync('hello')]), 'gzip', { maxBytes: 1024, maxWireBytes: 1024 });
    expect(ok).toEqual({ bytes: Buffer.from('hello'), truncated: false });
    const bad = await readBody(Readable.from([Buffer.from('not gzip at all')]), 'gzip', { maxBytes: 1024, maxWireBytes: 1024 });
    expect(bad.decodeError).toBeDefined();
  });

  it('decodes per charset, falling back to UTF-8 for unknown labels', () => {
    expect(decodeText(Buffer.from([0xe9]), 'text/html; charset=ISO-8859-1')).toBe('é');
    expect(decodeText(Buffer.from('You\u2019re', 'utf8'), 'text/html; charset=bogus')).toBe('You\u2019re');
  });
});

describe('scan plan', () => {
  it('rejects non-http URLs and credentials in URLs', () => {
    expect(() => parseTarget('ftp://x/')).toThrow(TargetError);
    expect(() => parseTarget('not a url')).toThrow(TargetError);
    expect(() => parseTarget('https://u:p@x/')).toThrow(/--header/);
  });

  it('probes the https origin, http on the given port, and keeps the path', () => {
    const plan = planScan(parseTarget('https://app.example:8443/shop/'), { httpPort: 8080, token: 't' });
    expect(plan.origin).toBe('https://app.example:8443');
    expect(plan.tls).toEqual({ host: 'app.example', port: 8443 });
    const byId = Object.fromEntries(plan.http.map((spec) => [spec.id, spec]));
    expect(byId.http!.url).toBe('http://app.example:8080/shop/');
    expect(byId.page!.url).toBe('https://app.example:8443/shop/');
    expect(byId.env!.url).toBe('https://app.example:8443/.env');
    expect(byId['bogus-host']).toMatchObject({ headers: { host: 'deploycheck-t.invalid' }, maxRedirects: 0 });
    expect(planScan(parseTarget('http://[::1]:8000/'), { token: 't' }).tls).toBeUndefined();
  });
});

describe('mixed content', () => {
  const html = `
    <script src="http://cdn.example.net/a.js"></script>
    <link rel="preload stylesheet" href="HTTP://cdn.example.net/a.css">
    <link rel="icon" href="http://cdn.example.net/favicon.ico">
    <iframe src='http://maps.example.net/embed'></iframe>
    <img src="http://img.example.net/1.png" srcset="https://img.example.net/2.png 2x, http://img.example.net/3.png 3x">
    <video poster="http://img.example.net/p.jpg"><source src="http://img.example.net/v.mp4"></video>
    <!-- <script src="http://commented.example.net/x.js"></script> -->
    <a href="http://elsewhere.example.net/">a link</a>
    <script src="https://cdn.example.net/ok.js"></script><img src="/static/ok.png"><img src="//cdn.example.net/ok.png">`;

  it('lists http:// loads, active and passive, and nothing else', () => {
    expect(mixedContent(html)).toEqual([
      { url: 'http://cdn.example.net/a.js', foundIn: 'script[src]', active: true },
      { url: 'HTTP://cdn.example.net/a.css', foundIn: 'link[href]', active: true },
      { url: 'http://maps.example.net/embed', foundIn: 'iframe[src]', active: true },
      { url: 'http://img.example.net/1.png', foundIn: 'img[src]', active: false },
      { url: 'http://img.example.net/3.png', foundIn: 'img[srcset]', active: false },
      { url: 'http://img.example.net/p.jpg', foundIn: 'video[poster]', active: false },
      { url: 'http://img.example.net/v.mp4', foundIn: 'source[src]', active: false },
    ]);
  });
});

describe('storage recognised by its responses', () => {
  const res = (headers: [string, string][], body = '', status = 403): ProbeResponse => ({ status, headers, url: 'https://media.example/', redirects: [], body, truncated: false, cookies: [], timing: { headersMs: 1, totalMs: 1 } });

  it('tells S3, GCS and Azure apart by headers, then by error bodies', () => {
    expect(storageFromResponse(res([['x-amz-request-id', 'R'], ['server', 'AmazonS3']]))).toBe('s3');
    expect(storageFromResponse(res([['x-guploader-uploadid', 'U']]))).toBe('gcs');
    expect(storageFromResponse(res([['x-ms-request-id', 'R'], ['x-ms-version', '2021-08-06']]))).toBe('azure');
    expect(storageFromResponse(res([], '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>x</Message><RequestId>R</RequestId></Error>', 404))).toBe('s3');
    expect(storageFromResponse(res([], "<?xml version='1.0'?><Error><Code>AccessDenied</Code><Message>Access denied.</Message><Details>Anonymous caller does not have storage.objects.list</Details></Error>"))).toBe('gcs');
    expect(storageFromResponse(res([], '<Error><Code>ResourceNotFound</Code><Message>The specified resource does not exist.\nRequestId:R\nTime:T</Message></Error>', 404))).toBe('azure');
  });

  it('ignores CloudFront in front of a site, and XML errors of other services', () => {
    expect(storageFromResponse(res([['x-amz-cf-id', 'C'], ['x-cache', 'Miss from cloudfront']], '<html>shop</html>', 200))).toBeUndefined();
    expect(storageFromResponse(res([], '<Error><Code>Forbidden</Code></Error>'))).toBeUndefined();
  });

  it('asks only other origins with static/media paths or media elements, own site first', () => {
    const assets = discoverAssets(
      '<img src="https://pixels.tracker.example/p.gif"><script src="https://cdn.other.example/app.js"></script><img src="https://media.shop.example/avatars/a.png"><img src="/media/own.png"><img src="https://b.s3.amazonaws.com/media/x.png">',
      'https://www.shop.example/',
    );
    expect(storageCandidates(assets, 'https://www.shop.example/', 3)).toEqual(['https://media.shop.example/', 'https://pixels.tracker.example/']);
    expect(storageCandidates(assets, 'https://www.shop.example/', 1)).toEqual(['https://media.shop.example/']);
  });
});
