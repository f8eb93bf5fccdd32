import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The CLI tests spawn the bin: none of them may replay a run another stored (test/cli/run-cache.test.ts turns it on).
    env: { DEPLOYCHECK_NO_CACHE: '1' },
  },
});
