/**
 * `deploycheck scan` against in-process imitations of Next.js sites on 127.0.0.1 (no `next` package):
 * `next dev` with a readable /.env, a production build that publishes its source maps, and one that
 * does not (an SPA catch-all answering every path with the page).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runCli } from '../helpers/cli.js';
import { routes, startHttp } from './servers.js';
import type { Handler, Running } from './servers.js';

interface Site {
  grade: { grade: string };
  findings: { rule: string; message: string; evidence?: string }[];
}

const MAP = JSON.stringify({ version: 3, file: 'main.js', sources: ['webpack://shop/./pages/index.tsx', 'webpack://shop/./lib/api.ts'], mappings: 'AAAA;AACA' });
const html = (head: string) => `<!DOCTYPE html><html><head><title>Shop</title>${head}</head><body><div id="__next"></div></body></html>`;
const send = (status: number, type: string, body: string, headers: Record<string, string> = {}): Handler => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': type, 'x-powered-by': 'Next.js', ...headers }).end(body);
};

const devPage = html(
  '<script src="/_next/static/chunks/webpack.js?v=1765100000" defer></script><script src="/_next/static/chunks/main.js?v=1765100000" defer></script>' +
    '<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}},"page":"/","query":{},"buildId":"development","isFallback":false}</script>',
);
const buildPage = html(
  '<script src="/_next/static/chunks/webpack-8c3e1f0a9b2d4e6f.js" defer></script><script src="/_next/static/chunks/main-2b9d0c1e.js" defer></script>' +
    '<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{}},"page":"/","buildId":"q7Lm2xRw9K"}</script>',
);

let dev: Running;
let mapped: Running;
let clean: Running;

async function scan(site: Running): Promise<Site> {
  const run = await runCli('scan', site.url, '--format', 'json', '--timeout', '3', '--budget', '10', '--fail-on', 'none');
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { sites: Site[] }).sites[0]!;
}
const rules = (site: Site) => site.findings.map((finding) => finding.rule);

beforeAll(async () => {
  dev = await startHttp(
    routes({
      '/': send(200, 'text/html; charset=utf-8', devPage),
      '/_next/static/chunks/webpack.js.map': send(200, 'application/json', MAP),
      '/_next/static/chunks/main.js.map': send(200, 'application/json', MAP),
      // A dotenv file as Node projects write them: `export`, quotes, NEXT_PUBLIC_ names (values fake).
      '/.env': send(200, 'text/plain', 'export DATABASE_URL="postgres://shop:s3cr3t-db-pass@db/shop"\nNEXT_PUBLIC_MAPS_TOKEN=pk.fake\nSTRIPE_SECRET_KEY=sk_test_fake\n'),
    }),
  );
  mapped = await startHttp(
    routes({
      '/': send(200, 'text/html; charset=utf-8', buildPage),
      '/_next/static/chunks/webpack-8c3e1f0a9b2d4e6f.js.map': send(200, 'application/json', MAP),
      '/_next/static/chunks/main-2b9d0c1e.js.map': send(200, 'application/octet-stream', MAP),
    }),
  );
  // Every path answers with the page: the .map and /.env probes get HTML.
  clean = await startHttp(send(200, 'text/html; charset=utf-8', buildPage));
});
afterAll(async () => {
  await Promise.all([dev?.close(), mapped?.close(), clean?.close()]);
});

describe('scan of Next.js sites', () => {
  it('next dev: development server, public source maps, the readable .env (names only), X-Powered-By', async () => {
    const site = await scan(dev);
    expect(rules(site)).toEqual(expect.arrayContaining(['web/next-dev-mode', 'web/source-map-exposed', 'web/env-exposed', 'web/x-powered-by']));
    const env = site.findings.find((finding) => finding.rule === 'web/env-exposed');
    expect(env?.evidence).toBe('DATABASE_URL, NEXT_PUBLIC_MAPS_TOKEN, STRIPE_SECRET_KEY');
    expect(JSON.stringify(site)).not.toContain('s3cr3t-db-pass');
    expect(site.findings.find((finding) => finding.rule === 'web/next-dev-mode')?.evidence).toBe('"buildId":"development"');
    expect(site.grade.grade).toBe('F');
  });

  it('a production build with productionBrowserSourceMaps: the maps, not dev mode', async () => {
    const site = await scan(mapped);
    expect(rules(site)).toContain('web/source-map-exposed');
    expect(rules(site)).not.toContain('web/next-dev-mode');
    const maps = site.findings.find((finding) => finding.rule === 'web/source-map-exposed');
    expect(maps?.message).toContain('2 of those tried');
    expect(maps?.evidence).toMatch(/^2 source files in http:\/\/127\.0\.0\.1:\d+\/_next\/static\/chunks\/webpack-8c3e1f0a9b2d4e6f\.js\.map$/);
  });

  it('a build whose .map and .env paths answer with the page: none of these', async () => {
    const site = await scan(clean);
    for (const rule of ['web/source-map-exposed', 'web/next-dev-mode', 'web/env-exposed', 'web/stack-trace-exposed']) expect(rules(site)).not.toContain(rule);
    expect(rules(site)).toContain('web/x-powered-by');
  });
});
