import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { pyRepr } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

describe('deeply nested selectors', () => {
  it('a settings package selecting on an if whose test is nested 10,000 parentheses deep', () => {
    const test = `${'('.repeat(10_000)}os.getenv('ENV') == 'production'${')'.repeat(10_000)}`;
    const s = evaluate(
      { 'p/__init__.py': '', 'p/settings/__init__.py': `import os\nif ${test}:\n    A = 1\nelse:\n    A = 2\nB = 3\n` },
      {},
      { module: 'p.settings' },
    );
    expect(pyRepr(s.get('B'))).toBe('3');
    expect(s.problems.filter((p) => p.message.includes('internal error'))).toEqual([]);
  });

  it('a broken file nested 10,000 deep is a syntax error, not a crash', () => {
    const sources = [
      `A = 1\nx = ${'('.repeat(10_000)}1\nB = 2\n`,
      `A = 1\nx = ${'('.repeat(10_000)}1 +${')'.repeat(10_000)}\n`,
      `A = 1\nx = ${'['.repeat(10_000)}1,,${']'.repeat(10_000)}\n`,
      `A = 1\nx = ${'f('.repeat(5_000)}1 +${')'.repeat(5_000)}\n`,
    ];
    for (const source of sources) {
      const s = evaluate({ 'settings.py': source });
      expect(pyRepr(s.get('A'))).toBe('1');
      expect(s.problems.some((p) => p.kind === 'syntax-error')).toBe(true);
      expect(s.problems.filter((p) => p.message.includes('internal error'))).toEqual([]);
    }
  });
});
