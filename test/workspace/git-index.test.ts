import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blobSizes, readBlobs } from '../../src/workspace/cat-file.js';
import { GitError, runGit, tryGit } from '../../src/workspace/git.js';
import { openWorkspace } from '../../src/workspace/index.js';
import { decodeText } from '../../src/workspace/read.js';
import { makeProject } from '../helpers/project.js';

function git(root: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root, encoding: 'utf8' }).trim();
}

describe('runGit and tryGit', () => {
  const root = makeProject({ 'a.txt': 'one\n' });
  git(root, 'init', '-q');

  it('returns standard output, with input on standard input', () => {
    expect(runGit(root, ['hash-object', '--stdin'], { input: 'one\n' }).toString('utf8').trim()).toBe(git(root, 'hash-object', 'a.txt'));
  });

  it('throws a GitError with the exit status and the first line of stderr', () => {
    let caught: unknown;
    try {
      runGit(root, ['rev-parse', '--verify', 'no-such-branch']);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GitError);
    expect((caught as GitError).status).toBe(128);
    expect((caught as GitError).stderr).toMatch(/^fatal: /);
    expect((caught as GitError).stderr).not.toContain('\n');
  });

  it('treats output over maxBuffer as a failure, and tryGit gives undefined for failures', () => {
    expect(tryGit(root, ['hash-object', '--stdin'], { input: 'one\n', maxBuffer: 4 })).toBeUndefined();
    expect(tryGit(join(root, 'missing-dir'), ['status'])).toBeUndefined();
  });
});

describe('blobSizes and readBlobs', () => {
  it('size and read blobs in one process each, leaving out missing objects', () => {
    const root = makeProject({ 'a.txt': 'alpha\n', 'b.txt': '' });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    const a = git(root, 'hash-object', 'a.txt');
    const b = git(root, 'hash-object', 'b.txt');
    const missing = '0'.repeat(40);
    const sizes = blobSizes(root, [a, missing, b]);
    expect([...sizes]).toEqual([
      [a, 6],
      [b, 0],
    ]);
    const contents = readBlobs(root, [
      { sha: a, size: 6 },
      { sha: missing, size: 0 },
      { sha: b, size: 0 },
    ]);
    expect(contents.get(a)?.toString('utf8')).toBe('alpha\n');
    expect(contents.get(b)?.length).toBe(0);
    expect(contents.has(missing)).toBe(false);
  });
});

describe('decodeText', () => {
  it('decodes UTF-8 without its BOM and refuses binary, oversized and invalid bytes', () => {
    expect(decodeText(Buffer.from('\uFEFFx = 1\n'), 'a.py')).toEqual({ ok: true, text: 'x = 1\n' });
    expect(decodeText(Buffer.from([0x61, 0x00]), 'a.bin')).toMatchObject({ ok: false, reason: 'binary', message: 'a.bin is a binary file' });
    expect(decodeText(Buffer.from([0xe9]), 'a.py')).toMatchObject({ ok: false, reason: 'invalid-utf8' });
    expect(decodeText(Buffer.alloc(5 * 1024 * 1024 + 1, 0x61), 'big.txt')).toMatchObject({ ok: false, reason: 'too-large' });
  });
});

describe('the index workspace', () => {
  it('reads staged text, refuses oversized and binary blobs, and reads a text file of a binary type when asked', () => {
    const root = makeProject({ 'settings.py': 'DEBUG = False\n', 'notes.png': 'not really an image\n' });
    writeFileSync(join(root, 'big.json'), Buffer.alloc(6 * 1024 * 1024, 0x61));
    writeFileSync(join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    writeFileSync(join(root, 'latin1.py'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    writeFileSync(join(root, 'settings.py'), 'DEBUG = True\n');
    const workspace = openWorkspace(root, { source: 'index' });

    expect(workspace.source).toBe('index');
    expect(workspace.readText('settings.py')).toEqual({ ok: true, text: 'DEBUG = False\n' });
    const big = workspace.readText('big.json');
    expect(big).toMatchObject({ ok: false, reason: 'too-large' });
    expect(big.ok ? '' : big.message).toContain('6.0 MB');
    expect(workspace.readText('logo.png')).toMatchObject({ ok: false, reason: 'binary' });
    expect(workspace.readText('notes.png')).toEqual({ ok: true, text: 'not really an image\n' });
    expect(workspace.readText('latin1.py')).toMatchObject({ ok: false, reason: 'invalid-utf8' });
    expect(workspace.readText('unstaged.py')).toMatchObject({ ok: false, reason: 'missing' });
  });

  it('reads each file as staged: unchanged, changed, deleted, partly staged and assume-unchanged ones', () => {
    const root = makeProject({ 'same.py': 'A = 1\n', 'changed.py': 'B = 1\n', 'deleted.py': 'C = 1\n', 'partly.py': 'D = 1\n', 'hidden.py': 'E = 1\n' });
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    // git does not look at the disk copy of an assume-unchanged file, so it cannot vouch for it.
    git(root, 'update-index', '--assume-unchanged', 'hidden.py');
    writeFileSync(join(root, 'hidden.py'), 'E = 2\n');
    writeFileSync(join(root, 'changed.py'), 'B = 2\n');
    rmSync(join(root, 'deleted.py'));
    writeFileSync(join(root, 'partly.py'), 'D = 2\n');
    git(root, 'add', 'partly.py');
    writeFileSync(join(root, 'partly.py'), 'D = 3\n');
    const workspace = openWorkspace(root, { source: 'index' });

    expect(['same.py', 'changed.py', 'deleted.py', 'partly.py', 'hidden.py'].map((file) => workspace.readText(file))).toEqual([
      { ok: true, text: 'A = 1\n' },
      { ok: true, text: 'B = 1\n' },
      { ok: true, text: 'C = 1\n' },
      { ok: true, text: 'D = 2\n' },
      { ok: true, text: 'E = 1\n' },
    ]);
    expect(workspace.filesRead().sort()).toEqual(['changed.py', 'deleted.py', 'hidden.py', 'partly.py', 'same.py']);
  });
});
