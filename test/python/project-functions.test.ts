import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { confidenceOf, pyRepr } from '../../src/python/value.js';
import type { PyValue } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const show = (v: PyValue) => pyRepr(v);
const one = (code: string, vars: Record<string, string | undefined> = {}) => evaluate({ 'settings.py': code }, vars);

const ENVBOOL = 'import os\ndef envbool(s, default):\n    v = os.getenv(s, default=default)\n    return v == "True"\n';

const SALEOR = `import ast, os
def get_bool_from_env(name, default_value):
    if name in os.environ:
        value = os.environ[name]
        try:
            return ast.literal_eval(value)
        except ValueError as e:
            raise ValueError(f"{value} is an invalid value for {name}") from e
    return default_value
DEBUG = get_bool_from_env("DEBUG", True)
`;

describe('calling functions defined in the project', () => {
  it('runs a helper and keeps the env read it made (unset: confidence default)', () => {
    const s = one(`${ENVBOOL}DEBUG = envbool("DEBUG", "True")\n`);
    expect(show(s.get('DEBUG'))).toBe('True');
    expect(s.get('DEBUG').env?.[0]).toMatchObject({ name: 'DEBUG', set: false, defaultText: "'True'" });
    expect(confidenceOf(s.get('DEBUG'))).toBe('default');
    expect(s.assignedAt.get('DEBUG')).toMatchObject({ line: 5 });
  });

  it('follows the environment when the variable is set (confidence certain)', () => {
    const s = one(`${ENVBOOL}DEBUG = envbool("DEBUG", "True")\n`, { DEBUG: 'False' });
    expect(show(s.get('DEBUG'))).toBe('False');
    expect(confidenceOf(s.get('DEBUG'))).toBe('certain');
  });

  it('binds keywords, defaults, *args and **kwargs', () => {
    const s = one(
      'def f(a, b=2, *rest, c, d=4, **more):\n    return [a, b, list(rest), c, d, more]\nX = f(1, c=3)\nY = f(1, 5, 6, 7, c=8, e=9)\nZ = (lambda x, y=10: x + y)(1)\n',
    );
    expect(show(s.get('X'))).toBe('[1, 2, [], 3, 4, {}]');
    expect(show(s.get('Y'))).toBe("[1, 5, [6, 7], 8, 4, {'e': 9}]");
    expect(show(s.get('Z'))).toBe('11');
  });

  it('evaluates a default when the def runs, not at the call', () => {
    expect(show(one('A = 1\ndef f(x=A):\n    return x\nA = 2\nX = f()\n').get('X'))).toBe('1');
  });

  it('a missing argument is a TypeError, not a value', () => {
    const s = one('def f(a):\n    return a\nX = f()\n');
    expect(s.get('X').kind).toBe('unknown');
    expect(s.problems.map((p) => p.message)).toContain("TypeError: f() missing required argument 'a'");
  });

  it('get_bool_from_env: literal_eval of the set value, the default when unset', () => {
    expect(show(one(SALEOR, { DEBUG: 'False' }).get('DEBUG'))).toBe('False');
    const unset = one(SALEOR);
    expect(show(unset.get('DEBUG'))).toBe('True');
    // The decided `if name in os.environ` chose the `return default_value` path: it depends on DEBUG.
    expect(confidenceOf(unset.get('DEBUG'))).toBe('default');
    const invalid = one(SALEOR, { DEBUG: 'yes' });
    expect(invalid.get('DEBUG').kind).toBe('unknown');
    expect(invalid.problems.map((p) => p.message)).toContain('raise ValueError(f"{value} is an invalid value for {name}") from e');
  });

  it('ast.literal_eval takes literals only', () => {
    const s = one('import ast\nA = ast.literal_eval("[1, -2, \'x\', (True, None)]")\nB = ast.literal_eval("{\'k\': 1.5}")\nC = ast.literal_eval("true")\n');
    expect(show(s.get('A'))).toBe("[1, -2, 'x', (True, None)]");
    expect(show(s.get('B'))).toBe("{'k': 1.5}");
    expect(s.get('C').kind).toBe('unknown');
    expect(s.problems.map((p) => p.message)).toContain('ValueError: malformed node or string: "true"');
  });

  it('joins the returns of an undecidable condition', () => {
    const code = 'import os\ndef pick():\n    if os.environ["MODE"] == "a":\n        return 1\n    return 2\ndef same():\n    if os.environ["MODE"] == "a":\n        return 3\n    return 3\nX = pick()\nY = same()\n';
    const s = one(code, { MODE: undefined });
    expect(s.get('X').kind).toBe('unknown');
    expect(show(s.get('Y'))).toBe('3');
    expect(show(one(code, { MODE: 'a' }).get('X'))).toBe('1');
  });

  it('a branch that raises is dropped, like at module level', () => {
    const code = 'import os\ndef envint(s, default):\n    v = os.getenv(s, default)\n    if v not in ("1", "2"):\n        raise Exception("bad")\n    return int(v)\nX = envint("N", "2")\n';
    expect(show(one(code).get('X'))).toBe('2');
    expect(one(code, { N: undefined }).get('X').kind).toBe('unknown');
  });

  it('stops at the recursion limit; a helper mutating a module list changes that list', () => {
    const s = one('def f(n):\n    return f(n + 1)\nX = f(0)\nL = [1]\ndef add():\n    L.append(2)\nadd()\n');
    expect(s.get('X')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('recursion') });
    expect(show(s.get('L'))).toBe('[1, 2]');
  });

  it('runs a helper imported from another module with that module\'s names', () => {
    const s = evaluate({
      'conf/__init__.py': '',
      'conf/env.py': 'import os\nPREFIX = "APP_"\ndef env(key, default=None):\n    return os.environ.get(PREFIX + key, default)\n',
      'settings.py': 'from conf.env import env\nPREFIX = "OTHER_"\nSECRET_KEY = env("SECRET_KEY", "dev")\n',
    }, { APP_SECRET_KEY: 'k'.repeat(60) });
    expect(show(s.get('SECRET_KEY'))).toBe(`'${'k'.repeat(60)}'`);
  });

  it('a return inside a loop over unknown values gives an unknown result, not the raise after it', () => {
    const code = 'import somewhere\ndef pick(options, value):\n    for x in options:\n        if x == value:\n            return x\n    raise ValueError("no")\nX = pick(somewhere.Options, "a")\nY = pick(["a", "b"], "b")\n';
    const s = one(code);
    expect(s.get('X').kind).toBe('unknown');
    expect(show(s.get('Y'))).toBe("'b'");
    expect(s.problems).toEqual([]);
  });

  it('leaves a function hidden behind an unknown decorator unknown', () => {
    const s = one('import functools, somewhere\n@somewhere.wrap\ndef f():\n    return 1\n@functools.lru_cache()\ndef g():\n    return 2\nX = f()\nY = g()\n');
    expect(s.get('X').kind).toBe('unknown');
    expect(show(s.get('Y'))).toBe('2');
  });
});
