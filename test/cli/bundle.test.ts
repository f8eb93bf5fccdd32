/**
 * The CLI as it ships: the one-file bundle, its code cache and the bin, built into a folder inside
 * the package and run as a separate process, must behave as the sources do under vitest.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtInRuleIds } from '../../src/engine/registry.js';
import { runCli } from '../helpers/cli.js';
import { hardenedProject } from '../policy/helpers.js';

const build = join(process.cwd(), 'test', 'artifacts', `bundle-build-${process.pid}`);
let cli: string;

function run(...args: string[]) {
  return runBin(cli, ...args);
}

function runBin(bin: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, DEPLOYCHECK_DEBUG_CODE_CACHE: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const ids = (json: string) => (JSON.parse(json) as { findings: { rule: string; location: { file?: string; line?: number } }[] }).findings.map((f) => `${f.rule} ${f.location.file}:${f.location.line}`);

beforeAll(async () => {
  const { buildCli } = await import('../../scripts/build.mjs');
  cli = await buildCli(build);
}, 180_000);

afterAll(() => rmSync(build, { recursive: true, force: true }));

describe('the built CLI', () => {
  it('runs through the code cache the build wrote', () => {
    const result = run('--version');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
    expect(result.stderr).toContain('code cache used');
  });

  it.each(['startproject', 'hardened', 'split-environ', 'secrets', 'broken'])('finds what the sources find on fixtures/%s', async (fixture) => {
    const built = run('check', `fixtures/${fixture}`, '--format', 'json');
    const sources = await runCli('check', `fixtures/${fixture}`, '--format', 'json');
    expect(built.code).toBe(sources.code);
    expect(ids(built.stdout)).toEqual(ids(sources.stdout));
    expect(built.stderr).toBe('deploycheck: code cache used\n');
  });

  it('lists every built-in rule', () => {
    const listed = run('rules');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n').map((line) => line.split(' ')[0])).toEqual(builtInRuleIds());
  });

  it("imports the users' own rule files", () => {
    const rule = `export default {
  id: 'acme/custom', title: 'Custom', severity: 'high', facts: ['settings'],
  docs: { why: 'A rule the team wrote for its own deployment convention, loaded from a file.', fix: 'Follow it.' },
  check(ctx) { ctx.report({ message: 'custom rule ran', location: { file: 'manage.py', line: 1, column: 1 } }); },
};\n`;
    const root = hardenedProject({ 'tools/rule.mjs': rule, '.deploycheck.json': '{ "rule-files": ["tools/rule.mjs"] }' });
    const result = run('check', root, '--format', 'json');
    expect(result.stderr).toBe('deploycheck: code cache used\n');
    expect(ids(result.stdout)).toEqual(['acme/custom manage.py:1']);
    expect(result.code).toBe(1);
  });

  it("lets the users' rule files import the rule API from the installed package", () => {
    // The rule reads DEBUG through the API's truthy(), so it fires only when the helper really works.
    const rule = `import { defineRule, settingLocation, truthy } from 'deploycheck/api/django';
export default defineRule({
  id: 'acme/debug-again', title: 'DEBUG, by a user rule', severity: 'high',
  docs: { why: 'A rule the team wrote with the helpers deploycheck ships.', fix: 'Turn DEBUG off.' },
  check(ctx) {
    const debug = ctx.project.settings?.get('DEBUG');
    if (debug && truthy(debug) === true) ctx.report({ message: 'DEBUG is on', location: settingLocation(ctx.project.settings, 'DEBUG', debug) });
  },
});\n`;
    const project = (debug: string) => {
      const root = hardenedProject({ 'tools/rule.mjs': rule, '.deploycheck.json': '{ "rule-files": ["tools/rule.mjs"], "rules": { "django": "off" } }' });
      const settings = join(root, 'shop/settings.py');
      writeFileSync(settings, `${readFileSync(settings, 'utf8')}\nDEBUG = ${debug}\n`);
      // The package as npm installs it in the project: its package.json and what "files" ships.
      const installed = join(root, 'node_modules', 'deploycheck');
      mkdirSync(installed, { recursive: true });
      writeFileSync(join(installed, 'package.json'), readFileSync('package.json', 'utf8'));
      for (const folder of ['bin', 'dist']) symlinkSync(join(build, folder), join(installed, folder), 'dir');
      return root;
    };
    const on = run('check', project('True'), '--format', 'json');
    expect(on.stderr).toBe('deploycheck: code cache used\n');
    expect(ids(on.stdout)).toEqual([expect.stringMatching(/^acme\/debug-again shop\/settings\.py:\d+$/)]);
    const off = run('check', project('False'), '--format', 'json');
    expect(off.stderr).toBe('deploycheck: code cache used\n');
    expect(ids(off.stdout)).toEqual([]);
  });
});

/** A copy of the built CLI whose bundle and code cache `damage` may change; returns its bin. */
function damagedCopy(name: string, damage: (files: { bundle: string; cache: string }) => void): string {
  const root = dirname(dirname(cli));
  const copy = `${root}-${name.replace(/\W+/g, '-')}`;
  for (const dir of ['bin', 'dist']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
  damage({ bundle: join(copy, 'dist', 'deploycheck.cjs'), cache: join(copy, 'dist', 'deploycheck.cjs.cache') });
  return join(copy, 'bin', 'deploycheck.js');
}

describe('a code cache that does not fit the bundle is ignored', () => {
  const CACHE_HEADER_BYTES = 'deploycheck-code-cache '.length + 17;
  const copies: string[] = [];
  afterAll(() => {
    for (const bin of copies) rmSync(dirname(dirname(bin)), { recursive: true, force: true });
  });

  it.each([
    ['deleted', 'missing', ({ cache }: { cache: string }) => rmSync(cache)],
    ['truncated', 'rejected', ({ cache }: { cache: string }) => writeFileSync(cache, readFileSync(cache).subarray(0, 200_000))],
    [
      'corrupt',
      'rejected',
      ({ cache }: { cache: string }) => {
        const bytes = readFileSync(cache);
        bytes.fill(0x5a, 300_000, 300_064);
        writeFileSync(cache, bytes);
      },
    ],
    [
      // V8 keeps the hash of its version (and so of the Node release and platform build) right after its magic number.
      'of another V8',
      'rejected',
      ({ cache }: { cache: string }) => {
        const bytes = readFileSync(cache);
        bytes.writeUInt32LE(bytes.readUInt32LE(CACHE_HEADER_BYTES + 4) ^ 0xffff, CACHE_HEADER_BYTES + 4);
        writeFileSync(cache, bytes);
      },
    ],
    [
      // An older deploycheck's cache beside a newer bundle of the same length: V8 alone would take it.
      'of an older build',
      'stale',
      ({ bundle }: { bundle: string }) => {
        const source = readFileSync(bundle, 'utf8');
        writeFileSync(bundle, source.replace(/deploycheck-build ([0-9a-f]{16})\n$/, (_, id: string) => `deploycheck-build ${id.split('').reverse().join('')}\n`));
      },
    ],
    ['without a header', 'stale', ({ cache }: { cache: string }) => writeFileSync(cache, readFileSync(cache).subarray(CACHE_HEADER_BYTES))],
  ])('code cache %s: %s, and the check finds the same', async (name, state, damage) => {
    const bin = damagedCopy(name, damage);
    copies.push(bin);
    const built = runBin(bin, 'check', 'fixtures/startproject', '--format', 'json');
    const sources = await runCli('check', 'fixtures/startproject', '--format', 'json');
    expect(built.stderr).toBe(`deploycheck: code cache ${state}\n`);
    expect(built.code).toBe(sources.code);
    expect(ids(built.stdout)).toEqual(ids(sources.stdout));
  });
});
