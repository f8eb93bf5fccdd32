import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/workspace/index.js';
import { makeProject } from '../helpers/project.js';
import { workspaceOf } from '../helpers/workspace.js';

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
}

describe('openWorkspace outside git', () => {
  it('lists files sorted and skips vendored directories and virtualenvs', () => {
    const workspace = workspaceOf({
      'manage.py': '',
      'mysite/settings.py': '',
      'node_modules/pkg/index.js': '',
      '.venv/lib/x.py': '',
      'env/pyvenv.cfg': 'home = /usr',
      'env/lib/site.py': '',
      'mysite/__pycache__/settings.cpython-312.pyc': '',
      'build/keep.txt': '',
    });
    expect(workspace.files).toEqual(['build/keep.txt', 'manage.py', 'mysite/settings.py']);
    expect(workspace.isTracked('manage.py')).toBeUndefined();
    expect(workspace.isIgnored('manage.py')).toBeUndefined();
    expect(workspace.source).toBe('worktree');
  });

  it('survives a symlink loop and lists a symlinked directory once', () => {
    const root = makeProject({ 'app/a.py': '' });
    symlinkSync(join(root, 'app'), join(root, 'app', 'loop'));
    symlinkSync(join(root, 'app'), join(root, 'alias'));
    symlinkSync(join(root, 'missing'), join(root, 'dangling'));
    const files = openWorkspace(root).files;
    expect(files.filter((file) => file.endsWith('a.py'))).toHaveLength(1);
  });

  it('passes over an unreadable directory', () => {
    const root = makeProject({ 'ok.py': '', 'secret/x.py': '' });
    chmodSync(join(root, 'secret'), 0o000);
    try {
      const files = openWorkspace(root).files;
      expect(files).toContain('ok.py');
      if (process.getuid?.() !== 0) expect(files).not.toContain('secret/x.py');
    } finally {
      chmodSync(join(root, 'secret'), 0o755);
    }
  });
});

describe('readText', () => {
  it('refuses binary, oversized and invalid UTF-8 files, strips a BOM, reports missing files', () => {
    const root = makeProject({ 'bom.py': '\uFEFFDEBUG = True\n' });
    writeFileSync(join(root, 'image.png'), Buffer.from([0x89, 0x50, 0x00, 0x47]));
    writeFileSync(join(root, 'big.txt'), Buffer.alloc(6 * 1024 * 1024, 0x61));
    writeFileSync(join(root, 'latin1.py'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    mkdirSync(join(root, 'adir'));
    const workspace = openWorkspace(root);

    expect(workspace.readText('bom.py')).toEqual({ ok: true, text: 'DEBUG = True\n' });
    expect(workspace.readText('image.png')).toMatchObject({ ok: false, reason: 'binary' });
    const big = workspace.readText('big.txt');
    expect(big).toMatchObject({ ok: false, reason: 'too-large' });
    expect(big.ok ? '' : big.message).toContain('6.0 MB');
    expect(workspace.readText('latin1.py')).toMatchObject({ ok: false, reason: 'invalid-utf8' });
    expect(workspace.readText('nope.py')).toMatchObject({ ok: false, reason: 'missing' });
    expect(workspace.readText('adir')).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(workspace.exists('bom.py')).toBe(true);
    expect(workspace.exists('nope.py')).toBe(false);
  });

  it('caches reads', () => {
    const root = makeProject({ 'a.txt': 'one' });
    const workspace = openWorkspace(root);
    expect(workspace.readText('a.txt')).toEqual({ ok: true, text: 'one' });
    writeFileSync(join(root, 'a.txt'), 'two');
    expect(workspace.readText('./a.txt')).toEqual({ ok: true, text: 'one' });
  });
});

describe('openWorkspace in git', () => {
  it('knows tracked, untracked and ignored files', () => {
    const root = makeProject({
      '.gitignore': '.env\nlogs/\n',
      'manage.py': '',
      '.env': 'SECRET_KEY=x',
      '.env.production': 'DEBUG=False',
      'logs/app.log': '',
      'new.py': '',
      'node_modules/x/index.js': '',
      'gone.py': '',
    });
    git(root, 'init', '-q');
    git(root, 'add', '.gitignore', 'manage.py', '.env.production', 'gone.py', 'node_modules');
    git(root, 'commit', '-qm', 'init');
    execFileSync('rm', [join(root, 'gone.py')]);
    // node_modules was committed on purpose here, so it is listed; untracked vendored files are not.
    writeFileSync(join(root, 'node_modules', 'x', 'new.js'), '');
    const workspace = openWorkspace(root);
    expect(workspace.files).toEqual(['.env.production', '.gitignore', 'manage.py', 'new.py', 'node_modules/x/index.js']);
    expect(workspace.isTracked('manage.py')).toBe(true);
    expect(workspace.isTracked('new.py')).toBe(false);
    expect(workspace.isIgnored('new.py')).toBe(false);
    expect(workspace.isIgnored('.env')).toBe(true);
    expect(workspace.isIgnored('logs/app.log')).toBe(true);
    expect(workspace.isIgnored('.env.production')).toBe(false);
    expect(workspace.exists('.env')).toBe(true);
  });

  it('lists only the files under a subdirectory of a repository', () => {
    const root = makeProject({ 'backend/manage.py': '', 'frontend/package.json': '{}', 'backend/venv/pyvenv.cfg': '', 'backend/venv/x.py': '' });
    git(root, 'init', '-q');
    const workspace = openWorkspace(join(root, 'backend'));
    expect(workspace.files).toEqual(['manage.py']);
    expect(workspace.isTracked('manage.py')).toBe(false);
  });

  it('lists 10,000 files', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10_000; i++) files[`pkg${i % 50}/mod${i}.py`] = '';
    const root = makeProject(files);
    git(root, 'init', '-q');
    expect(openWorkspace(root).files).toHaveLength(10_000);
    execFileSync('rm', ['-rf', join(root, '.git')]);
    expect(openWorkspace(root).files).toHaveLength(10_000);
  });
});

describe('openWorkspace on a missing directory', () => {
  it('lists nothing and does not throw', () => {
    const workspace = openWorkspace(join(makeProject({}), 'does-not-exist'));
    expect(workspace.files).toEqual([]);
    expect(workspace.readText('x')).toMatchObject({ ok: false, reason: 'missing' });
  });
});
