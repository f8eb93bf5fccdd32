import { describe, expect, it } from 'vitest';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hardenedProject, hardenedSettings, initRepo } from './helpers.js';
import { runCli } from '../helpers/cli.js';

interface Report {
  findings: { rule: string; severity: string; message: string; location: { file: string; line: number } }[];
}

async function check(root: string, ...args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const run = await runCli('check', root, '--format', 'json', ...args);
  return { code: run.code, report: JSON.parse(run.stdout) as Report, stderr: run.stderr };
}

const rules = (report: Report) => report.findings.map((f) => `${f.rule}@${f.location.file}:${f.location.line}`);

describe('inline suppressions', () => {
  it('hides the finding a trailing comment names, and passes the gate', async () => {
    const root = hardenedProject({
      'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True  # deploycheck: ignore[django/debug] internal demo box' }),
    });
    const { code, report } = await check(root);
    expect(rules(report)).toEqual([]);
    expect(code).toBe(0);
  });

  it('still reports the finding without the comment (the test above is not vacuous)', async () => {
    const root = hardenedProject({ 'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True' }) });
    const { code, report } = await check(root);
    expect(rules(report)).toContain('django/debug@shop/settings.py:11');
    expect(code).toBe(1);
  });

  it('covers the next line from a comment on its own line; a different rule id hides nothing', async () => {
    const root = hardenedProject({
      'shop/settings.py': hardenedSettings({
        'DEBUG = False': '# deploycheck: ignore[django/debug] demo\nDEBUG = True',
        "ALLOWED_HOSTS = ['shop.example.com', 'www.shop.example.com']": "# deploycheck: ignore[django/debug] wrong rule\nALLOWED_HOSTS = ['*']",
      }),
    });
    const { report } = await check(root);
    expect(rules(report)).not.toContain('django/debug@shop/settings.py:12');
    expect(report.findings.find((f) => f.location.line === 15 && f.rule !== 'meta/unused-suppression')?.rule).toMatch(/allowed-hosts/);
    const unused = report.findings.filter((f) => f.rule === 'meta/unused-suppression');
    expect(unused.map((f) => [f.location.line, f.severity])).toEqual([[14, 'low']]);
    expect(unused[0]!.message).toContain('hides nothing for django/debug on line 15');
  });

  it('reports a suppression without a reason as a low finding, and still applies it', async () => {
    const root = hardenedProject({
      'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True  # deploycheck: ignore[django/debug]' }),
    });
    const { code, report } = await check(root);
    expect(report.findings.map((f) => [f.rule, f.severity, f.location.line])).toEqual([['meta/suppression-without-reason', 'low', 11]]);
    expect(code).toBe(0);
    expect((await check(root, '--fail-on', 'low')).code).toBe(1);
  });

  it('reports an unknown rule id, an empty list and a stale suppression as unused', async () => {
    const root = hardenedProject({
      'shop/settings.py': hardenedSettings({
        'DEBUG = False': 'DEBUG = False  # deploycheck: ignore[django/debgu] typo',
        'USE_TZ = True': 'USE_TZ = True  # deploycheck: ignore[] nothing named',
        'LANGUAGE_CODE': '# deploycheck: ignore[django/allowed-hosts-wildcard] was needed once\nLANGUAGE_CODE',
      }),
    });
    const { report } = await check(root);
    const messages = report.findings.filter((f) => f.rule === 'meta/unused-suppression').map((f) => f.message);
    expect(messages).toHaveLength(3);
    expect(messages.join('\n')).toMatch(/names no known rule \(django\/debgu\)/);
    expect(messages.join('\n')).toMatch(/names no rule/);
    expect(messages.join('\n')).toMatch(/hides nothing for django\/allowed-hosts-wildcard/);
  });

  it('does not call a suppression unused when its rule did not run', async () => {
    const root = hardenedProject({
      'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True  # deploycheck: ignore[django/debug] demo' }),
    });
    expect(rules((await check(root, '--ignore', 'django/debug')).report)).toEqual([]);
    expect(rules((await check(root, '--rule', 'django/allowed-hosts-wildcard')).report)).toEqual([]);
  });

  it('reads whole-line # comments in a Dockerfile, where Docker would take a trailing one as part of the instruction', async () => {
    const runserver = 'CMD python manage.py runserver 0.0.0.0:8000';
    const above = hardenedProject({ Dockerfile: `FROM python:3.12\n# deploycheck: ignore[django/runserver-in-production] local image\n${runserver}\n` });
    expect(rules((await check(above)).report)).toEqual([]);
    const trailing = hardenedProject({ Dockerfile: `FROM python:3.12\n${runserver} # deploycheck: ignore[django/runserver-in-production] x\n` });
    expect(rules((await check(trailing)).report)).toEqual(['django/runserver-in-production@Dockerfile:2']);
  });

  it('finds suppressions in tracked and untracked files of a git repository, but not in ignored ones', async () => {
    const root = hardenedProject({
      'shop/settings.py': hardenedSettings({ 'DEBUG = False': 'DEBUG = True  # deploycheck: ignore[django/debug] demo' }),
    });
    initRepo(root);
    writeFileSync(join(root, 'Procfile'), '# deploycheck: ignore[django/runserver-in-production] dev box\nweb: python manage.py runserver\n');
    appendFileSync(join(root, '.gitignore'), 'scratch.py\n');
    writeFileSync(join(root, 'scratch.py'), 'X = 1  # deploycheck: ignore[django/debug] ignored file\n');
    const { report } = await check(root);
    expect(rules(report)).toEqual([]);
  });

  it('looks for suppressions in the files the run read and the files of its findings, nowhere else', async () => {
    const stale = '# deploycheck: ignore[django/debug] left over\nX = 1\n';
    const settings = hardenedSettings({ 'USE_TZ = True': 'USE_TZ = True  # deploycheck: ignore[django/debug] left over' });
    const root = hardenedProject({ 'shop/settings.py': settings, 'tools/cleanup.py': stale, 'scripts/cleanup.rb': stale });
    // The secret scanners read every .py file, so the stale comment there is seen; no rule reads Ruby files.
    const unused = (report: Report) => report.findings.filter((f) => f.rule === 'meta/unused-suppression').map((f) => f.location.file);
    expect(unused((await check(root)).report)).toEqual(['shop/settings.py', 'tools/cleanup.py']);
    expect(unused((await check(root, '--ignore', 'secrets', '--ignore', 'env')).report)).toEqual(['shop/settings.py']);
  });

  it('takes a suppression on another place of a grouped secret as used, and hides the finding only from its own place', async () => {
    const stripe = ['sk', 'live', 'Wq7ZLr2mXn4KvB8tYc3PdH6s'].join('_');
    const files = (first: string, second: string) =>
      hardenedProject({ 'tools/billing.py': `STRIPE_KEY = '${stripe}'${first}\n`, 'tools/sync.py': `STRIPE_KEY = '${stripe}'${second}\n` });
    const suppress = '  # deploycheck: ignore[secrets/known-format] revoked test key';
    const plain = (await check(files('', ''))).report.findings.filter((f) => f.rule === 'secrets/known-format');
    expect(plain).toHaveLength(1);
    const primary = plain[0]!.location.file;
    const [own, other] = primary === 'tools/billing.py' ? [files(suppress, ''), files('', suppress)] : [files('', suppress), files(suppress, '')];
    const onOther = (await check(other)).report;
    expect(onOther.findings.map((f) => f.rule)).toEqual(['secrets/known-format']);
    expect(JSON.stringify(onOther.findings[0])).toContain('suppressed here: revoked test key');
    expect((await check(own)).report.findings.map((f) => f.rule)).toEqual([]);
  });

  it('documents the policy rules like any other: listed by `rules`, explained by `explain`', async () => {
    const list = await runCli('rules');
    for (const id of ['meta/unused-suppression', 'meta/suppression-without-reason', 'meta/stale-baseline-entry']) expect(list.stdout).toContain(id);
    const explained = await runCli('explain', 'meta/suppression-without-reason');
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/^Why$[\s\S]*^Fix$[\s\S]*deploycheck: ignore\[/m);
  });
});
