/**
 * The built CLI loads @babel/parser only when a Node project's JS is read: a Django-only repository
 * never pays for it. The bundle holds the parser behind a lazy facade, which reports its loading on
 * stderr under DEPLOYCHECK_DEBUG_LAZY.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { EXPRESS, pkg } from './helpers.js';

const build = join(process.cwd(), 'test', 'artifacts', `node-startup-${process.pid}`);
let cli: string;

beforeAll(async () => {
  const { buildCli } = await import('../../scripts/build.mjs');
  cli = await buildCli(build);
}, 180_000);

afterAll(() => rmSync(build, { recursive: true, force: true }));

function babelLoaded(dir: string): boolean {
  const result = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, DEPLOYCHECK_DEBUG_LAZY: '1' } });
  expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'check' });
  return result.stderr.includes('deploycheck: loaded @babel/parser\n');
}

describe('start-up cost of Node support', () => {
  it('a Django-only repository does not load @babel/parser', () => {
    expect(babelLoaded('fixtures/startproject')).toBe(false);
  });

  it('a Node project whose program a rule reads does', () => {
    const rule = `export default {
  id: 'acme/node-program', title: 'Reads the program', severity: 'low', kind: 'node',
  docs: { why: 'A rule that reads the evaluated server program.', fix: 'None.' },
  check(ctx) { if (ctx.project.program?.apps.length) ctx.report({ message: 'app found', location: { file: 'server.js', line: 1, column: 1 }, about: '' }); },
};\n`;
    const root = makeProject({
      'package.json': pkg({ ...EXPRESS, scripts: { start: 'node server.js' } }),
      'server.js': "const express = require('express');\nexpress().listen(3000);\n",
      'rule.mjs': rule,
      '.deploycheck.json': '{ "rule-files": ["rule.mjs"] }',
    });
    expect(babelLoaded(root)).toBe(true);
  });
});
