import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './import-graph.js';

/** The rule API module each rule group imports (rules/deploy holds rules of two kinds). */
const API_OF_GROUP: Record<string, string[]> = {
  django: ['src/api/django.ts'],
  web: ['src/api/web.ts'],
  deploy: ['src/api/django.ts', 'src/api/workspace.ts'],
  env: ['src/api/workspace.ts'],
  meta: ['src/api/workspace.ts'],
  secrets: ['src/api/workspace.ts'],
};

describe('one rule API', () => {
  const rules = sourceFiles('rules');

  it.each(rules)('%s imports one module from src: its kind\'s rule API', (file) => {
    const group = file.split('/')[1]!;
    const targets = [...new Set(importsOf(file))];
    expect(targets).toHaveLength(1);
    expect(API_OF_GROUP[group]).toContain(targets[0]);
  });

  it('eslint refuses any other src import in a rule file, and accepts the API', async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const lint = async (text: string) =>
      (await eslint.lintText(text, { filePath: 'rules/django/layering-probe.ts' }))[0]!.messages.map((message) => message.ruleId);
    expect(await lint("import { truthy } from '../../src/python/value.js';\nexport const probe = truthy;\n")).toEqual(['no-restricted-imports']);
    expect(await lint("import { truthy } from '../../src/api/django.js';\nexport const probe = truthy;\n")).toEqual([]);
  }, 30_000);
});
