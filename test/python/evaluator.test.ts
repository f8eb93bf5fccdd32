import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { confidenceOf, pyRepr } from '../../src/python/value.js';
import type { PyValue } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const show = (v: PyValue) => pyRepr(v);

describe('modules and imports', () => {
  it('follows star imports across three modules and keeps where each name was set', () => {
    const s = evaluate(
      {
        'mysite/__init__.py': '',
        'mysite/settings/__init__.py': '',
        'mysite/settings/common.py': 'DEBUG = True\nSECRET_KEY = "a"\n_private = 1\n',
        'mysite/settings/base.py': 'from .common import *\nALLOWED_HOSTS = ["x"]\n',
        'mysite/settings/production.py': 'from .base import *\nfrom ..settings import common\nDEBUG = False\nNAME = common.SECRET_KEY\n',
      },
      {},
      { module: 'mysite.settings.production' },
    );
    expect(show(s.get('DEBUG'))).toBe('False');
    expect(show(s.get('ALLOWED_HOSTS'))).toBe("['x']");
    expect(show(s.get('NAME'))).toBe("'a'");
    expect(s.assignedAt.get('SECRET_KEY')).toMatchObject({ file: 'mysite/settings/common.py', line: 2, column: 1 });
    expect(s.assignedAt.get('DEBUG')).toMatchObject({ file: 'mysite/settings/production.py', line: 3 });
    expect(s.has('_private')).toBe(false);
    expect(s.file).toBe('mysite/settings/production.py');
    expect(s.files).toContain('mysite/settings/common.py');
    expect(s.problems).toEqual([]);
  });

  it('respects __all__ and absolute project imports', () => {
    const s = evaluate({
      'conf.py': '__all__ = ["A"]\nA = 1\nB = 2\n',
      'settings.py': 'from conf import *\nimport conf as c\nC = c.B\n',
    });
    expect(show(s.get('A'))).toBe('1');
    expect(s.has('B')).toBe(false);
    expect(show(s.get('C'))).toBe('2');
  });

  it('detects an import cycle without recursing forever', () => {
    const s = evaluate({ 'a.py': 'from settings import *\nA = 1\n', 'settings.py': 'from a import *\nB = 2\n' });
    expect(s.problems.map((p) => p.kind)).toContain('import-cycle');
    expect(show(s.get('A'))).toBe('1');
    expect(show(s.get('B'))).toBe('2');
  });

  it('reports a missing project-relative import but not a third-party one', () => {
    const s = evaluate({ 'pkg/__init__.py': '', 'pkg/settings.py': 'import requests\nfrom .missing import *\nX = 1\n' }, {}, { module: 'pkg.settings' });
    expect(s.problems).toHaveLength(1);
    expect(s.problems[0]).toMatchObject({ kind: 'unresolved-import', location: { file: 'pkg/settings.py', line: 2 } });
    expect(show(s.get('X'))).toBe('1');
  });

  describe('optional local settings', () => {
    const files = {
      'settings.py': 'DEBUG = False\ntry:\n    from local_settings import *\nexcept ImportError:\n    LOCAL = False\n',
      'local_settings.py': 'DEBUG = True\n',
    };
    it('imports them when present', () => {
      const s = evaluate(files);
      expect(show(s.get('DEBUG'))).toBe('True');
      expect(s.has('LOCAL')).toBe(false);
    });
    it('takes the except branch when absent', () => {
      const s = evaluate({ 'settings.py': files['settings.py'] });
      expect(show(s.get('DEBUG'))).toBe('False');
      expect(show(s.get('LOCAL'))).toBe('False');
      expect(s.problems).toEqual([]);
    });
    it('treats a gitignored local file as absent in production', () => {
      const s = evaluate(files, {}, { ignored: ['local_settings.py'] });
      expect(show(s.get('DEBUG'))).toBe('False');
    });
  });

  it('reports a syntax error with its line and still evaluates the rest', () => {
    const s = evaluate({ 'settings.py': 'A = 1\nB = (\nC = 3\n' + 'D = 4\n' });
    const problem = s.problems.find((p) => p.kind === 'syntax-error');
    expect(problem?.location.line).toBe(2);
    expect(show(s.get('A'))).toBe('1');
  });

  it('reports an unreadable file', () => {
    const s = evaluate({ 'settings.py': 'from other import *\n', 'other.py': 'A\0' });
    expect(s.problems.map((p) => p.kind)).toEqual(['unreadable-file']);
  });

  it('stops at the step budget and makes the rest unknown', () => {
    const s = evaluate({ 'settings.py': 'A = 1\n' + 'X = [1, 2, 3, 4, 5, 6, 7, 8]\n'.repeat(50) + 'DEBUG = False\n' }, {}, { maxSteps: 40 });
    expect(s.problems.map((p) => p.kind)).toContain('step-budget');
    expect(s.get('DEBUG').kind).toBe('unknown');
  });
});

describe('control flow', () => {
  it('takes the decided branch and makes the value depend on the condition', () => {
    const s = evaluate({ 'settings.py': 'import os\nif os.environ.get("PROD"):\n    DEBUG = False\nelse:\n    DEBUG = True\n' });
    expect(show(s.get('DEBUG'))).toBe('True');
    expect(confidenceOf(s.get('DEBUG'))).toBe('default');
  });

  it('merges an undecidable if: same value kept, different values unknown with the reason', () => {
    const s = evaluate({
      'settings.py': 'import sys\nif "test" in sys.argv:\n    A = 1\n    B = 2\nelse:\n    A = 1\n    B = 3\nif sys.argv:\n    C = 1\n',
    });
    expect(show(s.get('A'))).toBe('1');
    expect(s.get('B')).toMatchObject({ kind: 'unknown' });
    expect((s.get('B') as { reason: string }).reason).toContain('depends on "test" in sys.argv');
    expect(s.get('C').kind).toBe('unknown');
  });

  it('drops a branch that raises', () => {
    const s = evaluate({ 'settings.py': 'import sys\nKEY = "x"\nif sys.argv:\n    raise Exception("no")\nelse:\n    KEY = "y"\n' });
    expect(show(s.get('KEY'))).toBe("'y'");
  });

  it('runs loops over known lists and elif chains', () => {
    const s = evaluate({ 'settings.py': 'APPS = []\nfor a in ["x", "y"]:\n    APPS.append(a)\nN = 2\nif N == 1:\n    R = "one"\nelif N == 2:\n    R = "two"\nelse:\n    R = "many"\n' });
    expect(show(s.get('APPS'))).toBe("['x', 'y']");
    expect(show(s.get('R'))).toBe("'two'");
  });
});

describe('assignments and values', () => {
  it('mutates lists and dicts and records the mutation as the assignment', () => {
    const s = evaluate({
      'settings.py': [
        'MIDDLEWARE = ["a"]',
        'MIDDLEWARE.append("b")',
        'MIDDLEWARE += ("c",)',
        'MIDDLEWARE.insert(0, "z")',
        'MIDDLEWARE.remove("a")',
        'MIDDLEWARE.extend(["d"])',
        'DATABASES = {"default": {"ENGINE": "x"}}',
        'DATABASES["default"]["ENGINE"] = "django.db.backends.sqlite3"',
        'CACHES = {}',
        'CACHES.update({"default": 1})',
        'CACHES.setdefault("other", 2)',
        'A, (B, C) = 1, (2, 3)',
        'X = Y = "same"',
        'del X',
        'N = 5',
        'N += 1',
      ].join('\n'),
    });
    expect(show(s.get('MIDDLEWARE'))).toBe("['z', 'b', 'c', 'd']");
    expect(s.assignedAt.get('MIDDLEWARE')?.line).toBe(6);
    expect(show(s.get('DATABASES'))).toBe("{'default': {'ENGINE': 'django.db.backends.sqlite3'}}");
    expect(s.assignedAt.get('DATABASES')?.line).toBe(8);
    expect(show(s.get('CACHES'))).toBe("{'default': 1, 'other': 2}");
    expect([show(s.get('A')), show(s.get('B')), show(s.get('C'))]).toEqual(['1', '2', '3']);
    expect(s.has('X')).toBe(false);
    expect(show(s.get('Y'))).toBe("'same'");
    expect(show(s.get('N'))).toBe('6');
  });

  it('evaluates literals, f-strings, formatting and string methods', () => {
    const s = evaluate({
      'settings.py': [
        'HOST = "example.com"',
        'MIDDLE = ["a", "b"]',
        'A = f"https://{HOST}:{8000:>6}/{HOST!r}"',
        "B = 'a' \"b\" r'\\d' '\\x41'",
        'C = 0x1_0 + 1_000',
        'D = "%s-%d" % ("x", 3)',
        'E = "{}/{name}".format(1, name="n")',
        'F = " A,B ".strip().lower().split(",")',
        'G = "-".join(["a", "b"]) if HOST.startswith("ex") else None',
        'H = "x" in ["x"] and not False',
        'I = 0 or "fallback"',
        'J = {**{"a": 1}, "b": 2}',
        'K = int("42") + len([1, 2])',
        'L = b"bytes"',
        'M = str(1.5) + str(True)',
        'N = bool("") or tuple([1])',
        'O = [x * 2 for x in range(3) if x != 1]',
        'P = {k: v for k, v in {"a": 1}.items()}',
        'Q = [m for m in MIDDLE if m != "b"]',
        'R = [x for x in unknown_thing]',
        'S = any(m.startswith("a") for m in MIDDLE)',
        'from datetime import timedelta',
        'T = int(timedelta(days=1, hours=1).total_seconds())',
      ].join('\n'),
    });
    expect(show(s.get('A'))).toBe("'https://example.com:  8000/\\'example.com\\''");
    expect(show(s.get('B'))).toBe("'ab\\\\dA'");
    expect(show(s.get('C'))).toBe('1016');
    expect(show(s.get('D'))).toBe("'x-3'");
    expect(show(s.get('E'))).toBe("'1/n'");
    expect(show(s.get('F'))).toBe("['a', 'b']");
    expect(show(s.get('G'))).toBe("'a-b'");
    expect(show(s.get('H'))).toBe('True');
    expect(show(s.get('I'))).toBe("'fallback'");
    expect(show(s.get('J'))).toBe("{'a': 1, 'b': 2}");
    expect(show(s.get('K'))).toBe('44');
    expect(s.get('L')).toMatchObject({ kind: 'bytes', value: 'bytes' });
    expect(show(s.get('M'))).toBe("'1.5True'");
    expect(show(s.get('N'))).toBe('(1,)');
    expect(show(s.get('O'))).toBe('[0, 4]');
    expect(show(s.get('P'))).toBe("{'a': 1}");
    expect(show(s.get('Q'))).toBe("['a']");
    expect(s.get('R').kind).toBe('unknown');
    expect(show(s.get('S'))).toBe('True');
    expect(show(s.get('T'))).toBe('90000');
    expect(s.get('A').loc).toMatchObject({ file: 'settings.py', line: 3, column: 5 });
  });

  it('keeps the reason of an unknown value', () => {
    const s = evaluate({ 'settings.py': 'from somewhere import helper\nA = helper()\nB = undefined_name + "x"\n' });
    expect((s.get('A') as { reason: string }).reason).toContain('somewhere.helper() is not evaluated');
    expect((s.get('B') as { reason: string }).reason).toContain('undefined_name is not defined');
  });

  it('does path arithmetic from __file__', () => {
    const s = evaluate(
      {
        'mysite/__init__.py': '',
        'mysite/settings.py': [
          'import os',
          'from pathlib import Path',
          'BASE_DIR = Path(__file__).resolve().parent.parent',
          'STATIC_ROOT = BASE_DIR / "static"',
          'MEDIA_ROOT = os.path.join(BASE_DIR, "media")',
          'OLD = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))',
          'UP = Path(__file__).parents[1]',
          'DB = str(BASE_DIR / "db.sqlite3")',
        ].join('\n'),
      },
      {},
      { module: 'mysite.settings' },
    );
    expect(show(s.get('BASE_DIR'))).toBe("Path('/app')");
    expect(show(s.get('STATIC_ROOT'))).toBe("Path('/app/static')");
    expect(show(s.get('MEDIA_ROOT'))).toBe("'/app/media'");
    expect(show(s.get('OLD'))).toBe("'/app'");
    expect(show(s.get('UP'))).toBe("Path('/app')");
    expect(show(s.get('DB'))).toBe("'/app/db.sqlite3'");
  });

  it('merges over the version defaults', () => {
    const s = evaluate({ 'settings.py': 'DEBUG = True\n' }, {}, { djangoVersion: '3.2' });
    expect(show(s.get('X_FRAME_OPTIONS'))).toBe("'DENY'");
    expect(s.get('SECURE_BROWSER_XSS_FILTER').kind).toBe('bool');
    expect(s.get('STORAGES').kind).toBe('unknown');
    expect(s.has('X_FRAME_OPTIONS')).toBe(false);
  });
});

describe('django-configurations', () => {
  const files = {
    'settings.py': [
      'from configurations import Configuration, values',
      'class Base(Configuration):',
      '    DEBUG = values.BooleanValue(True)',
      '    SECRET_KEY = values.SecretValue()',
      '    ALLOWED_HOSTS = values.ListValue(["a"])',
      '    DATABASES = values.DatabaseURLValue("sqlite:///db.sqlite3")',
      '    TIME_ZONE = "UTC"',
      'class Prod(Base):',
      '    DEBUG = values.BooleanValue(False, environ_prefix="MY")',
      '    HSTS = values.IntegerValue(0, environ_name="HSTS_SECONDS")',
    ].join('\n'),
  };

  it('selects the class, inherits, reads DJANGO_-prefixed variables', () => {
    const s = evaluate(files, { DJANGO_SECRET_KEY: 'k', DJANGO_ALLOWED_HOSTS: ' a.com , b.com,', DJANGO_HSTS_SECONDS: '60' }, { configurationClass: 'Prod' });
    expect(s.configurationClass).toBe('Prod');
    expect(show(s.get('DEBUG'))).toBe('False');
    expect(s.get('DEBUG').env?.[0]).toMatchObject({ name: 'MY_DEBUG', set: false });
    expect(show(s.get('SECRET_KEY'))).toBe("'k'");
    expect(show(s.get('ALLOWED_HOSTS'))).toBe("['a.com', 'b.com']");
    expect(show(s.get('HSTS'))).toBe('60');
    expect(show(s.get('TIME_ZONE'))).toBe("'UTC'");
    expect((s.get('DATABASES') as { kind: 'dict' }).kind).toBe('dict');
    expect(show(s.get('DATABASES'))).toContain("'ENGINE': 'django.db.backends.sqlite3'");
  });

  it('makes a strict BooleanValue string raise, and takes a missing SecretValue as provided by the platform', () => {
    const s = evaluate(files, { DJANGO_DEBUG: 'on' }, { configurationClass: 'Base' });
    expect(s.get('DEBUG').kind).toBe('unknown');
    expect(s.get('SECRET_KEY').kind).toBe('unknown');
    expect(s.get('SECRET_KEY').env).toEqual([expect.objectContaining({ name: 'DJANGO_SECRET_KEY', set: true })]);
    expect(s.problems.filter((p) => p.kind === 'raises')).toHaveLength(1);
  });
});

describe('more module layouts', () => {
  it('resolves modules under a python root and a settings package whose __init__ star-imports', () => {
    const s = evaluate(
      {
        'src/mysite/__init__.py': '',
        'src/mysite/settings/__init__.py': 'from .production import *\n',
        'src/mysite/settings/base.py': 'A = 1\n',
        'src/mysite/settings/production.py': 'from mysite.settings.base import *\nfrom . import extra\nB = extra.C\n',
        'src/mysite/settings/extra.py': 'C = 3\n',
      },
      {},
      { root: 'src', module: 'mysite.settings' },
    );
    expect(s.problems).toEqual([]);
    expect(s.file).toBe('src/mysite/settings/__init__.py');
    expect(pyRepr(s.get('A'))).toBe('1');
    expect(pyRepr(s.get('B'))).toBe('3');
  });

  it('reports where an import cycle closes', () => {
    const s = evaluate({ 'a.py': 'import settings\nA = 1\n', 'settings.py': 'import a\nB = 2\n' });
    expect(s.problems).toEqual([expect.objectContaining({ kind: 'import-cycle', location: expect.objectContaining({ file: 'a.py', line: 1 }) })]);
  });

  it('runs try/else/finally and annotated assignments', () => {
    const s = evaluate({ 'settings.py': 'try:\n    A: int = 1\nexcept ImportError:\n    A = 2\nelse:\n    B = 3\nfinally:\n    C = 4\n' });
    expect([pyRepr(s.get('A')), pyRepr(s.get('B')), pyRepr(s.get('C'))]).toEqual(['1', '3', '4']);
  });

  it('an uncaught exception inside try propagates to the handler that matches', () => {
    const s = evaluate({ 'settings.py': 'import os\ntry:\n    try:\n        A = os.environ["X"]\n    except ValueError:\n        A = "wrong"\nexcept LookupError:\n    A = "outer"\n' });
    expect(pyRepr(s.get('A'))).toBe("'outer'");
  });
});

describe('errors Python raises on values it has', () => {
  it('an attribute of None (an unset variable read with .get) raises AttributeError', () => {
    const code = 'import os\nALLOWED_HOSTS = os.environ.get("HOSTS").split(" ")\nOTHER = 1\n';
    const unset = evaluate({ 'settings.py': code });
    expect(unset.get('ALLOWED_HOSTS').kind).toBe('unknown');
    expect(unset.problems).toEqual([expect.objectContaining({ kind: 'raises', message: expect.stringContaining("'NoneType' object has no attribute 'split'"), location: expect.objectContaining({ line: 2 }) })]);
    expect(show(unset.get('OTHER'))).toBe('1');
    const set = evaluate({ 'settings.py': code }, { HOSTS: 'a.example b.example' });
    expect(show(set.get('ALLOWED_HOSTS'))).toBe("['a.example', 'b.example']");
    expect(set.problems).toEqual([]);
  });

  it('str.join of items that are not known says why', () => {
    const s = evaluate({ 'settings.py': 'import random\nSECRET_KEY = "".join([random.choice("ab") for i in range(3)])\n' });
    expect(s.get('SECRET_KEY')).toMatchObject({ kind: 'unknown', reason: expect.not.stringContaining('attribute join') });
  });

  it('keeps reading the environment after a raise whose condition read it (a read does not change os or env)', () => {
    const guard = "import os\nimport environ\nfrom django.core.exceptions import ImproperlyConfigured\nenv = environ.Env()\n";
    const byOs = evaluate({ 'settings.py': `${guard}if not os.environ.get('SECRET_KEY'):\n    raise ImproperlyConfigured('x')\nDEBUG = os.environ.get('DEBUG') == '1'\n` }, { DEBUG: '1' });
    expect(byOs.problems.map((problem) => problem.message)).toEqual(["raise ImproperlyConfigured('x')"]);
    expect(show(byOs.get('DEBUG'))).toBe('True');
    const byEnv = evaluate({ 'settings.py': `${guard}if not env.str('SECRET_KEY', default=''):\n    raise ImproperlyConfigured('x')\nDEBUG = env.bool('DEBUG', default=False)\n` }, { DEBUG: 'on' });
    expect(show(byEnv.get('DEBUG'))).toBe('True');
  });


  it('keeps os readable after a helper that calls os.environ.setdefault is not followed', () => {
    const source = [
      'import os',
      'import vendorlib',
      'def defaults(*names):',
      "    os.environ.setdefault('DJANGO_DEBUG', 'False')",
      'defaults(*vendorlib.names())',
      "DEBUG = os.environ.get('DJANGO_DEBUG', 'True') == 'True'",
      '',
    ].join('\n');
    // The call is not followed (its arguments are unknown), so its setdefault is not seen; os stays what it was.
    expect(evaluate({ 'settings.py': source }).get('DEBUG')).toMatchObject({ kind: 'bool', value: true });
  });
});

