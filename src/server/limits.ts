/** Per-client rate limiting: a token bucket per client address, with a bounded number of clients tracked. */

export interface RateLimit {
  /** Requests a client may make at once. */
  burst: number;
  /** Tokens added back per minute. */
  perMinute: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    /** Most clients remembered; the least recently seen is forgotten first. */
    private readonly maxClients = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Take one token for `client`: 0 when allowed, else the seconds until the next token. */
  take(client: string): number {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.limit.burst, updated: now };
    this.buckets.delete(client);
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.updated) / 60_000) * this.limit.perMinute);
    bucket.updated = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60) / this.limit.perMinute));
  }
}
