import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseXml } from './xml.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'deploycheck-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('deploycheck check --format NAME[:FILE]', () => {
  it('writes pretty to stdout and each targeted format to its file, keeping the exit code', async () => {
    const sarif = join(dir, 'out.sarif');
    const json = join(dir, 'report.json');
    const junit = join(dir, 'junit.xml');
    const run = await runCli('check', 'fixtures/startproject', '--format', 'pretty', '--format', `sarif:${sarif}`, '--format', `json:${json}`, '--format', `junit:${junit}`);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^Grade F \(score \d+\/100\)/m);
    expect(run.stdout).not.toContain('\u001b[');
    const report = JSON.parse(readFileSync(json, 'utf8')) as { findings: { rule: string }[] };
    const log = JSON.parse(readFileSync(sarif, 'utf8')) as { version: string; runs: { results: { ruleId: string }[] }[] };
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(report.findings.map((f) => f.rule));
    expect(parseXml(readFileSync(junit, 'utf8')).attributes.failures).toBe(String(report.findings.length));
  });

  it('keeps --output for the untargeted format, and never colours a file', async () => {
    const pretty = join(dir, 'pretty.txt');
    const run = await runCli('check', 'fixtures/startproject', '--format', 'pretty', '--output', pretty, '--format', `github:${join(dir, 'a.txt')}`);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(readFileSync(pretty, 'utf8')).toMatch(/^Grade F/m);
    expect(readFileSync(pretty, 'utf8')).not.toContain('\u001b[');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toMatch(/^::error file=mysite\/settings\.py,line=\d+/m);
  });

  it('prints a single CI format on stdout', async () => {
    const run = await runCli('check', 'fixtures/startproject', '--format', 'gitlab');
    expect((JSON.parse(run.stdout) as unknown[]).length).toBeGreaterThan(0);
  });

  it('exits 2 for an unknown format, two formats on stdout or an --output no format takes, writing nothing', async () => {
    const unknown = await runCli('check', 'fixtures/startproject', '--format', 'html', '--format', `json:${join(dir, 'never.json')}`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--format must be one of pretty, json, sarif, junit, gitlab, github, markdown (got 'html')");
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
    const two = await runCli('check', 'fixtures/startproject', '--format', 'pretty', '--format', 'json');
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('only one --format can go to stdout');
    const orphan = await runCli('check', 'fixtures/startproject', '--format', `sarif:${join(dir, 'x.sarif')}`, '--output', join(dir, 'y'));
    expect(orphan.code).toBe(2);
    expect(orphan.stderr).toContain('--output needs a --format without a file');
  });
});
