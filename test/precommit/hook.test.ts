/**
 * The pre-commit hook as a user meets it: a real git repository, `deploycheck init --hook`, then
 * `git commit` runs the compiled CLI on what is staged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/workspace/index.js';
import { stagedFiles } from '../../src/workspace/index-source.js';

// Inside the package, so the build finds node_modules and package.json by walking up, as installed.
const build = join(process.cwd(), 'test', 'artifacts', `precommit-build-${process.pid}`);
let cli: string;
let repo: string;

function git(...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], { cwd: repo, encoding: 'utf8' });
}

function commit(message: string): { status: number | null; output: string } {
  const result = spawnSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', 'commit', '-m', message], { cwd: repo, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

beforeAll(async () => {
  // Build the CLI (bundle, code cache, bin) so the hook runs it the way an installed deploycheck runs.
  const { buildCli } = await import('../../scripts/build.mjs');
  cli = await buildCli(build);
  repo = mkdtempSync(join(tmpdir(), 'deploycheck-hook-'));
  cpSync('fixtures/hardened', repo, { recursive: true });
  // The scenario: a project that does not ignore .env yet.
  rmSync(join(repo, '.gitignore'));
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'hardened project');
}, 180_000);

afterAll(() => {
  rmSync(repo, { recursive: true, force: true });
  rmSync(build, { recursive: true, force: true });
});

describe('deploycheck init --hook and check --staged', () => {
  it('installs a plain git hook, and refuses to overwrite a foreign one without --force', () => {
    const hook = join(repo, '.git', 'hooks', 'pre-commit');
    writeFileSync(hook, '#!/bin/sh\necho mine\n');
    const refused = spawnSync(process.execPath, [cli, 'init', '--hook'], { cwd: repo, encoding: 'utf8' });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(hook, 'utf8')).toContain('echo mine');
    const forced = spawnSync(process.execPath, [cli, 'init', '--hook', '--force'], { cwd: repo, encoding: 'utf8' });
    expect(forced.status).toBe(0);
    expect(readFileSync(hook, 'utf8')).toContain('check --staged');
  });

  it('refuses a commit of DEBUG = True and a .env with a key, then lets the fixed commit through', () => {
    const settings = join(repo, 'shop', 'settings.py');
    const hardened = readFileSync(settings, 'utf8');
    writeFileSync(settings, hardened.replace('DEBUG = False', 'DEBUG = True'));
    writeFileSync(join(repo, '.env'), 'SECRET_KEY=I9fr3Rk3EkUExJl5kafLRkzpEp0ABXoU\nSTRIPE_SECRET_KEY=sk_live_p5GRqb1VDMQeXjHBXMOdHbCa\n');
    git('add', 'shop/settings.py', '.env');

    const refused = commit('turn on debugging');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain('env/file-committed');
    expect(refused.output).toContain('django/debug');
    expect(refused.output).not.toContain('sk_live_p5GRqb1VDMQeXjHBXMOdHbCa');
    expect(git('log', '--oneline')).not.toContain('turn on debugging');

    writeFileSync(settings, hardened);
    writeFileSync(join(repo, '.gitignore'), '.env\n');
    git('rm', '-q', '--cached', '.env');
    git('add', 'shop/settings.py', '.gitignore');
    const passed = commit('ignore .env');
    expect(passed.output).not.toContain('critical');
    expect(passed.status).toBe(0);
    expect(git('log', '--oneline')).toContain('ignore .env');
  });

  it('reads the staged content, not the working tree', () => {
    writeFileSync(join(repo, 'Procfile'), 'web: gunicorn shop.wsgi --log-file -\n');
    git('add', 'Procfile');
    writeFileSync(join(repo, 'Procfile'), 'web: python manage.py runserver\n');
    const staged = openWorkspace(repo, { source: 'index' });
    expect(staged.source).toBe('index');
    expect(staged.readText('Procfile')).toEqual({ ok: true, text: 'web: gunicorn shop.wsgi --log-file -\n' });
    expect(staged.files).toContain('shop/settings.py');
    expect(staged.files).not.toContain('.env');
    expect(stagedFiles(repo)).toEqual(['Procfile']);
  });
});
