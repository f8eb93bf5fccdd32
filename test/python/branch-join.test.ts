import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { confidenceOf, envReadsOf, pyRepr } from '../../src/python/value.js';
import type { PyValue } from '../../src/python/value.js';
import { settingIncludes } from '../../src/django/setting-helpers.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const show = (v: PyValue) => pyRepr(v);
const one = (code: string, vars: Record<string, string | undefined> = {}) => evaluate({ 'settings.py': code }, vars);
const strings = (v: PyValue) => (v.kind === 'unknown' ? (v.certainItems ?? []).map((i) => (i.kind === 'str' ? i.value : '?')) : []);

// SILK is set by the platform with a value not known here: the condition is undecidable.
const UNDECIDED = { SILK: undefined };
const BASE = 'import os\nMIDDLEWARE = ["a.Security", "b.Csrf"]\n';

describe('joining the lists two branches build', () => {
  it('keeps the items both branches hold when one extends the list', () => {
    const s = one(`${BASE}if os.environ["SILK"] == "1":\n    MIDDLEWARE = [*MIDDLEWARE, "silk.Silky"]\n`, UNDECIDED);
    expect(s.get('MIDDLEWARE').kind).toBe('unknown');
    expect(strings(s.get('MIDDLEWARE'))).toEqual(['a.Security', 'b.Csrf']);
    expect(settingIncludes(s, 'MIDDLEWARE', 'b.Csrf')).toBe(true);
    // Present in one branch only: neither certainly there nor certainly absent.
    expect(settingIncludes(s, 'MIDDLEWARE', 'silk.Silky')).toBeUndefined();
    expect(settingIncludes(s, 'MIDDLEWARE', 'c.Missing')).toBeUndefined();
  });

  it('drops an item one branch removes, and keeps what later code adds', () => {
    const s = one(`${BASE}if os.environ["SILK"] == "1":\n    MIDDLEWARE.remove("b.Csrf")\nMIDDLEWARE += ["c.Session"]\nMIDDLEWARE.append("d.Auth")\n`, UNDECIDED);
    expect(strings(s.get('MIDDLEWARE'))).toEqual(['a.Security', 'c.Session', 'd.Auth']);
    expect(settingIncludes(s, 'MIDDLEWARE', 'b.Csrf')).toBeUndefined();
  });

  it('forgets every certain item after a mutation that may remove one', () => {
    const s = one(`${BASE}if os.environ["SILK"] == "1":\n    MIDDLEWARE.append("x")\nMIDDLEWARE[0] = "z"\nMIDDLEWARE.pop()\n`, UNDECIDED);
    expect(s.get('MIDDLEWARE').kind).toBe('unknown');
    expect(settingIncludes(s, 'MIDDLEWARE', 'a.Security')).toBeUndefined();
  });

  it('keeps a list both branches leave equal, and the conditional expression joins the same way', () => {
    const s = one(`${BASE}if os.environ["SILK"] == "1":\n    MIDDLEWARE = list(MIDDLEWARE)\nX = ["k", "l"] if os.environ["SILK"] else ["k"]\n`, UNDECIDED);
    expect(show(s.get('MIDDLEWARE'))).toBe("['a.Security', 'b.Csrf']");
    expect(strings(s.get('X'))).toEqual(['k']);
  });
});

describe('errors inside an undecidable branch', () => {
  it('drop that branch instead of being reported', () => {
    const s = one('import os\nMODE = "x"\nif os.environ["SILK"] == "1":\n    MODE = int("not a number")\n', UNDECIDED);
    expect(show(s.get('MODE'))).toBe("'x'");
    expect(s.problems).toEqual([]);
  });

  it('are reported when every branch fails', () => {
    const s = one('import os\nif os.environ["SILK"] == "1":\n    MODE = int("not a number")\nelse:\n    MODE = int("nor this")\n', UNDECIDED);
    expect(s.get('MODE').kind).toBe('unknown');
    expect(s.problems.map((p) => p.kind)).toEqual(['raises']);
  });
});

describe('control dependencies of a decided condition', () => {
  const DB = 'import os\nDATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}\nif os.getenv("DB") == "postgres":\n    DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": os.getenv("DB_NAME", "hc")}}\nOTHER = 1\n';

  it('a name the skipped branch would assign depends on the condition\'s variable', () => {
    const s = one(DB);
    const engine = (s.get('DATABASES') as Extract<PyValue, { kind: 'dict' }>).entries[0]!.value;
    expect(show(s.get('DATABASES'))).toContain('sqlite3');
    expect(confidenceOf(s.get('DATABASES'))).toBe('default');
    expect(confidenceOf(engine)).toBe('default');
    expect(envReadsOf(s.get('DATABASES')).map((r) => r.name)).toEqual(['DB']);
    expect(confidenceOf(s.get('OTHER'))).toBe('certain');
  });

  it('reads inside a branch that is decidably not taken leave everything as certain as without it', () => {
    const base = 'import os\nDEBUG = False\nMIDDLEWARE = ["a.Security"]\n';
    const skipped = 'if DEBUG:\n    MIDDLEWARE.append(os.environ.get("PROFILER", "silk.Silky"))\n    EXTRA = os.environ["EXTRA"]\n';
    const without = one(base);
    for (const s of [one(base + skipped), one(`${base}if os.environ.get("PROFILE") == "1":\n${skipped.split('\n').slice(1).join('\n')}`, { PROFILE: '0' })]) {
      expect(show(s.get('MIDDLEWARE'))).toBe(show(without.get('MIDDLEWARE')));
      expect(confidenceOf(s.get('MIDDLEWARE'))).toBe('certain');
      expect(envReadsOf(s.get('MIDDLEWARE')).filter((read) => !read.set)).toEqual([]);
      expect(s.has('EXTRA')).toBe(false);
      expect(s.problems).toEqual([]);
    }
  });

  it('the taken branch carries the read as set', () => {
    const s = one(DB, { DB: 'postgres' });
    expect(show(s.get('DATABASES'))).toContain('postgresql');
    expect(s.get('DATABASES').env).toEqual([expect.objectContaining({ name: 'DB', set: true })]);
  });
});
