import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { runCheck } from '../../src/frameworks.js';
import { pyRepr } from '../../src/python/value.js';
import type { PyValue } from '../../src/python/value.js';
import { settingIncludes } from '../../src/django/setting-helpers.js';
import { makeProject, settingsFiles } from '../helpers/project.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const show = (v: PyValue) => pyRepr(v);
const one = (code: string) => evaluate({ 'settings.py': code });
const certain = (v: PyValue) => (v.kind === 'unknown' ? (v.certainItems ?? []).map(show) : undefined);

// A development-only package added when it can be imported.
const TOOLBAR = `INSTALLED_APPS = ["django.contrib.staticfiles"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]
try:
    import debug_toolbar  # noqa
    INSTALLED_APPS += ["debug_toolbar"]
    MIDDLEWARE.insert(0, "debug_toolbar.middleware.DebugToolbarMiddleware")
except ImportError:
    pass
`;

describe('a library imported inside try/except ImportError', () => {
  it('may be missing in production: its additions are possible, not certain', () => {
    const s = one(TOOLBAR);
    for (const name of ['INSTALLED_APPS', 'MIDDLEWARE']) {
      expect(s.get(name)).toMatchObject({ kind: 'unknown', reason: 'depends on whether debug_toolbar is installed' });
    }
    expect(settingIncludes(s, 'INSTALLED_APPS', 'debug_toolbar')).toBeUndefined();
    expect(settingIncludes(s, 'INSTALLED_APPS', 'django.contrib.staticfiles')).toBe(true);
    expect(settingIncludes(s, 'MIDDLEWARE', 'django.middleware.security.SecurityMiddleware')).toBe(true);
    expect(s.problems).toEqual([]);
  });

  it('joins the else clause (installed) with the handler (missing)', () => {
    const s = one('APPS = ["a"]\ntry:\n    import silk\nexcept ImportError:\n    PROFILER = None\nelse:\n    PROFILER = "silk"\n    APPS.append("silk")\nDONE = True\n');
    expect(s.get('PROFILER')).toMatchObject({ kind: 'unknown', reason: 'depends on whether silk is installed' });
    expect(certain(s.get('APPS'))).toEqual(["'a'"]);
    expect(show(s.get('DONE'))).toBe('True');
  });

  it('gives one path per import that can fail, and a handler that raises drops its path', () => {
    const s = one('A = ["a"]\ntry:\n    from one.sub import x\n    A.append("one")\n    import two\n    A.append("two")\nexcept ImportError:\n    A.append("handler")\n');
    // Paths: both installed [a, one, two]; `one` missing [a, handler]; `two` missing [a, one, handler].
    expect(s.get('A')).toMatchObject({ kind: 'unknown', reason: 'depends on whether one, two are installed' });
    expect(certain(s.get('A'))).toEqual(["'a'"]);
    const strict = one('try:\n    import sentry_sdk\n    SENTRY = True\nexcept ImportError:\n    raise RuntimeError("install sentry")\n');
    expect(show(strict.get('SENTRY'))).toBe('True');
  });

  it('does not fork for the standard library, Django, or a library imported unconditionally before', () => {
    const s = one('import whitenoise\ntry:\n    import json\n    from django.conf import global_settings\n    import whitenoise.storage\n    X = 1\nexcept ImportError:\n    X = 2\n');
    expect(show(s.get('X'))).toBe('1');
  });

  it('keeps project modules as they were: present runs, gitignored is absent', () => {
    const code = 'DEBUG = False\ntry:\n    from local_settings import DEBUG\nexcept ImportError:\n    LOCAL = False\n';
    const present = evaluate({ 'settings.py': code, 'local_settings.py': 'DEBUG = True\n' });
    expect(show(present.get('DEBUG'))).toBe('True');
    expect(present.has('LOCAL')).toBe(false);
    const ignored = evaluate({ 'settings.py': code, 'local_settings.py': 'DEBUG = True\n' }, {}, { ignored: ['local_settings.py'] });
    expect(show(ignored.get('DEBUG'))).toBe('False');
    expect(show(ignored.get('LOCAL'))).toBe('False');
  });

  it('an import in a nested try that catches ImportError belongs to that try; finally runs once after the join', () => {
    const s = one('A = ["a"]\ntry:\n    try:\n        import silk\n        A.append("silk")\n    except ImportError:\n        pass\n    B = 1\nexcept ImportError:\n    B = 2\nfinally:\n    A.append("z")\n');
    expect(show(s.get('B'))).toBe('1');
    expect(certain(s.get('A'))).toEqual(["'a'", "'z'"]);
  });

  it('a try body with more optional imports than it forks for leaves its names unknown', () => {
    const s = one('X = 0\ntry:\n    import a1, a2, a3, a4, a5\n    X = 1\nexcept ImportError:\n    X = 2\n');
    expect(s.get('X')).toMatchObject({ kind: 'unknown', reason: expect.stringContaining('a1, a2, a3, a4, a5 are installed') });
  });
});

describe('what the rules see of an optional development tool', () => {
  it('dev-tools-installed reports nothing certain; setting-unknown says why INSTALLED_APPS was skipped', async () => {
    const root = makeProject(settingsFiles(TOOLBAR));
    const result = await runCheck({ root, only: ['django/dev-tools-installed', 'django/setting-unknown'] });
    expect(result.errors).toEqual([]);
    expect(result.findings.filter((f) => f.rule === 'django/dev-tools-installed')).toEqual([]);
    const unknown = result.findings.filter((f) => f.rule === 'django/setting-unknown').map((f) => f.message);
    expect(unknown).toEqual([
      expect.stringMatching(/^INSTALLED_APPS could not be evaluated \(depends on whether debug_toolbar is installed\)/),
      expect.stringMatching(/^MIDDLEWARE could not be evaluated \(depends on whether debug_toolbar is installed\)/),
    ]);
  });

  it('dev-tools-installed still reports a tool the list certainly holds', async () => {
    const root = makeProject(settingsFiles(TOOLBAR.replace('["django.contrib.staticfiles"]', '["django.contrib.staticfiles", "silk"]')));
    const result = await runCheck({ root, only: ['django/dev-tools-installed'] });
    expect(result.findings.map((f) => [f.rule, f.location])).toEqual([
      ['django/dev-tools-installed', expect.objectContaining({ file: 'mysite/settings.py', line: 1 })],
    ]);
    expect(result.findings[0]!.message).toContain('silk is in INSTALLED_APPS');
  });
});

