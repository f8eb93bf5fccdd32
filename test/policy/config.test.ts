import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hardenedProject, hardenedSettings } from './helpers.js';
import { validateConfig } from '../../src/config/validate.js';
import { runCli } from '../helpers/cli.js';

interface Report {
  environment: string;
  findings: { rule: string; severity: string; location: { file: string; line: number } }[];
}

async function check(root: string, ...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await runCli('check', root, '--format', 'json', ...args);
  return { code: run.code, report: run.stdout ? (JSON.parse(run.stdout) as Report) : { environment: '', findings: [] }, stderr: run.stderr };
}

const DEBUG_ON = { 'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True' }) };
const severityOf = (report: Report, rule: string) => report.findings.find((f) => f.rule === rule)?.severity;

describe('config discovery and precedence', () => {
  it('takes .deploycheck.json first, then [tool.deploycheck] in pyproject.toml, then "deploycheck" in package.json', async () => {
    const json = '{ "rules": { "django/debug": "low" } }';
    const toml = '[project]\nname = "shop"\n\n[tool.deploycheck]\nrules = { "django/debug" = "medium" }\n';
    const pkg = '{ "name": "shop", "deploycheck": { "rules": { "django/debug": "info" } } }';
    const all = hardenedProject({ ...DEBUG_ON, '.deploycheck.json': json, 'pyproject.toml': toml, 'package.json': pkg });
    expect(severityOf((await check(all)).report, 'django/debug')).toBe('low');
    const noJson = hardenedProject({ ...DEBUG_ON, 'pyproject.toml': toml, 'package.json': pkg });
    expect(severityOf((await check(noJson)).report, 'django/debug')).toBe('medium');
    const onlyPkg = hardenedProject({ ...DEBUG_ON, 'package.json': pkg });
    expect(severityOf((await check(onlyPkg)).report, 'django/debug')).toBe('info');
  });

  it('skips a pyproject.toml or package.json without the section, and finds a config in a parent directory', async () => {
    const root = hardenedProject({ 'pyproject.toml': '[project]\nname = "shop"\n', 'package.json': '{"name": "x"}' });
    const { code, report } = await check(root);
    expect(code).toBe(0);
    expect(report.findings).toEqual([]);

    // A broken file that never names deploycheck is not a config problem.
    const broken = hardenedProject({ 'pyproject.toml': '[project\nname = ', 'package.json': '{"name": ' });
    expect((await check(broken)).code).toBe(0);

    const monorepo = hardenedProject({});
    const nested = join(monorepo, 'backend');
    mkdirSync(join(nested, 'shop'), { recursive: true });
    for (const [file, text] of Object.entries({ ...DEBUG_ON, 'manage.py': 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n' })) {
      writeFileSync(join(nested, file), text);
    }
    mkdirSync(join(monorepo, '.git'));
    writeFileSync(join(monorepo, '.deploycheck.json'), '{ "fail-on": "critical", "rules": { "django": "medium" } }');
    const fromParent = await check(nested);
    expect(severityOf(fromParent.report, 'django/debug')).toBe('medium');
    expect(fromParent.code).toBe(0);
  });

  it('lets command-line flags replace the config: fail-on, min-grade and env', async () => {
    const root = hardenedProject({ ...DEBUG_ON, '.deploycheck.json': '{ "fail-on": "none", "env": "staging" }' });
    const configured = await check(root);
    expect(configured.code).toBe(0);
    expect(configured.report.environment).toBe('staging');
    const overridden = await check(root, '--fail-on', 'critical', '--env', 'production');
    expect(overridden.code).toBe(1);
    expect(overridden.report.environment).toBe('production');

    const graded = hardenedProject({ ...DEBUG_ON, '.deploycheck.json': '{ "fail-on": "none", "min-grade": "B" }' });
    expect((await check(graded)).code).toBe(1);
    expect((await check(graded, '--min-grade', 'F')).code).toBe(0);
  });

  it('turns rules off or changes their severity, the most specific pattern winning', async () => {
    const root = hardenedProject({
      'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True', 'SECURE_SSL_REDIRECT = True': 'SECURE_SSL_REDIRECT = False' }),
      '.deploycheck.json': JSON.stringify({ rules: { django: 'off', 'django/debug': 'on', 'django/ssl-redirect-off': 'critical' } }),
    });
    const { report } = await check(root);
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['django/debug', 'critical'],
      ['django/ssl-redirect-off', 'critical'],
    ]);
  });

  it('hides findings in ignore-paths (relative to the config file), and applies environments', async () => {
    const root = hardenedProject({
      ...DEBUG_ON,
      'config/.env.qa': 'DEBUG=1\n',
      '.deploycheck.json': JSON.stringify({
        'ignore-paths': ['shop/settings.py'],
        environments: { qa: { 'env-files': ['config/.env.qa'], settings: 'shop.settings', set: { SECRET_KEY: 'x' } } },
      }),
    });
    expect((await check(root)).report.findings).toEqual([]);
    const qa = await check(root, '--env', 'qa');
    expect(qa.report.environment).toBe('qa');
    expect(qa.report.findings).toEqual([]);
  });

  it('loads the users\' own rule files, relative to the config', async () => {
    const rule = `export default {
  id: 'acme/no-sqlite-name', title: 'Project name leaks', severity: 'high', facts: ['settings'],
  docs: { why: 'A custom rule written by the team for their own deployment convention.', fix: 'Rename it.' },
  check(ctx) { ctx.report({ message: 'custom rule ran for ' + (ctx.project.settingsModule ?? '?'), location: { file: 'manage.py', line: 1, column: 1 } }); },
};\n`;
    const root = hardenedProject({ 'tools/my-rule.mjs': rule, '.deploycheck.json': '{ "rule-files": ["tools/my-rule.mjs"] }' });
    const { code, report } = await check(root);
    expect(report.findings.map((f) => [f.rule, f.location.file])).toEqual([['acme/no-sqlite-name', 'manage.py']]);
    expect(code).toBe(1);
  });
});

describe('invalid config: exit 2 naming the file and the key', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a bad severity', { '.deploycheck.json': '{ "fail-on": "severe" }' }, /\.deploycheck\.json: fail-on must be one of/],
    ['an unknown key, with the hyphenated spelling suggested', { '.deploycheck.json': '{ "fail_on": "high" }' }, /\.deploycheck\.json: fail_on: unknown key \(did you mean 'fail-on'\?\)/],
    ['a rule setting', { 'pyproject.toml': '[tool.deploycheck.rules]\n"django/debug" = "loud"\n' }, /pyproject\.toml \[tool\.deploycheck\]: rules\.django\/debug: must be off, on or a severity/],
    ['a rule id that names no rule', { 'package.json': '{ "deploycheck": { "ignore": ["django/nope"] } }' }, /package\.json "deploycheck": ignore: no rule matches 'django\/nope'/],
    ['a list that is a string', { '.deploycheck.json': '{ "ignore-paths": "legacy/" }' }, /ignore-paths: expected a list of strings/],
    ['an environment key', { '.deploycheck.json': '{ "environments": { "qa": { "envfiles": [] } } }' }, /environments\.qa\.envfiles: unknown key/],
    ['a missing env file', { '.deploycheck.json': '{ "env": "qa", "environments": { "qa": { "env-files": [".env.qa"] } } }' }, /environments\.qa\.env-files: .*\.env\.qa: no such file/],
    ['broken JSON', { '.deploycheck.json': '{ "fail-on": ' }, /\.deploycheck\.json: invalid JSON/],
    ['broken TOML', { 'pyproject.toml': '[tool.deploycheck\n' }, /pyproject\.toml: invalid TOML/],
    ['a broken rule file', { '.deploycheck.json': '{ "rule-files": ["rule.mjs"] }', 'rule.mjs': 'export default { id: "Bad" };\n' }, /rule-files: .*rule\.mjs: invalid rule/],
  ];
  for (const [name, files, message] of cases) {
    it(name, async () => {
      const run = await runCli('check', hardenedProject(files));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    });
  }
});

describe('the README example config', () => {
  it('is valid (comments removed), so the documented keys and values are the real ones', () => {
    const readme = readFileSync('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Configuration'));
    const block = /```jsonc\n([\s\S]*?)```/.exec(section)![1]!;
    const json = JSON.parse(block.replace(/\s\/\/.*$/gm, '')) as Record<string, unknown>;
    const config = validateConfig(json, '/repo/.deploycheck.json', '.deploycheck.json');
    expect(config).toMatchObject({ failOn: 'high', minGrade: 'B', reportLevel: 'low', baseline: '/repo/.deploycheck-baseline.json' });
    expect(config.environments?.staging?.envFiles).toEqual(['/repo/.env.staging']);
  });
});
