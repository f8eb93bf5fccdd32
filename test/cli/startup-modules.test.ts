/**
 * Node's built-in modules are compiled when first required, and some bring many others along (crypto
 * its ciphers and keys, tty net and streams, perf_hooks its observers): a check of a project outside
 * git, findings included, loads none of them. A probe preloaded into the built CLI's process lists
 * the built-in modules Node loaded when the process exits.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const build = join(process.cwd(), 'test', 'artifacts', `startup-modules-${process.pid}`);
const probe = join(build, 'probe.cjs');
const work = mkdtempSync(join(tmpdir(), 'deploycheck-startup-'));
let cli: string;

beforeAll(async () => {
  const { buildCli } = await import('../../scripts/build.mjs');
  cli = await buildCli(build);
  writeFileSync(
    probe,
    // Written with fs.writeSync: process.stderr, a pipe here, would load node:net itself.
    "process.on('exit', () => require('node:fs').writeSync(2, `builtins:${process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(',')}\\n`));\n",
  );
}, 180_000);

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  rmSync(`${build}-damaged`, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/**
 * The built-in modules a JSON check of a copy of the fixture (outside git) loads, the bundled packages
 * whose lazy facades it loads (DEPLOYCHECK_DEBUG_LAZY), and its report.
 */
interface JsonFinding {
  fingerprint: string;
  location: { file: string } | { url: string };
}

function check(fixture: string, extraFiles: Record<string, string> = {}): { builtins: string[]; packages: string[]; findings: JsonFinding[] } {
  const name = `${fixture}-${Object.keys(extraFiles).length}`;
  const dir = join(work, name);
  cpSync(join('fixtures', fixture), dir, { recursive: true });
  for (const [file, text] of Object.entries(extraFiles)) writeFileSync(join(dir, file), text);
  const output = join(work, `${name}.json`);
  const env = { ...process.env, DEPLOYCHECK_DEBUG_LAZY: '1' };
  const result = spawnSync(process.execPath, ['-r', probe, cli, 'check', dir, '--format', 'json', '--output', output], { encoding: 'utf8', env });
  const line = /builtins:(.*)/.exec(result.stderr);
  expect(line, result.stderr).not.toBeNull();
  const report = JSON.parse(readFileSync(output, 'utf8')) as { findings: JsonFinding[] };
  const packages = [...result.stderr.matchAll(/^deploycheck: loaded (\S+)$/gm)].map((match) => match[1]!);
  return { builtins: line![1]!.split(','), packages, findings: report.findings };
}

const COSTLY = ['crypto', 'tty', 'net', 'perf_hooks', 'child_process'];

describe('built-in modules a check loads', () => {
  it('a Django startproject with findings: none of the costly ones', () => {
    const { builtins, packages, findings } = check('startproject');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => /^[0-9a-f]{20}$/.test(finding.fingerprint))).toBe(true);
    expect(builtins).toContain('fs');
    expect(builtins.filter((name) => COSTLY.includes(name))).toEqual([]);
    // No YAML, TOML, Node env file or JS source to read.
    expect(packages).toEqual([]);
  });

  it('an Express project with findings: none of them either, and only the JS parser of the lazy packages', () => {
    const { builtins, packages, findings } = check('node-express-insecure');
    expect(findings.length).toBeGreaterThan(0);
    expect(builtins.filter((name) => COSTLY.includes(name))).toEqual([]);
    expect(packages).toEqual(['@babel/parser']);
  });

  it('a project with a compose file loads the YAML parser, and finds what is in it', () => {
    const compose = 'services:\n  web:\n    build: .\n    command: python manage.py runserver 0.0.0.0:8000\n';
    const { packages, findings } = check('startproject', { 'docker-compose.yml': compose });
    expect(packages).toEqual(['yaml']);
    expect(findings.some((finding) => 'file' in finding.location && /\.ya?ml$/.test(finding.location.file))).toBe(true);
  });
});

describe('the bundle', () => {
  it('is ASCII only, which the launcher reads as Latin-1 (the same text, read faster)', () => {
    const bundle = readFileSync(join(dirname(dirname(cli)), 'dist', 'deploycheck.cjs'));
    expect(bundle.length).toBeGreaterThan(1_000_000);
    expect(bundle.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });
});

describe('the code cache a check reads', () => {
  /** The stderr line DEPLOYCHECK_DEBUG_CODE_CACHE gives, and the JSON findings of a check of the fixture. */
  function checkWith(bin: string, fixture: string): { cache: string; findings: string[] } {
    const env = { ...process.env, DEPLOYCHECK_DEBUG_CODE_CACHE: '1' };
    const result = spawnSync(process.execPath, [bin, 'check', join('fixtures', fixture), '--format', 'json'], { encoding: 'utf8', env });
    const report = JSON.parse(result.stdout) as { findings: JsonFinding[] };
    return { cache: result.stderr.trim(), findings: report.findings.map((finding) => finding.fingerprint) };
  }

  it('a Django project: the smaller cache; a Node project: the one with the Node pack', () => {
    expect(checkWith(cli, 'startproject').cache).toBe('deploycheck: code cache used');
    expect(checkWith(cli, 'node-express-insecure').cache).toBe('deploycheck: code cache used (deploycheck.cjs.node.cache)');
  });

  it('a damaged Node cache is rejected, and the check finds the same', () => {
    // Inside the package, as the build is: the bundle finds its package.json by walking up.
    const copy = `${build}-damaged`;
    for (const dir of ['bin', 'dist']) cpSync(join(dirname(dirname(cli)), dir), join(copy, dir), { recursive: true });
    const nodeCache = join(copy, 'dist', 'deploycheck.cjs.node.cache');
    writeFileSync(nodeCache, readFileSync(nodeCache).subarray(0, 300_000));
    const damaged = checkWith(join(copy, 'bin', 'deploycheck.js'), 'node-express-insecure');
    expect(damaged.cache).toBe('deploycheck: code cache rejected (deploycheck.cjs.node.cache)');
    expect(damaged.findings).toEqual(checkWith(cli, 'node-express-insecure').findings);
    expect(damaged.findings.length).toBeGreaterThan(0);
  });
});
