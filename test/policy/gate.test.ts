import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardenedProject, hardenedSettings, initRepo } from './helpers.js';
import { runCli } from '../helpers/cli.js';

/** The GitLab CI recipe from the README, with the report files in the repository. */
async function ciRun(root: string, ...extra: string[]) {
  const quality = join(root, 'gl-code-quality-report.json');
  const junit = join(root, 'report.xml');
  const run = await runCli('check', root, '--format', `gitlab:${quality}`, '--format', `junit:${junit}`, ...extra);
  return { ...run, quality, junit };
}

describe('the CI gate, as a user runs it in a repository', () => {
  it('fails a project with a high finding and writes both reports naming it', async () => {
    const root = hardenedProject({ 'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True' }) });
    initRepo(root);
    const run = await ciRun(root);
    expect(run.code).toBe(1);
    const quality = JSON.parse(readFileSync(run.quality, 'utf8')) as { check_name: string; location: { path: string } }[];
    expect(quality.map((issue) => [issue.check_name, issue.location.path])).toContainEqual(['django/debug', 'shop/settings.py']);
    expect(readFileSync(run.junit, 'utf8')).toMatch(/<failure[^>]*>[\s\S]*DEBUG/);
  });

  it('passes a clean project with exit 0 and empty-but-valid reports', async () => {
    const root = hardenedProject();
    initRepo(root);
    const run = await ciRun(root, '--min-grade', 'A');
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(run.quality, 'utf8'))).toEqual([]);
    expect(readFileSync(run.junit, 'utf8')).not.toContain('<failure');
  });

  it('fails on the grade alone with --min-grade, and keeps --report-level from hiding findings from the gate', async () => {
    const root = hardenedProject({ 'shop/settings.py': hardenedSettings({ 'SECURE_SSL_REDIRECT = True': 'SECURE_SSL_REDIRECT = False' }) });
    initRepo(root);
    expect((await ciRun(root)).code).toBe(0);
    expect((await ciRun(root, '--min-grade', 'A+')).code).toBe(1);

    const hidden = await runCli('check', root, '--format', 'json', '--report-level', 'critical', '--fail-on', 'medium');
    expect((JSON.parse(hidden.stdout) as { findings: unknown[] }).findings).toEqual([]);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toContain('--report-level critical does not show');
  });

  it('exits 2 on a usage error and writes no report', async () => {
    const root = hardenedProject();
    const run = await ciRun(root, '--fail-on', 'severe');
    expect(run.code).toBe(2);
    expect(existsSync(run.quality)).toBe(false);
  });
});
