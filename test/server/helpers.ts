/** Shared pieces of the serve tests: starting the app on 127.0.0.1:0 and talking to it. */
import { request } from 'node:http';
import { startServe } from '../../src/server/app.js';
import type { RunningServe, ServeOptions } from '../../src/server/app.js';

export function serve(options: Partial<ServeOptions> = {}): Promise<RunningServe> {
  return startServe({ port: 0, host: '127.0.0.1', toolVersion: '0.0.0-test', ...options });
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with full control of the headers (fetch would not let us forge Host). */
export function call(base: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  const url = new URL(path, base);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout: ${init.method ?? 'GET'} ${path}`)));
    req.end(init.body);
  });
}

export function postScan(base: string, url: string, headers: Record<string, string> = {}): Promise<Reply> {
  return call(base, '/api/scans', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ url }) });
}

export interface ScanStatus {
  id: string;
  status: 'running' | 'done' | 'failed';
  target: string;
  progress: { done: number; total: number; finished: string[] };
  links: Record<'self' | 'events' | 'view' | 'json' | 'html', string>;
  error?: string;
  grade?: string;
  report?: {
    schemaVersion: number;
    kind: string;
    summary: { grade: string };
    sites: { target: string; findings: { rule: string }[]; probes: { id: string; error?: { code: string; message: string } }[] }[];
  };
}

/** Poll a scan until it ends (bounded). */
export async function waitForScan(base: string, id: string, timeoutMs = 30_000): Promise<ScanStatus> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reply = await call(base, `/api/scans/${id}`);
    const status = JSON.parse(reply.body) as ScanStatus;
    if (status.status !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`scan ${id} did not finish within ${timeoutMs} ms`);
}

/** Run `tasks` with at most `width` in flight; results in order. */
export async function inBatches<T>(count: number, width: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < count; start += width) {
    const batch = Array.from({ length: Math.min(width, count - start) }, (_, offset) => task(start + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}
