/**
 * The live scan against the Express fixtures run under `node` on 127.0.0.1, through the CLI's `scan`:
 * node-express-insecure as its Dockerfile runs it (NODE_ENV unset: Express in development mode) and
 * node-express-hardened with NODE_ENV=production. Each has an exact rule-id set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runCli } from '../helpers/cli.js';
import type { Service } from './livesite.js';
import { scratchDir, startNodeServer } from './livesite.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

interface ScanJson {
  sites: { grade: { grade: string; caps: { rule: string }[] }; findings: { rule: string; severity: string; message: string; evidence?: string }[]; probes: { id: string; status?: number }[] }[];
}

async function scan(port: number): Promise<ScanJson['sites'][number]> {
  const run = await runCli('scan', `http://127.0.0.1:${port}/`, '--format', 'json', '--timeout', '4', '--budget', '20', '--fail-on', 'none');
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as ScanJson).sites[0]!;
}

const ruleIds = (site: ScanJson['sites'][number]) => [...new Set(site.findings.map((finding) => finding.rule))].sort();
const explain = (site: ScanJson['sites'][number], service: Service) =>
  `${site.findings.map((f) => `  ${f.rule} [${f.severity}] ${f.message}`).join('\n')}\n${service.logs()}`;

describe('node-express-insecure under node (development mode, plain HTTP)', () => {
  let server: Service & { port: number };
  let site: ScanJson['sites'][number];

  beforeAll(async () => {
    server = await startNodeServer(`${FIXTURES}node-express-insecure/server.js`);
    site = await scan(server.port);
  }, 40_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('finds every planted live problem, and nothing else', () => {
    expect(ruleIds(site), explain(site, server)).toEqual([
      'web/allowed-hosts-wildcard', // no Host check
      'web/content-type-options-missing', // no helmet
      'web/cookie-httponly', // httpOnly: false
      'web/cookie-insecure', // no secure
      'web/cookie-samesite', // no sameSite
      'web/coop-missing',
      'web/corp-missing',
      'web/cors-credentials-wildcard', // cors({ origin: true, credentials: true })
      'web/csp-missing',
      'web/frame-options-missing',
      'web/https-redirect-missing', // plain HTTP only
      'web/referrer-policy-unsafe',
      'web/session-cookie-default-name', // connect.sid
      'web/stack-trace-exposed', // finalhandler's development error page
      'web/x-powered-by', // X-Powered-By: Express
    ]);
  });

  it("reads the stack trace from Express's own error page, and grades it F", () => {
    const trace = site.findings.find((finding) => finding.rule === 'web/stack-trace-exposed');
    expect(trace?.message).toContain('malformed-json probe');
    expect(trace?.evidence).toMatch(/^SyntaxError: .*JSON.* \/ at JSON\.parse \(<anonymous>\)$/);
    expect(site.grade.grade).toBe('F');
    expect(site.grade.caps.map((cap) => cap.rule)).toContain('web/stack-trace-exposed');
  });
});

describe('node-express-hardened under node (NODE_ENV=production, plain HTTP)', () => {
  const scratch = scratchDir();
  let server: Service & { port: number };
  let site: ScanJson['sites'][number];

  beforeAll(async () => {
    server = await startNodeServer(`${FIXTURES}node-express-hardened/server.js`, {
      NODE_ENV: 'production',
      ALLOWED_HOSTS: '127.0.0.1',
      SESSION_SECRET: 'a-test-only-session-secret',
      SESSION_DIR: scratch.path,
    });
    site = await scan(server.port);
  }, 40_000);
  afterAll(async () => {
    await server?.stop();
    scratch.remove();
  });

  it('shows none of the planted problems: only what plain HTTP on 127.0.0.1 cannot avoid', () => {
    expect(ruleIds(site), explain(site, server)).toEqual([
      'web/https-redirect-missing', // no TLS in front of it here
    ]);
  });

  it('answers the malformed body with a generic error and sets no cookie over plain HTTP (it is Secure)', () => {
    expect(site.probes.find((probe) => probe.id === 'malformed-json')?.status).toBe(400);
    expect(site.findings.filter((finding) => finding.rule.startsWith('web/cookie-'))).toEqual([]);
  });
});
