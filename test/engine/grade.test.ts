import { describe, expect, it } from 'vitest';
import { capsOf, grade, meetsGrade } from '../../src/engine/grade.js';
import { loadAllRules } from '../../src/engine/registry.js';
import type { Severity } from '../../src/core/severity.js';
import type { Finding } from '../../src/engine/types.js';

function finding(rule: string, severity: Severity, confidence: Finding['confidence'] = 'certain'): Finding {
  return {
    rule,
    severity,
    confidence,
    title: rule,
    message: rule,
    location: { file: 'settings.py', line: 1, column: 1 },
    related: [],
    fix: '',
    fingerprint: rule,
  };
}

describe('grade', () => {
  it('is A+ with no findings and info findings cost nothing', () => {
    expect(grade([]).grade).toBe('A+');
    expect(grade([finding('x/info', 'info')])).toMatchObject({ score: 100, grade: 'A+', deductions: [] });
  });

  it('deducts by severity and maps the score on the chart', () => {
    const result = grade([finding('x/a', 'high'), finding('x/b', 'medium')]);
    expect(result.score).toBe(72);
    expect(result.grade).toBe('B');
    expect(result.deductions.map((d) => d.points)).toEqual([20, 8]);
  });

  it('counts a default-confidence finding half', () => {
    const result = grade([finding('x/a', 'high', 'default')]);
    expect(result.score).toBe(90);
    expect(result.grade).toBe('A');
  });

  it('clamps at zero', () => {
    expect(grade(Array.from({ length: 5 }, (_, i) => finding(`x/${i}`, 'critical'))).score).toBe(0);
  });

  it('caps the grade at the cap a rule declares, but not for a default-confidence finding', async () => {
    const caps = capsOf(await loadAllRules());
    const capped = grade([finding('django/debug', 'critical')], caps);
    expect(capped.score).toBe(60);
    expect(capped.grade).toBe('F');
    expect(capped.caps).toEqual([{ rule: 'django/debug', grade: 'F', reason: expect.stringContaining('DEBUG is on') }]);
    expect(grade([finding('django/debug', 'critical', 'default')], caps).grade).toBe('B+');
    // Without the rule's declaration the same finding only costs its points.
    expect(grade([finding('django/debug', 'critical')]).grade).toBe('C+');
  });

  it('knows the caps the built-in rules declare', async () => {
    expect([...capsOf(await loadAllRules())].map(([rule, cap]) => `${rule} ${cap.grade}`)).toEqual([
      'django/debug F',
      'django/secret-key-committed F',
      'django/settings-module-missing C',
      'reconcile/debug-page-settings-off F',
      'web/debug-page F',
      'web/env-exposed F',
      'web/stack-trace-exposed F',
    ]);
  });

  it('compares grades', () => {
    expect(meetsGrade('A', 'B+')).toBe(true);
    expect(meetsGrade('B', 'B+')).toBe(false);
    expect(meetsGrade('F', 'F')).toBe(true);
  });
});
