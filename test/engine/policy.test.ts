import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/core/errors.js';
import { grade } from '../../src/engine/grade.js';
import { maskSecret } from '../../src/core/mask.js';
import { gateExitCode, parseGrade, parseSeverity } from '../../src/engine/policy.js';
import { selectRules } from '../../src/engine/select.js';
import { defineRule } from '../../src/django/define-rule.js';
import type { Finding } from '../../src/engine/types.js';

const medium: Finding = {
  rule: 'x/y',
  severity: 'medium',
  confidence: 'certain',
  title: 't',
  message: 'm',
  location: { file: 'a.py', line: 1, column: 1 },
  related: [],
  fix: '',
  fingerprint: 'f',
};

describe('gate', () => {
  it('fails only at or above --fail-on', () => {
    const g = grade([medium]);
    expect(gateExitCode([medium], g, { failOn: 'high' })).toBe(0);
    expect(gateExitCode([medium], g, { failOn: 'medium' })).toBe(1);
    expect(gateExitCode([medium], g, { failOn: 'none' })).toBe(0);
  });

  it('fails below --min-grade', () => {
    const g = grade([medium]); // 92 → A
    expect(gateExitCode([medium], g, { failOn: 'none', minGrade: 'A' })).toBe(0);
    expect(gateExitCode([medium], g, { failOn: 'none', minGrade: 'A+' })).toBe(1);
  });

  it('rejects bad option values as usage errors', () => {
    expect(() => parseSeverity('severe', '--fail-on')).toThrow(UsageError);
    expect(parseGrade('b+', '--min-grade')).toBe('B+');
    expect(() => parseGrade('Z', '--min-grade')).toThrow(UsageError);
  });
});

describe('maskSecret', () => {
  it('shows at most four characters and the length', () => {
    expect(maskSecret('django-insecure-abcdefghijklmnopqrstuvwxyz0123456789')).toBe('djan… (52 chars)');
    const short = maskSecret('hunter2');
    expect(short).toBe('h… (7 chars)');
    expect(maskSecret('abc')).toBe('… (3 chars)');
  });
});

describe('selectRules', () => {
  const rule = (id: string) =>
    defineRule({ id, title: id, severity: 'low', docs: { why: 'w', fix: 'f' }, check: () => undefined });
  const rules = [rule('django/debug'), rule('django/hsts-missing'), rule('deploy/file-unparsable')];

  it('selects by id and by group, and ignores', () => {
    expect(selectRules(rules, ['django']).map((r) => r.id)).toEqual(['django/debug', 'django/hsts-missing']);
    expect(selectRules(rules, ['django/*'], ['django/debug']).map((r) => r.id)).toEqual(['django/hsts-missing']);
  });

  it('treats a pattern that names no rule as a usage error', () => {
    expect(() => selectRules(rules, ['django/debugg'])).toThrow(UsageError);
  });
});
