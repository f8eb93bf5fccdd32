/** Scan limits (kept apart from the probes so the CLI can show them in --help without loading undici). */
export const DEFAULTS = { timeoutMs: 8000, budgetMs: 20_000, concurrency: 6, maxBodyBytes: 256 * 1024, maxBuckets: 3, maxSourceMaps: 3 };
