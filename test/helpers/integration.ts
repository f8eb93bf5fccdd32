import { expect, test } from 'vitest';

/** Set to `1` (as CI does) to turn a missing system dependency into a failure instead of a skip. */
export const REQUIRE_INTEGRATION_VARIABLE = 'DEPLOYCHECK_REQUIRE_INTEGRATION';

/**
 * Decide whether an integration suite that needs `name` (e.g. "Django 3.2 under /usr/bin/python3")
 * must be skipped. Call it at the top level of a test file and pass the result to
 * `describe.skipIf(...)`.
 *
 * When the dependency is missing: normally the suite is skipped with a note on the console; with
 * DEPLOYCHECK_REQUIRE_INTEGRATION=1 a failing test is registered instead, so a CI job that is
 * meant to run the integration tests cannot pass by skipping them.
 */
export function requireSystem(name: string, available: boolean): boolean {
  if (available) return false;
  if (process.env[REQUIRE_INTEGRATION_VARIABLE] === '1') {
    test(`${name} is available (${REQUIRE_INTEGRATION_VARIABLE}=1)`, () => {
      expect.fail(`${name} is not available, and ${REQUIRE_INTEGRATION_VARIABLE}=1 requires it`);
    });
  } else {
    console.warn(`[integration] skipping tests that need ${name}: it is not available here (set ${REQUIRE_INTEGRATION_VARIABLE}=1 to fail instead)`);
  }
  return true;
}
