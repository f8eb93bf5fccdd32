import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { confidenceOf, envReadsOf, pyRepr } from '../../src/python/value.js';
import type { PyValue } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const show = (v: PyValue) => pyRepr(v);
const one = (code: string, vars: Record<string, string | undefined> = {}) => evaluate({ 'settings.py': code }, vars);
const certain = (v: PyValue) => (v.kind === 'unknown' ? (v.certainItems ?? []).map(show) : undefined);

describe('project functions that assign module names through `global`', () => {
  it('a settings helper called at module level sets the setting', () => {
    const s = one('DEBUG = True\ndef configure_logging(level):\n    global LOGGING, DEBUG\n    LOGGING = {"version": 1, "root": {"level": level}}\n    DEBUG = False\nconfigure_logging("INFO")\n');
    expect(show(s.get('LOGGING'))).toBe("{'version': 1, 'root': {'level': 'INFO'}}");
    expect(show(s.get('DEBUG'))).toBe('False');
    expect(s.assignedAt.get('LOGGING')).toMatchObject({ line: 4 });
    expect(s.has('level')).toBe(false);
  });

  it('a loop sets several globals, by name or through globals()', () => {
    const s = one(
      'import os\ndef load(names):\n    global TIMEOUT\n    for name in names:\n        globals()[name] = os.environ.get(name, "off")\n    TIMEOUT = 30\nload(["CACHE_MODE", "QUEUE_MODE"])\n',
      { CACHE_MODE: 'redis' },
    );
    expect(show(s.get('CACHE_MODE'))).toBe("'redis'");
    expect(show(s.get('QUEUE_MODE'))).toBe("'off'");
    expect(confidenceOf(s.get('QUEUE_MODE'))).toBe('default');
    expect(show(s.get('TIMEOUT'))).toBe('30');
  });

  it('reads and augments the module value, and a later module statement sees the change', () => {
    const s = one('APPS = ["a"]\ndef add_extras():\n    global APPS\n    APPS += ["b"]\nadd_extras()\nAPPS.append("c")\n');
    expect(show(s.get('APPS'))).toBe("['a', 'b', 'c']");
  });

  it('an undecidable branch inside the helper is joined in the module names', () => {
    // (a comparison with a literal naming production would be decided by an assumption: see selection.test.ts)
    const s = one('import os\nDEBUG = True\nMIDDLEWARE = ["a"]\ndef configure():\n    global DEBUG\n    if os.environ["MODE"].startswith("prod"):\n        DEBUG = False\n        MIDDLEWARE.append("b")\nconfigure()\n', { MODE: undefined });
    expect(s.get('DEBUG')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('MODE') });
    expect(certain(s.get('MIDDLEWARE'))).toEqual(["'a'"]);
  });

  it('a decided condition on an env var inside the helper makes the global depend on it', () => {
    const s = one('import os\nDEBUG = True\ndef configure():\n    global DEBUG\n    if os.environ.get("PROD"):\n        DEBUG = False\nconfigure()\n');
    expect(show(s.get('DEBUG'))).toBe('True');
    expect(envReadsOf(s.get('DEBUG')).map((r) => r.name)).toEqual(['PROD']);
    expect(confidenceOf(s.get('DEBUG'))).toBe('default');
  });

  it('a helper called in an undecidable module-level branch is joined like inline code', () => {
    const s = one('import os\nX = 1\ndef set_x():\n    global X\n    X = 2\nif os.environ["MODE"] == "a":\n    set_x()\n', { MODE: undefined });
    expect(s.get('X').kind).toBe('unknown');
    expect(show(one('import os\nX = 1\ndef set_x():\n    global X\n    X = 2\nif os.environ["MODE"] == "a":\n    set_x()\n', { MODE: 'a' }).get('X'))).toBe('2');
  });

  it('a call that is not followed leaves what it would assign or mutate unknown', () => {
    const s = one('import somewhere\nL = [1]\ndef f(*args):\n    global G\n    G = 2\n    L.append(3)\n    LOCAL = 4\nG = 1\nLOCAL = 0\nf(*somewhere.args)\n');
    expect(s.get('G')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('f()') });
    expect(s.get('L').kind).toBe('unknown');
    expect(show(s.get('LOCAL'))).toBe('0');
    const deep = one('N = 0\ndef down():\n    global N\n    N = N + 1\n    down()\ndown()\n');
    expect(deep.get('N').kind).toBe('unknown');
  });

  it('vars() and locals() in a function do not write module names; nonlocal writes the enclosing function', () => {
    const s = one('X = 1\ndef f():\n    vars()["X"] = 2\n    locals().update(X=3)\nf()\ndef counter():\n    n = 0\n    def bump():\n        nonlocal n\n        n += 5\n    bump()\n    return n\nN = counter()\n');
    expect(show(s.get('X'))).toBe('1');
    expect(show(s.get('N'))).toBe('5');
  });

  it('keeps what a path that returns wrote outside the function, joined with the other path', () => {
    const early = one(
      'import os\nINSTALLED_APPS = ["django.contrib.admin"]\ndef tools():\n    if os.environ.get("CI"):\n        return\n    INSTALLED_APPS.append("debug_toolbar")\ntools()\n',
      { CI: undefined },
    );
    expect(early.get('INSTALLED_APPS').kind).toBe('unknown');
    expect(certain(early.get('INSTALLED_APPS'))).toEqual(["'django.contrib.admin'"]);

    const late = one(
      'import os\nALLOWED_HOSTS = ["shop.example"]\ndef hosts():\n    global ALLOWED_HOSTS\n    if os.environ.get("OPEN"):\n        ALLOWED_HOSTS = ["*"]\n        return\n    local = 1\nhosts()\n',
      { OPEN: undefined },
    );
    expect(late.get('ALLOWED_HOSTS').kind).toBe('unknown');
    expect(certain(late.get('ALLOWED_HOSTS'))).toEqual([]);
  });
});

