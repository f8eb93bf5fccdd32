import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { pyRepr } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const ODD: [string, string][] = [
  ['python 2', 'print "hello"\nexec "x = 1"\nDEBUG = True\n'],
  ['deep nesting', `X = ${'('.repeat(3000)}1${')'.repeat(3000)}\nDEBUG = True\n`],
  ['long sum', `X = ${Array.from({ length: 20000 }, () => '1').join(' + ')}\nDEBUG = True\n`],
  ['classes and functions', 'class A:\n    def f(self):\n        return 1\n    X = property(f)\n@decorator\ndef g(*a, **k): pass\nY = g(1)\nDEBUG = True\n'],
  ['modern syntax', 'match x:\n    case 1:\n        Y = 2\nasync def f(): await g()\nif (n := 10) > 5:\n    Z = n\ntype T = int\nDEBUG = True\n'],
  ['garbage', '}{)(][ =+= \x01 \u2028\nDEBUG = True\n'],
  ['self reference', 'A = []\nA.append(A)\nB = {}\nB["b"] = B\nDEBUG = True\n'],
  ['while and globals', 'i = 0\nwhile i < 10:\n    i += 1\nglobal Q\nDEBUG = True\n'],
  ['huge repetition', 'X = "a" * 10**9\nY = [1] * 10**9\nDEBUG = True\n'],
  ['division by zero', 'X = 1 / 0\nY = 1 % 0\nDEBUG = True\n'],
  ['unicode', 'NAME = "héllo wörld 🎉"\nX = f"{NAME!r:>40}"\nDEBUG = True\n'],
];

describe('odd input never throws', () => {
  it.each(ODD)('%s', (_name, code) => {
    const s = evaluate({ 'settings.py': code });
    expect(pyRepr(s.get('DEBUG'))).toBe('True');
  });

  it('reports the line and column of a syntax error and evaluates what parsed', () => {
    const s = evaluate({ 'settings.py': 'A = 1\nif x\n    B = 2\nC = 3\n' });
    expect(s.problems.find((p) => p.kind === 'syntax-error')?.location).toMatchObject({ file: 'settings.py', line: 2, column: 1 });
    expect(pyRepr(s.get('C'))).toBe('3');
  });

  it('a missing settings module is a problem, not a crash', () => {
    const s = evaluate({ 'other.py': '' }, {}, { module: 'nope.settings' });
    expect(s.problems).toEqual([expect.objectContaining({ kind: 'unresolved-import' })]);
    expect(s.file).toBe('nope/settings.py');
    expect(pyRepr(s.get('DEBUG'))).toBe('False');
  });
});
