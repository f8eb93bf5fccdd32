/** The rules of this group on the Node fixtures: each planted problem found where it is planted, nothing on the hardened app. */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import { locationOf } from '../../helpers/rule-tester.js';
import { makeProject } from '../../helpers/project.js';
import { FIXTURES_DIR } from '../../oracle/django-oracle.js';

const RULES = [
  'node/session-secret-committed',
  'node/jwt-secret-committed',
  'node/session-cookie-insecure',
  'node/session-cookie-httponly-off',
  'node/session-cookie-samesite-missing',
  'node/session-cookie-default-name',
  'node/session-memory-store',
  'node/security-headers-missing',
  'node/helmet-weakened',
  'node/x-powered-by',
  'node/cors-any-origin',
  'node/trust-proxy-all',
];

async function findings(root: string): Promise<string[]> {
  const result = await runCheck({ root, only: RULES });
  expect(result.errors).toEqual([]);
  return result.findings.map((finding) => `${finding.rule} ${locationOf(finding)} ${finding.confidence}`).sort();
}

describe('Node fixtures (rules/node: sessions, secrets, headers, CORS, proxies)', () => {
  it('node-express-insecure: every planted problem', async () => {
    expect(await findings(join(FIXTURES_DIR, 'node-express-insecure'))).toEqual([
      'node/cors-any-origin server.js:11 certain',
      'node/jwt-secret-committed lib/tokens.js:2 certain',
      'node/security-headers-missing server.js:9 certain',
      'node/session-cookie-default-name config/session.js:3 certain',
      'node/session-cookie-httponly-off config/session.js:8 certain',
      'node/session-cookie-insecure config/session.js:7 certain',
      'node/session-cookie-samesite-missing config/session.js:7 certain',
      'node/session-memory-store config/session.js:3 certain',
      'node/session-secret-committed config/session.js:4 certain',
      'node/trust-proxy-all server.js:10 certain',
      'node/x-powered-by server.js:9 certain',
    ]);
  });

  it('node-express-hardened: nothing', async () => {
    expect(await findings(join(FIXTURES_DIR, 'node-express-hardened'))).toEqual([]);
  });

  it('node-koa: every planted problem, nothing for app.proxy or X-Powered-By', async () => {
    expect(await findings(join(FIXTURES_DIR, 'node-koa'))).toEqual([
      'node/cors-any-origin server.js:14 certain',
      'node/jwt-secret-committed lib/tokens.js:3 certain',
      'node/security-headers-missing server.js:7 certain',
      'node/session-cookie-httponly-off server.js:13 certain',
      'node/session-cookie-insecure server.js:13 certain',
      'node/session-cookie-samesite-missing server.js:13 certain',
      'node/session-secret-committed server.js:11 default',
    ]);
  });

  it('node-fastify: every planted problem, nothing for X-Powered-By', async () => {
    expect(await findings(join(FIXTURES_DIR, 'node-fastify'))).toEqual([
      'node/cors-any-origin src/app.js:13 certain',
      'node/jwt-secret-committed src/app.js:14 default',
      'node/security-headers-missing src/app.js:9 certain',
      'node/session-cookie-insecure src/session.js:4 certain',
      'node/session-memory-store src/session.js:1 certain',
      'node/session-secret-committed src/session.js:2 certain',
      'node/trust-proxy-all src/app.js:9 certain',
    ]);
  });

  it('node-nest-insecure: the Express-platform problems; node-nest-hardened: nothing', async () => {
    expect(await findings(join(FIXTURES_DIR, 'node-nest-insecure'))).toEqual([
      'node/cors-any-origin src/main.ts:8 certain',
      'node/jwt-secret-committed src/app.module.ts:11 default',
      'node/security-headers-missing src/main.ts:6 certain',
      'node/x-powered-by src/main.ts:6 certain',
    ]);
    expect(await findings(join(FIXTURES_DIR, 'node-nest-hardened'))).toEqual([]);
  });

  it("node-next-insecure: X-Powered-By from next.config; node-next-hardened: nothing", async () => {
    expect(await findings(join(FIXTURES_DIR, 'node-next-insecure'))).toEqual(['node/x-powered-by next.config.js:2 certain']);
    expect(await findings(join(FIXTURES_DIR, 'node-next-hardened'))).toEqual([]);
  });

  it('an inline suppression in JS silences one finding, with its reason', async () => {
    const root = makeProject({});
    cpSync(join(FIXTURES_DIR, 'node-express-insecure'), root, { recursive: true });
    const server = join(root, 'server.js');
    const text = readFileSync(server, 'utf8').replace(
      "app.set('trust proxy', true);",
      "app.set('trust proxy', true); // deploycheck: ignore[node/trust-proxy-all] the platform strips client X-Forwarded-For",
    );
    writeFileSync(server, text);
    const result = await runCheck({ root, only: RULES });
    expect(result.findings.map((finding) => finding.rule)).not.toContain('node/trust-proxy-all');
    expect(result.findings.map((finding) => finding.rule)).toContain('node/x-powered-by');
  });
});
