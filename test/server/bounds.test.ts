/** The in-memory bounds of serve: the rate limiter's refill and client cap, the store's caps and expiry. */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/server/limits.js';
import { ScanStore } from '../../src/server/store.js';
import type { ScanRecord } from '../../src/server/store.js';

function record(id: string, createdAt: number, status: ScanRecord['status'] = 'done', reportChars = 0): ScanRecord {
  return {
    id,
    target: 'https://example.com/',
    client: '127.0.0.1',
    createdAt,
    status,
    progress: { done: 0, total: 0, finished: [] },
    ...(status === 'done' ? { reports: { json: 'j'.repeat(reportChars), html: '', view: '', grade: 'A', score: 100 } } : {}),
    listeners: new Set(),
  };
}

describe('RateLimiter', () => {
  it('allows the burst, then one token per refill interval, per client', () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, perMinute: 6 }, 100, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 10]);
    expect(limiter.take('b')).toBe(0);
    now += 10_000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(10);
    now += 10 * 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([0, 0, 0, 10]);
  });

  it('forgets the least recently seen client beyond its cap (a fresh bucket for it)', () => {
    const limiter = new RateLimiter({ burst: 1, perMinute: 1 }, 2, () => 0);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    limiter.take('b');
    limiter.take('c');
    expect(limiter.take('a')).toBe(0);
  });
});

describe('ScanStore', () => {
  it('drops finished scans after the expiry, never running ones', () => {
    let now = 0;
    const store = new ScanStore({ maxScans: 10, maxBytes: 1e6, ttlMs: 1000 }, () => now);
    store.add(record('done', 0));
    store.add(record('running', 0, 'running'));
    now = 1001;
    expect(store.get('done')).toBeUndefined();
    expect(store.get('running')?.status).toBe('running');
  });

  it('keeps at most maxScans and maxBytes, dropping the oldest finished first', () => {
    const store = new ScanStore({ maxScans: 3, maxBytes: 250, ttlMs: 60_000 }, () => 0);
    store.add(record('running', 0, 'running'));
    for (const id of ['a', 'b', 'c']) store.add(record(id, 0, 'done', 100));
    // Three fit by count; 300 characters do not fit in 250, so the oldest finished one went.
    expect(['running', 'a', 'b', 'c'].map((id) => Boolean(store.get(id)))).toEqual([true, false, true, true]);
    expect(store.bytes()).toBe(200);
    store.add(record('d', 0, 'done', 10));
    expect(store.size).toBe(3);
    expect(store.get('b')).toBeUndefined();
    expect(store.get('running')).toBeDefined();
  });
});
