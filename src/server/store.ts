/**
 * Scans kept in memory: each is dropped once it expires, and the oldest finished ones go first
 * when there are too many or their reports take too much room. Running scans are never dropped (the
 * concurrency cap bounds them).
 */

export type ScanStatus = 'running' | 'done' | 'failed';

export interface ScanProgressState {
  done: number;
  total: number;
  /** The probes that finished, in order. */
  finished: string[];
}

export interface StoredReports {
  /** `scan --format json`. */
  json: string;
  /** The standalone HTML document. */
  html: string;
  /** The `<article>` the page shows. */
  view: string;
  grade: string;
  score: number;
}

export interface ScanRecord {
  id: string;
  target: string;
  client: string;
  createdAt: number;
  status: ScanStatus;
  progress: ScanProgressState;
  reports?: StoredReports;
  error?: string;
  /** Notified on every progress step and once when the scan ends. */
  listeners: Set<(record: ScanRecord) => void>;
}

export interface StoreLimits {
  maxScans: number;
  maxBytes: number;
  ttlMs: number;
}

function sizeOf(record: ScanRecord): number {
  const reports = record.reports;
  return reports ? reports.json.length + reports.html.length + reports.view.length : 0;
}

export class ScanStore {
  private readonly records = new Map<string, ScanRecord>();

  constructor(
    private readonly limits: StoreLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string): ScanRecord | undefined {
    this.expire();
    return this.records.get(id);
  }

  add(record: ScanRecord): void {
    this.records.set(record.id, record);
    this.evict();
  }

  /** Call when a record's reports were filled in: they count towards the size cap from now on. */
  settled(): void {
    this.evict();
  }

  get size(): number {
    return this.records.size;
  }

  bytes(): number {
    let total = 0;
    for (const record of this.records.values()) total += sizeOf(record);
    return total;
  }

  private expire(): void {
    const oldest = this.now() - this.limits.ttlMs;
    for (const [id, record] of this.records) {
      if (record.createdAt < oldest && record.status !== 'running') this.records.delete(id);
    }
  }

  private evict(): void {
    this.expire();
    let bytes = this.bytes();
    // Map order is insertion order: the first finished records are the oldest.
    for (const [id, record] of this.records) {
      if (this.records.size <= this.limits.maxScans && bytes <= this.limits.maxBytes) break;
      if (record.status === 'running') continue;
      bytes -= sizeOf(record);
      this.records.delete(id);
    }
  }
}
