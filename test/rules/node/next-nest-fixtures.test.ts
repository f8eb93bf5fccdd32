/** The runtime and Next.js rules of rules/node on the Next.js and NestJS fixtures (and the Express ones' NODE_ENV and error handler). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import { locationOf } from '../../helpers/rule-tester.js';
import { FIXTURES_DIR } from '../../oracle/django-oracle.js';

const RULES = [
  'node/node-env-not-production',
  'node/dev-server-in-production',
  'node/next-security-headers-missing',
  'node/next-source-maps',
  'node/next-public-secret',
  'node/sqlite-in-production',
  'node/error-details-leaked',
  'node/build-output-committed',
];

async function findings(fixture: string): Promise<string[]> {
  const result = await runCheck({ root: join(FIXTURES_DIR, fixture), only: RULES });
  expect(result.errors).toEqual([]);
  return result.findings.map((finding) => `${finding.rule} ${locationOf(finding)} ${finding.severity} ${finding.confidence}`).sort();
}

describe('Next.js and NestJS fixtures (rules/node: runtime, Next.js config)', () => {
  it('node-next-insecure: every planted problem', async () => {
    expect(await findings('node-next-insecure')).toEqual([
      'node/dev-server-in-production Dockerfile:11 high certain',
      'node/next-public-secret .env.production:3 high certain',
      'node/next-public-secret next.config.js:8 medium certain',
      'node/next-security-headers-missing next.config.js:10 medium certain',
      'node/next-source-maps next.config.js:5 medium certain',
      'node/node-env-not-production Dockerfile:8 high certain',
      'node/sqlite-in-production prisma/schema.prisma:7 medium certain',
    ]);
  });

  it('node-next-hardened: nothing', async () => {
    expect(await findings('node-next-hardened')).toEqual([]);
  });

  it('node-nest-insecure: every planted problem', async () => {
    expect(await findings('node-nest-insecure')).toEqual([
      'node/dev-server-in-production Procfile:1 high certain',
      'node/error-details-leaked src/all-exceptions.filter.ts:9 high certain',
      'node/sqlite-in-production src/app.module.ts:9 medium certain',
    ]);
  });

  it('node-nest-hardened: nothing', async () => {
    expect(await findings('node-nest-hardened')).toEqual([]);
  });

  it('node-express-insecure: NODE_ENV=development and the error handler sending the stack', async () => {
    expect(await findings('node-express-insecure')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^node\/node-env-not-production Dockerfile:\d+ high certain$/), expect.stringMatching(/^node\/error-details-leaked server\.js:\d+ high certain$/)]),
    );
  });
});
