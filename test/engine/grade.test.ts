import { describe, expect, it } from 'vitest';
import { grade, meetsGrade } from '../../src/engine/grade.js';
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

  it('caps the grade at F for DEBUG on in production, but not when it is only a default', () => {
    const capped = grade([finding('django/debug', 'critical')]);
    expect(capped.score).toBe(60);
    expect(capped.grade).toBe('F');
    expect(capped.caps).toHaveLength(1);
    expect(grade([finding('django/debug', 'critical', 'default')]).grade).toBe('B+');
  });

  it('compares grades', () => {
    expect(meetsGrade('A', 'B+')).toBe(true);
    expect(meetsGrade('B', 'B+')).toBe(false);
    expect(meetsGrade('F', 'F')).toBe(true);
  });
});
