/**
 * The run cache through the built CLI: a second identical `check` replays the first one's output and
 * exit code; any change to what the run depended on (files, listings, git's answers, arguments,
 * environment, the build, the entry itself) is a miss whose result equals a `--no-cache` run.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checksum, decodeEntry, encodeEntry, FORMAT_TAG, FORMAT_VERSION } from '../../src/run-cache/format.js';
import type { Entry } from '../../src/run-cache/format.js';

const build = join(process.cwd(), 'test', 'artifacts', `run-cache-build-${process.pid}`);
const temps: string[] = [];
let cli: string;
let cacheDir: string;

function temp(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

function cacheEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DEPLOYCHECK_CACHE_DIR: cacheDir, DEPLOYCHECK_DEBUG_RUN_CACHE: '1' };
  for (const name of ['DEPLOYCHECK_NO_CACHE', 'DEPLOYCHECK_DEBUG_CODE_CACHE', 'DEPLOYCHECK_DEBUG_LAZY', 'NO_COLOR', 'FORCE_COLOR', 'CI', 'LOG_STREAM', 'LOG_TOKENS']) delete env[name];
  return { ...env, ...extra };
}

interface Run {
  code: number | null;
  stdout: Buffer;
  /** stderr without the run cache's debug line. */
  stderr: string;
  /** What the debug line said: `hit`, `miss (…)`, `uncacheable (…)`, `off (…)`; '' when none. */
  cache: string;
}

const DEBUG_LINE = /^deploycheck: run cache (.*)\n/gm;

function parse(code: number | null, stdout: Buffer, stderr: Buffer): Run {
  const text = stderr.toString('utf8');
  const lines = [...text.matchAll(DEBUG_LINE)].map((match) => match[1]);
  return { code, stdout, stderr: text.replace(DEBUG_LINE, ''), cache: lines.join('; ') };
}

function run(cwd: string, args: string[], extra: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env: cacheEnv(extra) });
  return parse(result.status, result.stdout, result.stderr);
}

function runAsync(cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: cacheEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve(parse(code, Buffer.concat(out), Buffer.concat(err))));
  });
}

/** The same run with the cache off: what a hit or a miss must print. */
function fresh(cwd: string, args: string[], extra: NodeJS.ProcessEnv = {}): Run {
  return run(cwd, args, { ...extra, DEPLOYCHECK_NO_CACHE: '1' });
}

function expectSame(actual: Run, expected: Run): void {
  expect(actual.code).toBe(expected.code);
  expect(actual.stderr).toBe(expected.stderr);
  expect(actual.stdout.toString('utf8')).toBe(expected.stdout.toString('utf8'));
  expect(actual.stdout.equals(expected.stdout)).toBe(true);
}

/** A copy of fixtures/startproject (no git repository, like a fresh `django-admin startproject`). */
function startproject(): string {
  const root = temp('deploycheck-run-cache-');
  cpSync(join(process.cwd(), 'fixtures', 'startproject'), root, { recursive: true });
  return root;
}

function git(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=test', ...args], { cwd: root, stdio: 'ignore' });
}

/** startproject in a git repository with one commit. */
function gitProject(): string {
  const root = startproject();
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'start');
  return root;
}

function entries(): string[] {
  try {
    return readdirSync(cacheDir).filter((name) => name.endsWith('.run'));
  } catch {
    return [];
  }
}

function onlyEntry(): string {
  const names = entries();
  expect(names).toHaveLength(1);
  return join(cacheDir, names[0]!);
}

function readEntry(file: string): { entry: Entry; blob: Buffer } {
  const decoded = decodeEntry(readFileSync(file));
  if (typeof decoded === 'string') throw new Error(decoded);
  return { entry: decoded.json as Entry, blob: decoded.blob };
}

/** An entry file of this format around `json` (no blob), with the right checksum. */
function framed(json: string): Buffer {
  const body = Buffer.from(json);
  return Buffer.concat([Buffer.from(`${FORMAT_TAG} ${FORMAT_VERSION} ${body.length} 0 ${checksum(body)}\n`), body]);
}

/** Stores a run, applies `change`, and expects a miss that prints what a fresh run prints, then a hit. */
function expectMissAfter(root: string, args: string[], change: () => void, reason: RegExp, env: NodeJS.ProcessEnv = {}): Run {
  const first = run(root, args);
  expect(first.cache).toBe('miss (no entry)');
  expect(run(root, args).cache).toBe('hit');
  change();
  const after = run(root, args, env);
  expect(after.cache).toMatch(reason);
  expectSame(after, fresh(root, args, env));
  expect(run(root, args, env).cache).toBe('hit');
  return after;
}

const SETTINGS = join('mysite', 'settings.py');

beforeAll(async () => {
  const { buildCli } = await import('../../scripts/build.mjs');
  cli = await buildCli(build);
}, 180_000);

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  cacheDir = temp('deploycheck-run-cache-dir-');
});

describe('the run cache', () => {
  it('replays a second identical check byte for byte, with its exit code', () => {
    const root = startproject();
    const first = run(root, ['check', '.']);
    expect(first.cache).toBe('miss (no entry)');
    expect(first.code).toBe(1);
    const second = run(root, ['check', '.']);
    expect(second.cache).toBe('hit');
    expectSame(second, first);
    expectSame(second, fresh(root, ['check', '.']));
  });

  it('does not load the bundle on a hit', () => {
    const root = startproject();
    const first = run(root, ['check', '.']);
    const bundle = join(build, 'dist', 'deploycheck.cjs');
    const original = readFileSync(bundle, 'latin1');
    try {
      // The same build id, but a bundle that fails the moment it is run.
      writeFileSync(bundle, `throw new Error('the bundle was loaded');\n${original.slice(original.lastIndexOf('// deploycheck-build '))}`, 'latin1');
      const second = run(root, ['check', '.']);
      expect(second.cache).toBe('hit');
      expectSame(second, first);
    } finally {
      writeFileSync(bundle, original, 'latin1');
    }
  });

  it('replays stderr and a usage error exit code too', () => {
    const root = startproject();
    const args = ['check', '.', '--set', 'NO_EQUALS_SIGN'];
    const first = run(root, args);
    expect(first.code).toBe(2);
    expect(first.stderr).toBe("deploycheck: --set expects KEY=VALUE (got 'NO_EQUALS_SIGN')\n");
    const second = run(root, args);
    expect(second.cache).toBe('hit');
    expectSame(second, first);
  });

  it('misses when a settings file is rewritten with the same size and modification time', () => {
    const root = startproject();
    const file = join(root, SETTINGS);
    const after = expectMissAfter(
      root,
      ['check', '.', '--format', 'json'],
      () => {
        const { atime, mtime } = statSync(file);
        const text = readFileSync(file, 'utf8');
        expect(text).toContain('DEBUG = True');
        writeFileSync(file, text.replace('DEBUG = True', 'DEBUG = None'));
        utimesSync(file, atime, mtime);
      },
      /^miss \(.*settings\.py changed/,
    );
    expect(after.stdout.toString()).not.toContain('"django/debug"');
  });

  it('compares the bytes of a file changed just before the run, not only its stat', () => {
    const root = startproject();
    run(root, ['check', '.']);
    const file = onlyEntry();
    const { entry, blob } = readEntry(file);
    const settings = entry.inputs.find((input) => input.t === 'file' && input.p === join(root, SETTINGS));
    // Written moments ago: racily clean, so its bytes are kept.
    expect(settings?.t === 'file' && settings.head).toBeTruthy();
    const [offset] = (settings as { head: [number, number] }).head;
    blob[offset + 3] = blob[offset + 3]! ^ 1;
    writeFileSync(file, encodeEntry(entry, blob));
    const after = run(root, ['check', '.']);
    expect(after.cache).toMatch(/^miss \(.*settings\.py changed \(content\)\)$/);
    expectSame(after, fresh(root, ['check', '.']));
  });

  it('misses when a file is deleted', () => {
    const root = startproject();
    expectMissAfter(root, ['check', '.'], () => unlinkSync(join(root, 'requirements.txt')), /^miss \(.*requirements\.txt is gone\)$/);
  });

  it('misses when a file the check does not read appears (the directory listing changed)', () => {
    const root = startproject();
    expectMissAfter(root, ['check', '.'], () => writeFileSync(join(root, 'mysite', 'notes.txt'), 'notes\n'), /^miss \(.*mysite listing changed\)$/);
  });

  it('misses when an untracked file appears in a git repository', () => {
    const root = gitProject();
    expectMissAfter(root, ['check', '.', '--format', 'json'], () => writeFileSync(join(root, '.env'), 'SECRET_KEY=abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH\n'), /^miss \(git ls-files .* differs\)$/);
  });

  it('misses when .gitignore changes', () => {
    const root = gitProject();
    writeFileSync(join(root, 'local.env'), 'DEBUG=1\n');
    // The .gitignore itself is probed too, so the miss may be found there before git is asked again.
    expectMissAfter(root, ['check', '.'], () => writeFileSync(join(root, '.gitignore'), 'local.env\n'), /^miss \(.*(\.gitignore is no longer missing|git ls-files .* differs)\)$/);
  });

  it('misses with --staged when a change is staged, even with the working tree untouched', () => {
    const root = gitProject();
    const after = expectMissAfter(
      root,
      ['check', '--staged', '--format', 'json'],
      () => {
        // Only the index changes (as after `git add -p` and an undo in the editor): git's answers tell.
        const staged = readFileSync(join(root, SETTINGS), 'utf8').replace('DEBUG = True', 'DEBUG = False');
        const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: root, input: staged }).toString().trim();
        git(root, 'update-index', '--cacheinfo', `100644,${blob},mysite/settings.py`);
      },
      /^miss \(git .* differs\)$/,
    );
    expect(after.stdout.toString()).not.toContain('"django/debug"');
  });

  it('hits the pre-commit call `check --staged --files …` again, and misses after `git add` of a change', () => {
    const root = gitProject();
    writeFileSync(join(root, SETTINGS), `${readFileSync(join(root, SETTINGS), 'utf8')}\nCONN_MAX_AGE = 60\n`);
    git(root, 'add', SETTINGS);
    const args = ['check', '--staged', '--files', SETTINGS, 'manage.py'];
    expectMissAfter(
      root,
      args,
      () => {
        writeFileSync(join(root, SETTINGS), readFileSync(join(root, SETTINGS), 'utf8').replace('CONN_MAX_AGE = 60', 'CONN_MAX_AGE = 600'));
        git(root, 'add', SETTINGS);
      },
      /^miss \(.*(settings\.py changed|git .* differs)\)$/,
    );
  });

  it('validates --changed-since by asking git again: a new commit misses', () => {
    const root = gitProject();
    writeFileSync(join(root, SETTINGS), `${readFileSync(join(root, SETTINGS), 'utf8')}\nSESSION_COOKIE_SECURE = False\n`);
    expectMissAfter(root, ['check', '.', '--changed-since', 'HEAD', '--format', 'json'], () => git(root, 'commit', '-qam', 'next'), /^miss \(git .* differs\)$/);
  });

  it('keeps one entry per command line and output-changing environment', () => {
    const root = startproject();
    run(root, ['check', '.']);
    expect(run(root, ['check', '.', '--format', 'json']).cache).toBe('miss (no entry)');
    const colourless = run(root, ['check', '.'], { NO_COLOR: '1' });
    expect(colourless.cache).toBe('miss (no entry)');
    expectSame(colourless, fresh(root, ['check', '.'], { NO_COLOR: '1' }));
    expect(entries()).toHaveLength(3);
    expect(run(root, ['check', '.']).cache).toBe('hit');
  });

  it('keys the yaml parser\'s debugging variables, which make it print its tokens', () => {
    const root = startproject();
    writeFileSync(join(root, 'render.yaml'), 'services:\n  - type: web\n    name: site\n');
    run(root, ['check', '.']);
    const logged = run(root, ['check', '.'], { LOG_TOKENS: '1' });
    expect(logged.cache).toBe('miss (no entry)');
    expectSame(logged, fresh(root, ['check', '.'], { LOG_TOKENS: '1' }));
    expect(run(root, ['check', '.']).cache).toBe('hit');
  });

  it('keeps the entries of another installation of the same bundle apart', () => {
    const root = startproject();
    const copy = `${build}-copy`;
    cpSync(join(build, 'bin'), join(copy, 'bin'), { recursive: true });
    cpSync(join(build, 'dist'), join(copy, 'dist'), { recursive: true });
    try {
      run(root, ['check', '.']);
      const result = spawnSync(process.execPath, [join(copy, 'bin', 'deploycheck.js'), 'check', '.'], { cwd: root, env: cacheEnv() });
      expect(parse(result.status, result.stdout, result.stderr).cache).toBe('miss (no entry)');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('is off in CI, where a gate must never pass on a replay', () => {
    const root = startproject();
    expect(run(root, ['check', '.'], { CI: 'true' }).cache).toBe('off (CI)');
    expect(entries()).toEqual([]);
  });

  it('never re-runs a git command an entry names that deploycheck does not run itself', () => {
    const root = gitProject();
    run(root, ['check', '.']);
    const file = onlyEntry();
    const { entry, blob } = readEntry(file);
    const marker = join(root, 'pwned');
    const forged = { t: 'git' as const, cwd: root, args: ['-c', `alias.x=!touch ${marker}; false`, 'x'], ok: false as const, status: 1, err: '' };
    writeFileSync(file, encodeEntry({ ...entry, inputs: [forged, ...entry.inputs] }, blob));
    const after = run(root, ['check', '.']);
    expect(after.cache).toBe('miss (malformed entry)');
    expect(() => statSync(marker)).toThrow();
    expectSame(after, fresh(root, ['check', '.']));
  });

  it('reads staged blobs as staged, whatever `git replace` says, and does not store a run that missed an object', () => {
    const root = gitProject();
    // Staged: DEBUG off; the working tree then differs, so the staged blob is read from git.
    writeFileSync(join(root, SETTINGS), readFileSync(join(root, SETTINGS), 'utf8').replace('DEBUG = True', 'DEBUG = False'));
    git(root, 'add', SETTINGS);
    writeFileSync(join(root, SETTINGS), `${readFileSync(join(root, SETTINGS), 'utf8')}\n# edited after staging\n`);
    const staged = execFileSync('git', ['rev-parse', `:${SETTINGS.split('\\').join('/')}`], { cwd: root }).toString().trim();
    const committed = execFileSync('git', ['rev-parse', `HEAD:${SETTINGS.split('\\').join('/')}`], { cwd: root }).toString().trim();
    const args = ['check', '--staged', '--format', 'json'];
    const before = run(root, args);
    expect(before.stdout.toString()).not.toContain('"django/debug"');
    git(root, 'replace', '-f', staged, committed);
    const replaced = run(root, args);
    expect(replaced.cache).toBe('hit');
    expectSame(replaced, fresh(root, args));
    // The staged object gone (a partial clone, an alternate): reported, and not stored.
    git(root, 'replace', '-d', staged);
    const object = join(root, '.git', 'objects', staged.slice(0, 2), staged.slice(2));
    const aside = `${object}.aside`;
    cpSync(object, aside);
    rmSync(object, { force: true });
    try {
      rmSync(cacheDir, { recursive: true, force: true });
      const missing = run(root, args);
      expect(missing.cache).toBe('miss (no entry); uncacheable (a git object could not be read)');
      expect(entries()).toEqual([]);
    } finally {
      cpSync(aside, object);
    }
    expect(run(root, args).stdout.equals(before.stdout)).toBe(true);
  });

  it('misses after the bundle is rebuilt (another build id)', () => {
    const root = startproject();
    run(root, ['check', '.']);
    const bundle = join(build, 'dist', 'deploycheck.cjs');
    const original = readFileSync(bundle, 'latin1');
    const id = /deploycheck-build ([0-9a-f]{16})\n$/.exec(original)![1]!;
    try {
      writeFileSync(bundle, original.replace(`deploycheck-build ${id}\n`, `deploycheck-build ${'0'.repeat(16)}\n`), 'latin1');
      const after = run(root, ['check', '.']);
      expect(after.cache).toBe('miss (no entry)');
      expectSame(after, fresh(root, ['check', '.']));
    } finally {
      writeFileSync(bundle, original, 'latin1');
    }
  });

  describe('ignores an entry that is not for this run or not whole', () => {
    const damaged: [string, (file: string) => void, string][] = [
      [
        "another Node version's",
        (file) => {
          const { entry, blob } = readEntry(file);
          writeFileSync(file, encodeEntry({ ...entry, key: { ...entry.key, node: 'v18.0.0' } }, blob));
        },
        'miss (another key)',
      ],
      ['a truncated', (file) => writeFileSync(file, readFileSync(file).subarray(0, -7)), 'miss (truncated or padded)'],
      ['a padded', (file) => writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('\n')])), 'miss (truncated or padded)'],
      ['a garbage', (file) => writeFileSync(file, framed('{"key":!}')), 'miss (invalid JSON)'],
      ['a wrongly shaped', (file) => writeFileSync(file, framed('{"key":{},"code":1}')), 'miss (malformed entry)'],
      // Same length, so only the checksum can tell: a failing gate must not turn into a pass.
      ['a damaged', (file) => writeFileSync(file, readFileSync(file, 'latin1').replace('"code":1', '"code":0'), 'latin1'), 'miss (damaged)'],
      [
        'a wrongly shaped input of',
        (file) => {
          const { entry, blob } = readEntry(file);
          writeFileSync(file, encodeEntry({ ...entry, inputs: [{ t: 'git', cwd: '/', args: ['status'], ok: true, out: [blob.length, 5] }] }, blob));
        },
        'miss (malformed entry)',
      ],
      ['an older format version', (file) => writeFileSync(file, readFileSync(file, 'latin1').replace(`${FORMAT_TAG} ${FORMAT_VERSION} `, `${FORMAT_TAG} 1 `), 'latin1'), 'miss (format version 1)'],
      ['an empty', (file) => writeFileSync(file, ''), 'miss (no header)'],
    ];
    it.each(damaged)('%s entry', (_label, damage, reason) => {
      const root = startproject();
      run(root, ['check', '.']);
      damage(onlyEntry());
      const after = run(root, ['check', '.']);
      expect(after.cache).toBe(reason);
      expectSame(after, fresh(root, ['check', '.']));
      // The run rewrote a good entry.
      expect(run(root, ['check', '.']).cache).toBe('hit');
    });
  });

  it('lets two runs that start at once both succeed and leaves a valid entry', async () => {
    const root = startproject();
    const [a, b] = await Promise.all([runAsync(root, ['check', '.']), runAsync(root, ['check', '.'])]);
    const expected = fresh(root, ['check', '.']);
    expectSame(a, expected);
    expectSame(b, expected);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    onlyEntry();
    const third = run(root, ['check', '.']);
    expect(third.cache).toBe('hit');
    expectSame(third, expected);
  });

  it('keeps the cache directory to the 64 newest entries, and removes old leftovers of killed runs', () => {
    const root = startproject();
    const old = new Date(Date.now() - 3600_000);
    for (let i = 0; i < 70; i++) {
      const file = join(cacheDir, `${String(i).padStart(16, '0')}.run`);
      writeFileSync(file, 'old');
      utimesSync(file, old, old);
    }
    const leftover = join(cacheDir, '.0000000000000000.run.1.2.x.tmp');
    writeFileSync(leftover, 'partial');
    utimesSync(leftover, old, old);
    run(root, ['check', '.']);
    expect(entries()).toHaveLength(64);
    expect(readdirSync(cacheDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(run(root, ['check', '.']).cache).toBe('hit');
  });

  describe('never stores a run it cannot validate', () => {
    it('--output (writes a file)', () => {
      const root = startproject();
      const result = run(root, ['check', '.', '--output', join(root, 'report.txt')]);
      expect(result.cache).toBe('miss (no entry); uncacheable (writes a report file)');
      expect(entries()).toEqual([]);
      expect(readFileSync(join(root, 'report.txt'), 'utf8')).toContain('DEBUG');
    });

    it('--history', () => {
      const root = gitProject();
      const result = run(root, ['check', '.', '--history']);
      expect(result.cache).toBe('miss (no entry); uncacheable (--history)');
      expect(entries()).toEqual([]);
    });

    it("the project's own rule files (code the cache cannot see into)", () => {
      const root = startproject();
      writeFileSync(
        join(root, 'rule.mjs'),
        `export default { id: 'acme/custom', title: 'Custom', severity: 'low', facts: ['settings'],
  docs: { why: 'A rule of the team, loaded from a file.', fix: 'Follow it.' },
  check(ctx) { ctx.report({ message: 'custom rule ran', location: { file: 'manage.py', line: 1, column: 1 } }); } };\n`,
      );
      writeFileSync(join(root, '.deploycheck.json'), '{ "rule-files": ["rule.mjs"] }');
      const result = run(root, ['check', '.']);
      expect(result.cache).toMatch(/^miss \(no entry\); uncacheable \(imports file:.*rule\.mjs\)$/);
      expect(result.stdout.toString()).toContain('custom rule ran');
      expect(entries()).toEqual([]);
    });

    it('--no-cache and DEPLOYCHECK_NO_CACHE', () => {
      const root = startproject();
      expect(run(root, ['check', '.', '--no-cache']).cache).toBe('off (--no-cache)');
      expect(run(root, ['check', '.'], { DEPLOYCHECK_NO_CACHE: '1' }).cache).toBe('off (DEPLOYCHECK_NO_CACHE)');
      // The debugging switches print what only a fresh run knows.
      expect(run(root, ['check', '.'], { DEPLOYCHECK_DEBUG_LAZY: '1' }).cache).toBe('off (DEPLOYCHECK_DEBUG_LAZY)');
      expect(entries()).toEqual([]);
    });
  });
});
