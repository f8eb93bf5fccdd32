// Scan wall time against a local site that delays every response by DELAY_MS: how many
// "round trips" a scan costs. The probes run in a bounded pool, so the target is at most 3.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runScan } from '../src/probe/scan.js';

const DELAY_MS = 200;
const TARGET_RATIO = 3;
const RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 5);

/** A small Django-like site: a home page, a redirect at /admin/, 404 elsewhere; every answer waits DELAY_MS. */
const server = createServer((req, res) => {
  setTimeout(() => {
    const path = (req.url ?? '/').split('?')[0];
    const headers = { 'content-type': 'text/html; charset=utf-8', 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };
    if (path === '/') res.writeHead(200, { ...headers, 'set-cookie': 'csrftoken=abc; Path=/; SameSite=Lax' }).end('<title>Bench</title><img src="/static/a.png">');
    else if (path === '/admin/') res.writeHead(302, { ...headers, location: '/admin/login/' }).end();
    else res.writeHead(404, headers).end('<h1>Not Found</h1>');
  }, DELAY_MS);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;

try {
  const samples: number[] = [];
  let probes = 0;
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const result = await runScan(`http://127.0.0.1:${port}/`, { timeoutMs: 5000, budgetMs: 20_000 });
    if (i > 0) samples.push(performance.now() - start);
    probes = Object.keys(result.observations.probes).length;
  }
  const median = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
  const ratio = median / DELAY_MS;
  console.log(`\ndeploycheck scan: median of ${RUNS} scans (in process) against a site that delays every response by ${DELAY_MS} ms`);
  console.log(`${`scan, ${probes} probes`.padEnd(44)} ${median.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2)}x the delay (target <= ${TARGET_RATIO}: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'})`);
} finally {
  server.closeAllConnections();
  server.close();
}
