/**
 * The built CLI loads @babel/parser only when a Node project's JS is read: a Django-only repository
 * never pays for it. A probe preloaded into the CLI's process reports whether Node's module cache
 * holds the parser when the process exits.
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject } from '../helpers/project.js';
import { EXPRESS, pkg } from './helpers.js';

const build = join(process.cwd(), 'test', 'artifacts', `node-startup-${process.pid}`);
const probe = join(build, 'probe.cjs');
let cli: string;

beforeAll(async () => {
  const { buildCli } = await import('../../scripts/build.mjs');
  cli = await buildCli(build);
  writeFileSync(probe, "process.on('exit', () => process.stderr.write(`babel:${Object.keys(require.cache).some((key) => key.includes('@babel/parser'))}\\n`));\n");
}, 180_000);

afterAll(() => rmSync(build, { recursive: true, force: true }));

function babelLoaded(dir: string): boolean {
  const result = spawnSync(process.execPath, ['-r', probe, cli, 'check', dir, '--format', 'json'], { encoding: 'utf8' });
  expect(JSON.parse(result.stdout)).toMatchObject({ kind: 'check' });
  const line = /babel:(true|false)/.exec(result.stderr);
  expect(line).not.toBeNull();
  return line![1] === 'true';
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
