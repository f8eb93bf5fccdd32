/**
 * deploycheck as npm delivers it: `npm pack` of a clone of the working tree, `npm install -g` of
 * that tarball into a fresh prefix, and the README's GitLab recipe run through `npx` from a clean
 * directory, its report files checked against what GitLab reads.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AjvModule from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSystem } from '../helpers/integration.js';
import { commitWorkingTree, hasCommand, packTree } from '../helpers/package-tree.js';
import { childElements, parseXml } from '../report/xml.js';

const skip = requireSystem('npm and git', hasCommand('npm') && hasCommand('git'));
const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe.skipIf(skip)('the npm package', () => {
  let work: string;
  let tarball: string;
  let packOutput: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'deploycheck-npm-'));
    const packed = packTree(commitWorkingTree(work), work);
    tarball = packed.tarball;
    packOutput = packed.stdout;
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** A copy of a fixture in a directory of its own, as a user's checkout. */
  function project(fixture: string, name: string): string {
    const dir = join(work, name);
    cpSync(join('fixtures', fixture), dir, { recursive: true });
    return dir;
  }

  it('npm pack prints the tarball name alone (the pre-commit framework reads it as a path)', () => {
    expect(packOutput).toBe(`deploycheck-${version}.tgz\n`);
    expect(existsSync(tarball)).toBe(true);
  });

  it('installs with npm install -g into a fresh prefix and checks a project', () => {
    const prefix = join(work, 'global');
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, tarball], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    const bin = join(prefix, 'bin', 'deploycheck');
    const versionRun = spawnSync(bin, ['--version'], { encoding: 'utf8' });
    expect(versionRun.stdout.trim()).toBe(version);

    const checked = spawnSync(bin, ['check', project('startproject', 'global-check')], { encoding: 'utf8' });
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain('django/debug');
    expect(checked.stdout).toMatch(/grade [A-F][+-]?/i);

    // A Node project: the installed package parses JS with its own @babel/parser dependency.
    const node = spawnSync(bin, ['check', project('node-express-insecure', 'global-node')], { encoding: 'utf8' });
    expect(node.status, node.stderr).toBe(1);
    expect(node.stdout).toContain('node/session-secret-committed');
    expect(node.stdout).toContain('node/cors-any-origin');
  }, 300_000);

  it('runs the README GitLab recipe through npx from a clean directory, writing reports GitLab reads', () => {
    const dir = project('startproject', 'gitlab-job');
    // A cache of its own: npx resolves and installs the package as on a fresh runner.
    const env = { ...process.env, npm_config_cache: join(work, 'npx-cache') };
    const run = spawnSync(
      'npx',
      ['--yes', '--package', tarball, '--', 'deploycheck', 'check', '.', '--format', 'pretty', '--format', 'gitlab:gl-code-quality-report.json', '--format', 'junit:report.xml'],
      { cwd: dir, encoding: 'utf8', env },
    );
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain('django/debug');

    const schema = JSON.parse(readFileSync('test/fixtures-data/gitlab/code-quality.schema.json', 'utf8')) as object;
    const validate = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);
    const issues = JSON.parse(readFileSync(join(dir, 'gl-code-quality-report.json'), 'utf8')) as { check_name: string; location: { path: string } }[];
    expect(validate(issues), JSON.stringify(validate.errors)).toBe(true);
    expect(issues.map((issue) => issue.check_name)).toContain('django/debug');
    for (const issue of issues) expect(existsSync(join(dir, issue.location.path)), issue.location.path).toBe(true);

    // GitLab's JUnit parser reads testsuites > testsuite > testcase (name, classname, file) with failure children.
    const root = parseXml(readFileSync(join(dir, 'report.xml'), 'utf8'));
    expect(root.name).toBe('testsuites');
    const cases = childElements(root, 'testsuite').flatMap((suite) => childElements(suite, 'testcase'));
    expect(cases.every((testcase) => testcase.attributes.name && testcase.attributes.classname)).toBe(true);
    const failing = cases.filter((testcase) => childElements(testcase, 'failure').length > 0);
    expect(failing.length).toBe(issues.length);
    expect(failing.some((testcase) => testcase.attributes.classname === 'django/debug')).toBe(true);
  }, 300_000);
});
