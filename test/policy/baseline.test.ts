import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardenedProject, hardenedSettings } from './helpers.js';
import { DEFAULT_BASELINE_FILE, applyBaseline, formatBaseline } from '../../src/engine/baseline.js';
import type { Finding } from '../../src/engine/types.js';
import { runCli } from '../helpers/cli.js';

interface Report {
  findings: { rule: string; severity: string; message: string; location: { file: string; line: number } }[];
}

const INSECURE = {
  'DEBUG = False': 'DEBUG = True',
  "ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']": "ALLOWED_HOSTS = ['*']",
};

async function check(root: string, ...args: string[]): Promise<{ code: number; report: Report }> {
  const run = await runCli('check', root, '--format', 'json', ...args);
  return { code: run.code, report: JSON.parse(run.stdout) as Report };
}

describe('deploycheck baseline', () => {
  it('writes a sorted, timestamp-free file keyed by fingerprints that stays the same when lines move', async () => {
    const root = hardenedProject({ 'shop/settings.py': hardenedSettings(INSECURE) });
    const run = await runCli('baseline', root);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(DEFAULT_BASELINE_FILE);
    const text = readFileSync(join(root, DEFAULT_BASELINE_FILE), 'utf8');
    const baseline = JSON.parse(text) as { version: number; findings: { rule: string; fingerprint: string; file: string; message: string }[] };
    expect(baseline.version).toBe(2);
    expect(baseline.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['django/debug', 'django/allowed-hosts-wildcard']));
    expect(Object.keys(baseline.findings[0]!).sort()).toEqual(['file', 'fingerprint', 'message', 'rule']);
    const keys = baseline.findings.map((f) => `${f.file}\0${f.rule}\0${f.fingerprint}`);
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
    expect(text).not.toMatch(/"line"|20\d\d-\d\d-\d\d/);

    // Lines shift above the findings: the same file comes out.
    writeFileSync(join(root, 'shop/settings.py'), `# a comment\n\n${hardenedSettings(INSECURE)}`);
    const output = join(root, 'again.json');
    expect((await runCli('baseline', root, '--output', output)).code).toBe(0);
    expect(readFileSync(output, 'utf8')).toBe(text);
  });

  it('hides what the baseline lists and fails only on new findings', async () => {
    const root = hardenedProject({ 'shop/settings.py': hardenedSettings(INSECURE) });
    expect((await check(root)).code).toBe(1);
    await runCli('baseline', root);
    const baselinePath = join(root, DEFAULT_BASELINE_FILE);
    const clean = await check(root, '--baseline', baselinePath);
    expect(clean.report.findings).toEqual([]);
    expect(clean.code).toBe(0);

    writeFileSync(join(root, 'shop/settings.py'), hardenedSettings({ ...INSECURE, 'SECURE_SSL_REDIRECT = True': 'SECURE_SSL_REDIRECT = False' }));
    const added = await check(root, '--baseline', baselinePath);
    expect(added.report.findings.map((f) => f.rule)).toEqual(['django/ssl-redirect-off']);
  });

  it('reports entries that no longer occur as stale, at their line in the baseline', async () => {
    const root = hardenedProject({ 'shop/settings.py': hardenedSettings(INSECURE), '.deploycheck.json': '{ "baseline": "ci/baseline.json" }' });
    const written = await runCli('baseline', root);
    expect(written.code).toBe(0);
    writeFileSync(join(root, 'shop/settings.py'), hardenedSettings({ "ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']": "ALLOWED_HOSTS = ['*']" }));
    const { code, report } = await check(root);
    expect(report.findings.map((f) => [f.rule, f.severity, f.location.file])).toEqual([['meta/stale-baseline-entry', 'info', 'ci/baseline.json']]);
    const lines = readFileSync(join(root, 'ci/baseline.json'), 'utf8').split('\n');
    expect(lines[report.findings[0]!.location.line - 1]).toContain('"fingerprint"');
    expect(report.findings[0]!.message).toContain('django/debug');
    expect(code).toBe(0);
    expect((await check(root, '--no-baseline')).report.findings.map((f) => f.rule)).toEqual(['django/allowed-hosts-wildcard']);
  });

  it('refuses a missing or malformed baseline with exit 2', async () => {
    const root = hardenedProject({ 'bad.json': '{"version": 3, "findings": []}' });
    const missing = await runCli('check', root, '--baseline', join(root, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const wrong = await runCli('check', root, '--baseline', join(root, 'bad.json'));
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('"version": 2');
  });

  it('reads a version-1 baseline (fingerprints of the old kind) by rule, file and message until it is rewritten', async () => {
    const root = hardenedProject({ 'shop/settings.py': hardenedSettings(INSECURE) });
    const { report } = await check(root);
    const debug = report.findings.find((f) => f.rule === 'django/debug')!;
    const legacy = { version: 1, findings: [{ rule: 'django/debug', fingerprint: 'from-version-1', file: debug.location.file, message: debug.message }] };
    writeFileSync(join(root, 'old.json'), JSON.stringify(legacy, null, 2));
    const hidden = await check(root, '--baseline', join(root, 'old.json'));
    expect(hidden.report.findings.map((f) => f.rule)).toEqual(['django/allowed-hosts-wildcard']);

    // An entry whose message no finding has any more is stale, as with version 2.
    writeFileSync(join(root, 'old.json'), JSON.stringify({ ...legacy, findings: [{ ...legacy.findings[0], message: 'DEBUG was on' }] }));
    const stale = await check(root, '--baseline', join(root, 'old.json'));
    expect(stale.report.findings.map((f) => f.rule).sort()).toEqual(['django/allowed-hosts-wildcard', 'django/debug', 'meta/stale-baseline-entry']);
  });

  it('lets each entry hide one finding, so a second identical finding is new', () => {
    const finding = (line: number): Finding => ({
      rule: 'x/y', severity: 'high', confidence: 'certain', title: 't', message: 'm', location: { file: 'a.py', line, column: 1 }, related: [], fix: 'f', fingerprint: 'abc',
    });
    expect(JSON.parse(formatBaseline([finding(7)]))).toEqual({ version: 2, findings: [{ rule: 'x/y', fingerprint: 'abc', file: 'a.py', message: 'm' }] });
    const baseline = { path: '/repo/b.json', version: 2 as const, entries: [{ rule: 'x/y', fingerprint: 'abc', file: 'a.py', message: 'm', line: 4 }] };
    const result = applyBaseline([finding(1), finding(9)], baseline, '/repo');
    expect(result.baselined).toBe(1);
    expect(result.kept.map((f) => 'line' in f.location && f.location.line)).toEqual([9]);
    expect(result.stale).toEqual([]);
  });
});
