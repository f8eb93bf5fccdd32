import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULE_INDEX_FILE, listRuleIds, renderRuleIndex } from '../../scripts/rule-index.mjs';

describe('src/engine/rule-index.ts', () => {
  it('lists exactly the files under rules/ (run `npm run build` after adding or removing one)', () => {
    expect(readFileSync(RULE_INDEX_FILE, 'utf8')).toBe(renderRuleIndex(listRuleIds()));
  });

  it('names a rule by its path under rules/', () => {
    const text = renderRuleIndex(['django/debug', 'web/hsts']);
    expect(text).toContain("'django/debug': () => import('../../rules/django/debug.js'),");
    expect(text).toContain("'web/hsts': () => import('../../rules/web/hsts.js'),");
  });
});
