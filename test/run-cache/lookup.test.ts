import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeEntry, encodeEntry, fnv1a64, replayableGit } from '../../src/run-cache/format.js';
import type { Entry } from '../../src/run-cache/format.js';
import { cacheDirectory, readBuildId } from '../../src/run-cache/lookup.js';

const dir = mkdtempSync(join(tmpdir(), 'deploycheck-run-cache-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('run cache lookup', () => {
  it('names entries by FNV-1a 64', () => {
    // The published test vectors of FNV-1a 64.
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it("finds the user's cache directory on each platform", () => {
    expect(cacheDirectory({ DEPLOYCHECK_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' }, 'linux')).toBe('/c');
    expect(cacheDirectory({ XDG_CACHE_HOME: '/x' }, 'linux')).toBe(join('/x', 'deploycheck'));
    expect(cacheDirectory({}, 'linux')).toMatch(/[\\/]\.cache[\\/]deploycheck$/);
    expect(cacheDirectory({}, 'darwin')).toMatch(/[\\/]Library[\\/]Caches[\\/]deploycheck$/);
    expect(cacheDirectory({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toBe(join('C:\\Users\\u\\AppData\\Local', 'deploycheck', 'Cache'));
    expect(cacheDirectory({}, 'win32')).toBeUndefined();
  });

  it("reads the build id from the bundle's last line only", () => {
    const bundle = join(dir, 'bundle.cjs');
    writeFileSync(bundle, `${'x'.repeat(100_000)}\n// deploycheck-build 0123456789abcdef\n`);
    expect(readBuildId(bundle)).toBe('0123456789abcdef');
    writeFileSync(bundle, `// deploycheck-build 0123456789abcdef\nmore code\n`);
    expect(readBuildId(bundle)).toBeUndefined();
    expect(readBuildId(join(dir, 'missing.cjs'))).toBeUndefined();
  });

  it('round-trips an entry and rejects one whose lengths do not match', () => {
    const entry: Entry = {
      key: { build: 'b', bundle: '/x/dist/deploycheck.cjs', user: '1000:1000:1000', node: 'v20', icu: '74.1', platform: 'linux', arch: 'x64', execArgv: [], cwd: '/', argv: ['check'], env: {}, stdoutTty: false, stderrTty: false },
      code: 1,
      output: [[1, 0, 3]],
      inputs: [{ t: 'kind', p: '/x', k: 'missing' }],
    };
    const bytes = encodeEntry(entry, Buffer.from('out'));
    const decoded = decodeEntry(bytes);
    expect(decoded).toEqual({ json: entry, blob: Buffer.from('out') });
    expect(decodeEntry(bytes.subarray(0, -1))).toBe('truncated or padded');
    expect(decodeEntry(Buffer.concat([bytes, Buffer.from(' ')]))).toBe('truncated or padded');
    expect(decodeEntry(Buffer.from('deploycheck-code-cache 0123\n'))).toBe('not an entry');
    // The same length, one byte changed: the checksum tells.
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(flipped.length - 1) ^ 1, flipped.length - 1);
    expect(decodeEntry(flipped)).toBe('damaged');
  });

  it('replays only the git commands deploycheck runs, with revisions where it passes them', () => {
    expect(replayableGit(['ls-files', '-z', '-t', '--cached', '--others', '--deleted', '--exclude-standard'])).toBe(true);
    expect(replayableGit(['merge-base', 'origin/main', 'HEAD'])).toBe(true);
    expect(replayableGit(['merge-base', '--output=x', 'HEAD'])).toBe(false);
    expect(replayableGit(['-c', 'alias.x=!touch pwned', 'x'])).toBe(false);
    expect(replayableGit(['diff', '--cached', '--name-only', '-z', '--no-renames', '--relative', '--diff-filter=ACMRT', '--output=x'])).toBe(false);
    expect(replayableGit(['status'])).toBe(false);
  });
});
