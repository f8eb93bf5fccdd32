/**
 * Running a scan: the plan's probes in a bounded pool, each with its own deadline, all under one
 * budget. When the budget ends, whatever has not finished gets error `budget` and the scan returns
 * what it has. Then the scan rules judge the observations.
 */
import { randomBytes } from 'node:crypto';
import { discoverAssets, listingUrl } from './assets.js';
import { firstHeader } from './headers.js';
import { createHttpClient, httpProbe } from './http.js';
import type { HttpClient } from './http.js';
import { parseTarget, planScan } from './plan.js';
import { sourceMapCandidates } from './source-maps.js';
import { storageCandidates, storageFromResponse } from './storage.js';
import { acceptsLegacy, inspectTls } from './tls.js';
import { BUCKET_PROBE_PREFIX, PROBE, SOURCE_MAP_PROBE_PREFIX } from './types.js';
import type { LegacyProtocol, ProbeResult, ScanObservations } from './types.js';
import { runRule } from '../engine/run-rule.js';
import { capsOf, grade } from '../engine/grade.js';
import type { GradeResult } from '../engine/grade.js';
import { loadBuiltInScanRules } from '../engine/registry.js';
import { selectRules } from '../engine/select.js';
import type { Finding } from '../engine/types.js';
import type { ScanRule } from './rule.js';
import { DEFAULTS } from './defaults.js';
import { compareText } from '../core/compare.js';

export interface ScanOptions {
  /** Per-probe timeout in ms (default 8000). */
  timeoutMs?: number;
  /** Total budget for the scan in ms (default 20000). */
  budgetMs?: number;
  /** Probes in flight at once (default 6). */
  concurrency?: number;
  ca?: string;
  insecure?: boolean;
  /** Refuse non-public addresses (for `serve`; the CLI leaves it off). */
  guard?: boolean;
  headers?: Record<string, string>;
  cookie?: string;
  httpPort?: number;
  httpsPort?: number;
  /** Decoded body bytes kept per probe (default 256 KiB). */
  maxBodyBytes?: number;
  userAgent?: string;
  /** Most bucket roots probed for a public listing, and most custom-domain hosts asked whether they are buckets (default 3 each). */
  maxBuckets?: number;
  onProgress?: (progress: ScanProgress) => void;
}

export interface ScanProgress {
  done: number;
  total: number;
  /** The probe that just finished. */
  finished: string;
}

export { DEFAULTS };

type Task = (deadline: AbortSignal) => Promise<void>;

/** A bounded pool that stops taking work when the budget ends. */
class ProbePool {
  private queue: { id: string; run: Task }[] = [];
  private running = 0;
  private total = 0;
  private done = 0;
  private settle: () => void = () => undefined;
  readonly finished: Promise<void>;

  constructor(
    private readonly concurrency: number,
    private readonly timeoutMs: number,
    private readonly budget: AbortSignal,
    private readonly onProgress?: (progress: ScanProgress) => void,
  ) {
    this.finished = new Promise((resolve) => {
      this.settle = resolve;
      budget.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  add(id: string, run: Task): void {
    if (this.budget.aborted) return;
    this.total++;
    this.queue.push({ id, run });
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length && !this.budget.aborted) {
      const { id, run } = this.queue.shift()!;
      this.running++;
      run(AbortSignal.timeout(this.timeoutMs))
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.done++;
          this.onProgress?.({ done: this.done, total: this.total, finished: id });
          this.pump();
        });
    }
    if (this.running === 0 && this.queue.length === 0) this.settle();
  }
}

function budgetError(id: string, url: string): ProbeResult {
  return { id, request: { method: 'GET', url, headers: {} }, error: { code: 'budget', message: 'the scan budget ran out before this probe ran or finished' } };
}

function isHtml(result: ProbeResult | undefined): boolean {
  const type = result?.response ? firstHeader(result.response.headers, 'content-type') : undefined;
  return !type || /html/i.test(type);
}

/** Probe one URL and return what was observed. Never throws for network trouble; a bad URL is a TargetError. */
export async function observe(rawTarget: string, options: ScanOptions = {}): Promise<ScanObservations> {
  const target = parseTarget(rawTarget);
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const plan = planScan(target, { httpPort: options.httpPort, httpsPort: options.httpsPort, token: randomBytes(6).toString('hex') });
  const started = Date.now();
  const budgetController = new AbortController();
  const budget = budgetController.signal;
  const budgetTimer = setTimeout(() => budgetController.abort(), options.budgetMs ?? DEFAULTS.budgetMs);
  const observations: ScanObservations = { target: target.href, origin: plan.origin, startedAt: new Date(started).toISOString(), durationMs: 0, probes: {}, assets: [] };
  const planned = new Map<string, string>();
  let closed = false;
  const client: HttpClient = createHttpClient({
    ...(options.ca ? { ca: options.ca } : {}),
    insecure: options.insecure ?? false,
    guard: options.guard ?? false,
    timeoutMs,
    headers: options.headers ?? {},
    ...(options.cookie ? { cookie: options.cookie } : {}),
    userAgent: options.userAgent ?? 'deploycheck (+https://github.com/deploycheck/deploycheck)',
    caps: { maxBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes, maxWireBytes: 4 * (options.maxBodyBytes ?? DEFAULTS.maxBodyBytes) },
  });
  const pool = new ProbePool(options.concurrency ?? DEFAULTS.concurrency, timeoutMs, budget, options.onProgress);
  const record = (result: ProbeResult) => {
    if (!closed) observations.probes[result.id] = result;
  };

  const maxBuckets = options.maxBuckets ?? DEFAULTS.maxBuckets;
  const probeBucket = (root: string, then?: (result: ProbeResult) => void) => {
    const id = `${BUCKET_PROBE_PREFIX}${root}`;
    if (planned.has(id)) return;
    planned.set(id, root);
    pool.add(id, async (deadline) => {
      const result = await httpProbe(client, { id, url: root, maxRedirects: 2 }, budget, deadline);
      record(result);
      if (!closed) then?.(result);
    });
  };

  // Container listings found through custom domains, over all of them: at most maxBuckets.
  let containerProbes = 0;
  /** A custom-domain host whose root answered like a bucket: its assets get the provider, Azure its container listings. */
  const recogniseStorage = (root: string, result: ProbeResult) => {
    const provider = result.response ? storageFromResponse(result.response) : undefined;
    if (!provider) return;
    const origin = new URL(root).origin;
    const containers: string[] = [];
    for (const asset of observations.assets) {
      const url = new URL(asset.url);
      if (asset.provider || url.origin !== origin) continue;
      asset.provider = provider;
      const listing = listingUrl(url, provider);
      if (listing) asset.listingUrl = listing;
      if (listing && listing !== root && !containers.includes(listing)) containers.push(listing);
    }
    for (const listing of containers.slice(0, maxBuckets - containerProbes)) {
      containerProbes++;
      probeBucket(listing);
    }
  };

  const queueBucketProbes = () => {
    const page = observations.probes[PROBE.page];
    if (!page?.response || !isHtml(page)) return;
    observations.assets = discoverAssets(page.response.body, page.response.url);
    const roots = [...new Set(observations.assets.flatMap((asset) => (asset.listingUrl ? [asset.listingUrl] : [])))];
    for (const root of roots.slice(0, maxBuckets)) probeBucket(root);
    // Buckets behind custom domains: the root both tells what answers and, for S3 and GCS, is the listing.
    for (const root of storageCandidates(observations.assets, page.response.url, maxBuckets)) {
      probeBucket(root, (result) => recogniseStorage(root, result));
    }
  };

  const queueSourceMapProbes = () => {
    const page = observations.probes[PROBE.page];
    if (!page?.response || !isHtml(page)) return;
    for (const url of sourceMapCandidates(page.response.body, page.response.url, DEFAULTS.maxSourceMaps)) {
      const id = `${SOURCE_MAP_PROBE_PREFIX}${url}`;
      planned.set(id, url);
      pool.add(id, async (deadline) => record(await httpProbe(client, { id, url, maxRedirects: 2 }, budget, deadline)));
    }
  };

  for (const spec of plan.http) {
    planned.set(spec.id, spec.url);
    pool.add(spec.id, async (deadline) => {
      record(await httpProbe(client, spec, budget, deadline));
      if (spec.id === PROBE.page) {
        queueBucketProbes();
        queueSourceMapProbes();
      }
    });
  }
  if (plan.tls) {
    const { host, port } = plan.tls;
    const tlsOptions = { ...(options.ca ? { ca: options.ca } : {}), guard: options.guard ?? false, timeoutMs };
    const tls = { host, port, chain: [], legacy: {} } as ScanObservations['tls'] & object;
    observations.tls = tls;
    pool.add('tls', async () => {
      const seen = await inspectTls(host, port, tlsOptions, budget);
      if (!closed) Object.assign(tls, { ...seen, legacy: tls.legacy });
    });
    for (const version of ['TLSv1', 'TLSv1.1'] as LegacyProtocol[]) {
      pool.add(`tls-${version}`, async () => {
        const accepted = await acceptsLegacy(host, port, version, tlsOptions, budget);
        if (!closed && accepted !== undefined) tls.legacy[version] = accepted;
      });
    }
  }

  await pool.finished;
  clearTimeout(budgetTimer);
  closed = true;
  for (const [id, url] of planned) observations.probes[id] ??= budgetError(id, url);
  if (observations.tls && !observations.tls.protocol && !observations.tls.error && budget.aborted) {
    observations.tls.error = { code: 'budget', message: 'the scan budget ran out before the TLS handshake finished' };
  }
  budgetController.abort();
  // Sockets still open after the budget are torn down in the background: the report does not wait.
  void client.close().catch(() => undefined);
  observations.durationMs = Date.now() - started;
  return observations;
}

export interface ScanResult {
  target: string;
  observations: ScanObservations;
  findings: Finding[];
  grade: GradeResult;
  /** Internal errors (a rule that crashed): the CLI exits 2 when there are any. */
  errors: string[];
  rulesRun: number;
  /** The rules that ran (for the CI reports' rule lists). */
  rules: readonly ScanRule[];
  /** Milliseconds each rule took. */
  timings: Record<string, number>;
}

export interface RunScanOptions extends ScanOptions {
  rules?: ScanRule[];
  only?: string[];
  ignore?: string[];
}

/** Apply the scan rules to observations: pure, no I/O. */
export function judge(observations: ScanObservations, rules: ScanRule[]): { findings: Finding[]; errors: string[]; timings: Record<string, number> } {
  const findings: Finding[] = [];
  const errors: string[] = [];
  const timings: Record<string, number> = {};
  for (const rule of rules) {
    const run = runRule(rule, { scan: observations }, observations.target);
    findings.push(...run.findings);
    if (run.error) errors.push(run.error);
    timings[rule.id] = run.ms;
  }
  findings.sort((a, b) => compareText(a.rule, b.rule) || compareText(a.message, b.message));
  return { findings, errors, timings };
}

export async function runScan(target: string, options: RunScanOptions = {}): Promise<ScanResult> {
  const rules = selectRules(options.rules ?? (await loadBuiltInScanRules()), options.only, options.ignore);
  const observations = await observe(target, options);
  const { findings, errors, timings } = judge(observations, rules);
  return { target: observations.target, observations, findings, grade: grade(findings, capsOf(rules)), errors, rulesRun: rules.length, rules, timings };
}
