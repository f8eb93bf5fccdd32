import { describe, expect, it } from 'vitest';
import { loadAllRules, validateRule } from '../../src/engine/registry.js';
import { defineRule } from '../../src/django/define-rule.js';

describe('rule registry', () => {
  it('loads every rule file with a valid, unique id matching its path and docs', async () => {
    const rules = await loadAllRules();
    expect(rules.length).toBeGreaterThan(2);
    const ids = rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.docs.why.length, rule.id).toBeGreaterThan(40);
      expect(rule.docs.fix.length, rule.id).toBeGreaterThan(10);
    }
  });

  it('mirrors each check --deploy id with exactly one rule', async () => {
    const owners = new Map<string, string[]>();
    for (const rule of await loadAllRules()) {
      for (const id of [rule.django ?? []].flat()) owners.set(id, [...(owners.get(id) ?? []), rule.id]);
    }
    for (const [id, rules] of owners) expect(rules, id).toHaveLength(1);
  });

  it('rejects a malformed rule', () => {
    const bad = defineRule({ id: 'Bad Id', title: '', severity: 'low', docs: { why: '', fix: '' }, check: () => undefined });
    expect(() => validateRule(bad)).toThrow(/id 'Bad Id' is not group\/slug.*title is empty.*docs/);
    const good = defineRule({ id: 'x/y', title: 't', severity: 'low', docs: { why: 'w', fix: 'f' }, check: () => undefined });
    expect(() => validateRule(good, 'x/z')).toThrow(/does not match its file/);
  });
});
