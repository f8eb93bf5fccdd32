/**
 * The hook as users install it: the real pre-commit framework (Debian's `pre-commit`) reads this
 * repository's .pre-commit-hooks.yaml from a clone of the working tree, installs the `language:
 * node` hook the way it installs any (npm install, npm pack, npm install -g of the tarball), and
 * runs it on `git commit`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSystem } from '../helpers/integration.js';
import { commitWorkingTree, hasCommand } from '../helpers/package-tree.js';

const skip = requireSystem('the pre-commit framework (Debian package pre-commit)', hasCommand('pre-commit'));

describe.skipIf(skip)('deploycheck under the pre-commit framework', () => {
  let work: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', ...args], { cwd: project, encoding: 'utf8', env });
  const commit = (message: string) => {
    const result = spawnSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', 'commit', '-m', message], {
      cwd: project,
      encoding: 'utf8',
      env,
    });
    return { status: result.status, output: result.stdout + result.stderr };
  };

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'deploycheck-precommit-'));
    const hookRepository = commitWorkingTree(work);
    // Its own home: the hook environment is installed from scratch, as on a new machine.
    env = { ...process.env, PRE_COMMIT_HOME: join(work, 'pre-commit-home'), PRE_COMMIT_COLOR: 'never' };
    project = join(work, 'project');
    cpSync('fixtures/hardened', project, { recursive: true });
    // A Node front end beside the Django project: the hook judges both kinds.
    cpSync('fixtures/node-express-hardened', join(project, 'web'), { recursive: true });
    writeFileSync(
      join(project, '.pre-commit-config.yaml'),
      ['repos:', `  - repo: ${hookRepository.dir}`, `    rev: ${hookRepository.commit}`, '    hooks:', '      - id: deploycheck', ''].join('\n'),
    );
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'hardened project');
    execFileSync('pre-commit', ['install'], { cwd: project, env, encoding: 'utf8' });
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('installs the hook, refuses a staged DEBUG = True with deploycheck\'s report, then lets the fix through', () => {
    const settings = join(project, 'shop', 'settings.py');
    const hardened = readFileSync(settings, 'utf8');
    writeFileSync(settings, hardened.replace('DEBUG = False', 'DEBUG = True'));
    git('add', 'shop/settings.py');

    const refused = commit('turn on debugging');
    expect(refused.output).toContain('Installing environment');
    expect(refused.output).not.toContain('An unexpected error has occurred');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/deploycheck\.+Failed/);
    expect(refused.output).toContain('django/debug');
    expect(refused.output).toContain('shop/settings.py');
    expect(git('log', '--oneline')).not.toContain('turn on debugging');

    writeFileSync(settings, `${hardened}\n# Reviewed before the release.\n`);
    git('add', 'shop/settings.py');
    const passed = commit('review settings');
    expect(passed.output).toMatch(/deploycheck\.+Passed/);
    expect(passed.status).toBe(0);
    expect(git('log', '--oneline')).toContain('review settings');
  }, 600_000);

  it('refuses a session secret written into a Node project\'s code, masked, then lets the fix through', () => {
    const session = join(project, 'web', 'config', 'session.js');
    const hardened = readFileSync(session, 'utf8');
    expect(hardened).toContain('secret: process.env.SESSION_SECRET,');
    writeFileSync(session, hardened.replace('secret: process.env.SESSION_SECRET,', "secret: 'tea-party-9f3k2m8q',"));
    git('add', 'web/config/session.js');

    const refused = commit('hard-code the session secret');
    expect(refused.status).not.toBe(0);
    expect(refused.output).toMatch(/deploycheck\.+Failed/);
    expect(refused.output).toContain('node/session-secret-committed');
    expect(refused.output).toContain('web/config/session.js');
    expect(refused.output).not.toContain('tea-party-9f3k2m8q');
    expect(git('log', '--oneline')).not.toContain('hard-code the session secret');

    writeFileSync(session, `${hardened}// The secret comes from the platform's settings.\n`);
    git('add', 'web/config/session.js');
    const passed = commit('keep the session secret in the environment');
    expect(passed.output).toMatch(/deploycheck\.+Passed/);
    expect(passed.status).toBe(0);
  }, 120_000);

  it('reuses the installed environment on the next run', () => {
    const again = spawnSync('pre-commit', ['run', '--all-files'], { cwd: project, env, encoding: 'utf8' });
    const output = again.stdout + again.stderr;
    expect(output).toMatch(/deploycheck\.+Passed/);
    expect(output).not.toContain('Installing environment');
    expect(again.status).toBe(0);
  }, 120_000);

  it('answers the same staged content again from the run cache, and checks a new staging afresh', () => {
    const cached: NodeJS.ProcessEnv = { ...env, DEPLOYCHECK_CACHE_DIR: join(work, 'run-cache'), DEPLOYCHECK_DEBUG_RUN_CACHE: '1' };
    // The suite turns the cache off, and CI turns it off by default.
    delete cached.DEPLOYCHECK_NO_CACHE;
    delete cached.CI;
    const run = () => {
      const result = spawnSync('pre-commit', ['run', '--verbose'], { cwd: project, env: cached, encoding: 'utf8' });
      return { status: result.status, output: result.stdout + result.stderr };
    };
    const settings = join(project, 'shop', 'settings.py');
    const before = readFileSync(settings, 'utf8');
    writeFileSync(settings, before.replace('DEBUG = False', 'DEBUG = True'));
    git('add', 'shop/settings.py');

    const first = run();
    expect(first.output).toContain('deploycheck: run cache miss (no entry)');
    expect(first.output).toContain('django/debug');
    const second = run();
    expect(second.output).toContain('deploycheck: run cache hit');
    expect(second.status).toBe(first.status);
    // The same report; only pre-commit's own `duration:` line differs.
    const report = (output: string, cache: string) => output.replace(cache, '').replace(/^- duration: .*$/m, '');
    expect(report(second.output, 'run cache hit')).toBe(report(first.output, 'run cache miss (no entry)'));

    writeFileSync(settings, `${before}\n# DEBUG stays off.\n`);
    git('add', 'shop/settings.py');
    const fixed = run();
    expect(fixed.output).toMatch(/deploycheck: run cache miss \((?!no entry)/);
    expect(fixed.output).toMatch(/deploycheck\.+Passed/);
    expect(fixed.output).not.toContain('django/debug');
    expect(fixed.status).toBe(0);
  }, 120_000);
});
