import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitAll, git, hardenedProject, hardenedSettings, initRepo } from './helpers.js';
import { changedFiles } from '../../src/engine/changed.js';
import { runCli } from '../helpers/cli.js';

interface Report {
  findings: { rule: string; location: { file: string } }[];
}

async function findings(root: string, ...args: string[]): Promise<string[]> {
  const run = await runCli('check', root, '--format', 'json', ...args);
  expect(run.stderr).toBe('');
  return (JSON.parse(run.stdout) as Report).findings.map((f) => `${f.rule}@${f.location.file}`);
}

/** main: a wildcard ALLOWED_HOSTS (an old finding); branch `feature`: the Procfile now runs runserver. */
function repository(): string {
  const root = hardenedProject({
    'shop/settings.py': hardenedSettings({ "ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']": "ALLOWED_HOSTS = ['*']" }),
  });
  initRepo(root);
  git(root, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(root, 'Procfile'), 'web: python manage.py runserver 0.0.0.0:$PORT\n');
  commitAll(root, 'feature');
  return root;
}

describe('--changed-since', () => {
  it('reports only findings in files changed since the merge base, while still evaluating the whole project', async () => {
    const root = repository();
    expect(await findings(root)).toEqual(['django/runserver-in-production@Procfile', 'django/allowed-hosts-wildcard@shop/settings.py']);
    expect(await findings(root, '--changed-since', 'main')).toEqual(['django/runserver-in-production@Procfile']);

    // A later commit on main does not count as a change of the branch (REF...HEAD).
    git(root, 'checkout', '-q', 'main');
    appendFileSync(join(root, 'shop/settings.py'), '\n# touched on main\n');
    commitAll(root, 'main moves on');
    git(root, 'checkout', '-q', 'feature');
    expect(await findings(root, '--changed-since', 'main')).toEqual(['django/runserver-in-production@Procfile']);
  });

  it('counts uncommitted and untracked changes', async () => {
    const root = repository();
    appendFileSync(join(root, 'shop/settings.py'), '\n# an unstaged edit\n');
    expect(await findings(root, '--changed-since', 'HEAD')).toEqual(['django/allowed-hosts-wildcard@shop/settings.py']);
    writeFileSync(join(root, 'notes.txt'), 'new\n');
    expect([...changedFiles(root, 'HEAD')].sort()).toEqual(['notes.txt', 'shop/settings.py']);
  });

  it('is a usage error for an unknown revision or outside a git repository', async () => {
    const bad = await runCli('check', repository(), '--changed-since', 'no-such-branch');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--changed-since no-such-branch');
    const plain = await runCli('check', hardenedProject(), '--changed-since', 'main');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain('--changed-since main');
  });
});
