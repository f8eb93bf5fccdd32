import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseName, dirName, extensionOf, isWithin, joinPath, relativePath, resolveFrom } from '../../src/workspace/paths.js';

describe('workspace-relative paths', () => {
  it('joins onto a directory, the root being the empty string', () => {
    expect(joinPath('', 'manage.py')).toBe('manage.py');
    expect(joinPath('backend/src', 'app.py')).toBe('backend/src/app.py');
  });

  it('splits a path into its directory and its last segment', () => {
    expect(baseName('deploy/.env.prod')).toBe('.env.prod');
    expect(baseName('manage.py')).toBe('manage.py');
    expect(dirName('deploy/docker/Dockerfile')).toBe('deploy/docker');
    expect(dirName('manage.py')).toBe('');
  });

  it('takes the lower-cased text after the last dot as the extension', () => {
    expect(extensionOf('App.JSON')).toBe('json');
    expect(extensionOf('.env')).toBe('env');
    expect(extensionOf('archive.tar.gz')).toBe('gz');
    expect(extensionOf('Procfile')).toBe('');
  });

  it('tells whether a path lies inside a directory, not merely sharing its prefix', () => {
    expect(isWithin('backend/app.py', 'backend')).toBe(true);
    expect(isWithin('backend-old/app.py', 'backend')).toBe(false);
    expect(isWithin('backend', 'backend')).toBe(false);
    expect(isWithin('anything/at/all', '')).toBe(true);
  });

  it('resolves a path against the directory of the file naming it, refusing to leave the workspace', () => {
    expect(resolveFrom('requirements/prod.txt', 'base.txt')).toBe('requirements/base.txt');
    expect(resolveFrom('requirements/prod.txt', '../deps/./base.txt')).toBe('deps/base.txt');
    expect(resolveFrom('deploy/compose.yml', '..')).toBe('');
    expect(resolveFrom('requirements.txt', '../shared/base.txt')).toBeUndefined();
    expect(resolveFrom('a/b.txt', '../..')).toBeUndefined();
  });

  it('writes a file-system path relative to a directory with forward slashes', () => {
    const root = join('/', 'work', 'site');
    expect(relativePath(root, join(root, 'deploy', '.env'))).toBe('deploy/.env');
    expect(relativePath(root, root)).toBe('');
    expect(relativePath(root, join('/', 'work', 'other', 'x.env'))).toBe('../other/x.env');
  });
});
