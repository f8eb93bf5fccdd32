/**
 * The launcher's choice between the bundle's two code caches: the one with the Node pack for a check
 * of a directory with a package.json, the smaller one otherwise. A guess from the command line: a
 * wrong one costs time, never a result (the built CLI's tests run both).
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';

const { codeCacheKind, codeCacheFile } = createRequire(import.meta.url)('../../bin/load-bundle.js') as {
  codeCacheKind: (args: string[], cwd: string | undefined) => 'any' | 'node';
  codeCacheFile: (bundle: string, kind: 'any' | 'node') => string;
};

function workspace(): { root: string; django: string; node: string } {
  const root = makeProject({ 'django/manage.py': '', 'node/package.json': '{}', 'node/server.js': '' });
  mkdirSync(join(root, 'empty'));
  return { root, django: join(root, 'django'), node: join(root, 'node') };
}

describe('codeCacheKind', () => {
  it('takes the Node cache for a checked directory with a package.json, given as an operand', () => {
    const { root, django, node } = workspace();
    expect(codeCacheKind(['check', node], root)).toBe('node');
    expect(codeCacheKind(['check', 'node', '--format', 'json'], root)).toBe('node');
    expect(codeCacheKind(['check', django], root)).toBe('any');
    expect(codeCacheKind(['check', '--format', 'json', 'django'], root)).toBe('any');
  });

  it('looks at the working directory when no argument names a directory', () => {
    const { root, django, node } = workspace();
    expect(codeCacheKind(['check'], node)).toBe('node');
    expect(codeCacheKind(['check', '--format', 'json', '--staged'], node)).toBe('node');
    expect(codeCacheKind(['check', '--format', 'json'], django)).toBe('any');
    // A named directory wins over the working directory.
    expect(codeCacheKind(['check', django], node)).toBe('any');
    expect(codeCacheKind(['check', 'empty'], root)).toBe('any');
  });

  it('never throws on arguments that are no directory (the CLI itself reports them)', () => {
    const { root } = workspace();
    expect(codeCacheKind(['check', 'node/server.js/below', 'missing', 'nul\0byte', ''], join(root, 'node'))).toBe('node');
    expect(codeCacheKind(['check', 'django/manage.py/x'], root)).toBe('any');
  });

  it('takes the smaller cache when there is no working directory (removed under the shell)', () => {
    expect(codeCacheKind(['check'], undefined)).toBe('any');
    expect(codeCacheKind(['check', 'node'], undefined)).toBe('any');
  });

  it('takes the smaller cache for every other command', () => {
    const { node } = workspace();
    expect(codeCacheKind(['rules'], node)).toBe('any');
    expect(codeCacheKind(['--version'], node)).toBe('any');
    expect(codeCacheKind([], node)).toBe('any');
  });

  it('names the caches beside the bundle', () => {
    expect(codeCacheFile('/d/deploycheck.cjs', 'any')).toBe('/d/deploycheck.cjs.cache');
    expect(codeCacheFile('/d/deploycheck.cjs', 'node')).toBe('/d/deploycheck.cjs.node.cache');
  });
});
