import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles } from './import-graph.js';

/** The rule API a rule group imports when it is not the group's own (src/api/<group>.ts); rules/deploy holds rules of three kinds. */
const API_OF_GROUP: Record<string, string[]> = {
  deploy: ['src/api/deploy.ts', 'src/api/django.ts', 'src/api/workspace.ts'],
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
    expect(API_OF_GROUP[group] ?? [`src/api/${group}.ts`]).toContain(targets[0]);
  });

  it('eslint refuses any other src import in a rule file, and accepts the API', async () => {
    const eslint = new ESLint({ cwd: process.cwd() });
    const lint = async (text: string) =>
      (await eslint.lintText(text, { filePath: 'rules/django/layering-probe.ts' }))[0]!.messages.map((message) => message.ruleId);
    expect(await lint("import { truthy } from '../../src/python/value.js';\nexport const probe = truthy;\n")).toEqual(['no-restricted-imports']);
    expect(await lint("import { truthy } from '../../src/api/django.js';\nexport const probe = truthy;\n")).toEqual([]);
    // The shared part and the loader are not APIs of a kind.
    expect(await lint("import { maskSecret } from '../../src/api/base.js';\nexport const probe = maskSecret;\n")).toEqual(['no-restricted-imports']);
    expect(await lint("import { loadRuleApi } from '../../src/api/index.js';\nexport const probe = loadRuleApi;\n")).toEqual(['no-restricted-imports']);
  }, 30_000);
});
