/**
 * A shell whose working directory was removed under it (a branch switch, a deleted temp dir) still
 * runs the CLI: nothing needs the working directory when the checked directory is given absolute.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath } from '../../src/core/display-path.js';
import { makeProject } from '../helpers/project.js';

const cli = join(process.cwd(), 'bin', 'deploycheck.js');

/** Runs the CLI from a directory that is removed before Node starts. */
function runInRemovedDirectory(args: string[]) {
  const gone = makeProject({});
  const quoted = args.map((arg) => `'${arg}'`).join(' ');
  return spawnSync('sh', ['-c', `cd '${gone}' && rmdir '${gone}' && exec '${process.execPath}' '${cli}' ${quoted}`], { encoding: 'utf8' });
}

describe('a removed working directory', () => {
  it('--version', () => {
    const result = runInRemovedDirectory(['--version']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.status).toBe(0);
  });

  it('check of an absolute directory reports its findings', () => {
    const result = runInRemovedDirectory(['check', join(process.cwd(), 'fixtures', 'startproject'), '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('"django/debug"');
    expect(result.status).toBe(1);
  });

  it('paths in messages: relative inside the working directory, as given outside it', () => {
    expect(displayPath(join(process.cwd(), 'fixtures', 'x.json'))).toBe(join('fixtures', 'x.json'));
    expect(displayPath('/elsewhere/x.json')).toBe('/elsewhere/x.json');
  });
});
