/** Issue 12, item 11: a committed weak key and DEBUG with template debug each cost their points once. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCheck } from '../../../src/frameworks.js';
import { makeProject } from '../../helpers/project.js';
import { settingsFiles } from '../../helpers/rule-tester.js';

const settingsProject = (body: string, extra: Record<string, string> = {}): string => makeProject(settingsFiles(body, extra));

const TEMPLATES = (debug: string) =>
  `TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'OPTIONS': {'debug': ${debug}}}]\n`;

async function check(body: string, rules: string[]) {
  const result = await runCheck({ root: settingsProject(body), only: rules });
  expect(result.errors).toEqual([]);
  return result;
}

describe('django/template-debug next to django/debug', () => {
  const rules = ['django/debug', 'django/template-debug'];

  it('is info while DEBUG itself is on, so only DEBUG is deducted', async () => {
    const result = await check(`DEBUG = True\n${TEMPLATES('DEBUG')}`, rules);
    const template = result.findings.find((finding) => finding.rule === 'django/template-debug');
    expect(template).toMatchObject({ severity: 'info' });
    expect(template!.message).toContain('django/debug');
    expect(result.grade.deductions.map((deduction) => deduction.rule)).toEqual(['django/debug']);
  });

  it('is high on its own once DEBUG is off', async () => {
    const result = await check(`DEBUG = False\n${TEMPLATES('True')}`, rules);
    expect(result.findings.map((finding) => `${finding.rule} ${finding.severity}`)).toEqual(['django/template-debug high']);
  });
});

describe('a committed weak SECRET_KEY', () => {
  const rules = ['django/secret-key-committed', 'django/secret-key-weak'];

  it('is one critical finding, carrying W009 and naming the weakness', async () => {
    const result = await check("SECRET_KEY = 'django-insecure-abc'\n", rules);
    expect(result.findings.map((finding) => `${finding.rule} ${finding.severity} ${finding.django}`)).toEqual([
      'django/secret-key-committed critical security.W009',
    ]);
    expect(result.findings[0]!.message).toContain('is only 19 characters long');
    expect(result.grade.deductions).toHaveLength(1);
  });

  it('leaves a weak key from a gitignored local settings file to django/secret-key-weak', async () => {
    const root = settingsProject('from .local import *\n', { 'mysite/local.py': "SECRET_KEY = 'short'\n", '.gitignore': 'mysite/local.py\n' });
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['add', '-A'], { cwd: root });
    const result = await runCheck({ root, only: rules });
    expect(result.findings.map((finding) => finding.rule)).toEqual(['django/secret-key-weak']);
  });
});
