/**
 * Starting and running the scans of `deploycheck serve`: the target is checked before anything is
 * queued (a refused address is an immediate 400), each scan runs with the address guard (unless
 * --allow-private), under its budget and a hard deadline, and at most `maxConcurrent` run at once.
 */
import { randomBytes } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { guardedLookup, refuseLiteralHost } from '../probe/guard.js';
import { TargetError, parseTarget } from '../probe/plan.js';
import { runScan } from '../probe/scan.js';
import type { ScanResult } from '../probe/scan.js';
import { formatScanJson } from '../report/scan-format.js';
import type { ScanRuleInfo } from '../probe/rule.js';
import { renderScanHtml, renderScanReport } from '../report/scan-html.js';
import type { ScanRecord, ScanStore } from './store.js';

export const MAX_URL_LENGTH = 2048;
/** Time a scan may take beyond its budget (rules, report rendering) before it is declared failed. */
const DEADLINE_SLACK_MS = 10_000;

export interface ScanRunnerOptions {
  allowPrivate: boolean;
  maxConcurrent: number;
  budgetMs: number;
  timeoutMs: number;
  toolVersion: string;
  rules: ReadonlyMap<string, ScanRuleInfo>;
}

export type StartOutcome = { ok: true; record: ScanRecord } | { ok: false; status: 400 | 503; message: string };

function lookupRefusal(hostname: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    guardedLookup(hostname, { all: true }, (error: NodeJS.ErrnoException | null, addresses: string | LookupAddress[]) => {
      if (!error) return resolve(Array.isArray(addresses) && addresses.length ? undefined : `${hostname} has no address`);
      resolve(error.code === 'ERR_REFUSED_ADDRESS' ? error.message : `cannot resolve ${hostname} (${error.code ?? error.message})`);
    });
  });
}

/** Why `raw` cannot be scanned, or the parsed URL. The connection-time guard still applies: this is for a clear early answer. */
export async function checkTarget(raw: unknown, allowPrivate: boolean): Promise<{ url: URL } | { error: string }> {
  if (typeof raw !== 'string' || !raw.trim()) return { error: 'give the URL to scan, e.g. https://example.com' };
  if (raw.length > MAX_URL_LENGTH) return { error: `the URL is longer than ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = parseTarget(raw.trim());
  } catch (error) {
    if (error instanceof TargetError) return { error: error.message };
    throw error;
  }
  if (allowPrivate) return { url };
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const refusal = refuseLiteralHost(hostname) ?? (isIP(hostname) ? undefined : await lookupRefusal(hostname));
  return refusal ? { error: `Refused: ${refusal}. This server only scans public addresses.` } : { url };
}

export class ScanRunner {
  private running = 0;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly options: ScanRunnerOptions,
    private readonly store: ScanStore,
  ) {}

  get active(): number {
    return this.running;
  }

  /** Check the target and start a scan of it, unless too many are running. */
  async start(rawUrl: unknown, client: string): Promise<StartOutcome> {
    const checked = await checkTarget(rawUrl, this.options.allowPrivate);
    if ('error' in checked) return { ok: false, status: 400, message: checked.error };
    if (this.running >= this.options.maxConcurrent) return { ok: false, status: 503, message: `${this.running} scans are running; try again in a few seconds` };
    const record: ScanRecord = {
      id: randomBytes(12).toString('base64url'),
      target: checked.url.href,
      client,
      createdAt: Date.now(),
      status: 'running',
      progress: { done: 0, total: 0, finished: [] },
      listeners: new Set(),
    };
    this.store.add(record);
    this.running++;
    const run = this.run(record).finally(() => {
      this.running--;
      this.inFlight.delete(run);
    });
    this.inFlight.add(run);
    return { ok: true, record };
  }

  /** Resolves when every running scan has ended (each is bounded by its deadline). */
  async drain(): Promise<void> {
    await Promise.all([...this.inFlight]);
  }

  private notify(record: ScanRecord): void {
    for (const listener of record.listeners) listener(record);
  }

  private async run(record: ScanRecord): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('the scan did not finish in time')), this.options.budgetMs + DEADLINE_SLACK_MS);
    });
    try {
      const scan = runScan(record.target, {
        guard: !this.options.allowPrivate,
        budgetMs: this.options.budgetMs,
        timeoutMs: this.options.timeoutMs,
        userAgent: `deploycheck/${this.options.toolVersion} (serve)`,
        onProgress: ({ done, total, finished }) => {
          record.progress = { done, total, finished: [...record.progress.finished, finished] };
          this.notify(record);
        },
      });
      const result: ScanResult = await Promise.race([scan, deadline]);
      const options = { toolVersion: this.options.toolVersion, rules: this.options.rules };
      record.reports = {
        json: formatScanJson([result], this.options.toolVersion),
        html: renderScanHtml([result], options),
        view: renderScanReport(result, options),
        grade: result.grade.grade,
        score: result.grade.score,
      };
      record.status = 'done';
    } catch (error) {
      record.status = 'failed';
      record.error = error instanceof Error ? error.message : String(error);
    } finally {
      clearTimeout(timer);
    }
    this.store.settled();
    this.notify(record);
    record.listeners.clear();
  }
}
