/**
 * One string-literal decoder, one relative-import resolver and one timedelta: the settings evaluator
 * and the readers that work on syntax alone (storage classes, command passwords, rules) must agree.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { parseModule } from '../../src/python/syntax.js';
import { decodeEscapes, plainStringValue } from '../../src/python/strings.js';
import { importFromModule, resolveRelativeModule } from '../../src/python/relative-imports.js';
import { durationSeconds, timedeltaOf } from '../../src/python/timedelta.js';
import { resolveStorage } from '../../src/django/storage.js';
import { discoverProjects } from '../../src/project/discover.js';
import { workspaceOf } from '../helpers/workspace.js';
import { evaluate } from './helpers.js';

beforeAll(async () => {
  await initPythonParser();
});

/** The right-hand side of `X = <source>`. */
function literalNode(source: string) {
  const statement = parseModule(`X = ${source}\n`).namedChildren[0]!;
  return statement.namedChildren[0]!.childForFieldName('right')!;
}

/** Python source of a literal → the str Python gives, or undefined when the value is not a known str. */
const CASES: [string, string | undefined][] = [
  ["'\\x41'", 'A'],
  ["'\\101'", 'A'],
  ["'\\u0041\\U00000042'", 'AB'],
  ["'a\\tb\\\\n'", 'a\tb\\n'],
  ["r'\\x41'", '\\x41'],
  ["'a' r'\\n' 'c'", 'a\\nc'],
  ["'\\N{LATIN CAPITAL LETTER A}'", undefined],
  ["b'\\x41'", undefined],
  ["f'{X}'", undefined],
];

describe('string literals', () => {
  it.each(CASES)('%s reads the same in the evaluator and in plainStringValue', (source, expected) => {
    expect(plainStringValue(literalNode(source))).toBe(expected);
    const value = evaluate({ 'settings.py': `X = ${source}\n` }).get('X');
    if (expected === undefined) expect(value?.kind).not.toBe('str');
    else expect(value).toMatchObject({ kind: 'str', value: expected });
  });

  it('keeps \\N and \\u as text in bytes, like Python', () => {
    expect(decodeEscapes('\\N{DASH}\\u0041\\x41', true)).toBe('\\N{DASH}\\u0041A');
    expect(decodeEscapes('\\N{DASH}')).toBeUndefined();
    expect(evaluate({ 'settings.py': "X = b'\\x41\\N{DASH}'\n" }).get('X')).toMatchObject({ kind: 'bytes', value: 'A\\N{DASH}' });
  });

  it('a storage class attribute decodes escapes like the settings', () => {
    const workspace = workspaceOf({
      'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
      'requirements.txt': 'Django==5.2.8\n',
      'mysite/__init__.py': '',
      'mysite/settings.py': "STORAGES = {'default': {'BACKEND': 'mysite.storage.Media'}}\n",
      'mysite/storage.py': "from storages.backends.s3 import S3Storage\n\nclass Media(S3Storage):\n    location = 'media\\x2dfiles'\n    bucket_name = '\\N{BLACK STAR}'\n",
    });
    const media = resolveStorage(discoverProjects(workspace)[0]!, workspace, 'default');
    expect(media?.option('location')?.value).toMatchObject({ kind: 'str', value: 'media-files' });
    expect(media?.option('bucket_name')?.value.kind).toBe('unknown');
  });
});

describe('relative imports', () => {
  it('resolves like importlib and refuses to climb beyond the top package', () => {
    expect(resolveRelativeModule('a.b', 1, 'c')).toBe('a.b.c');
    expect(resolveRelativeModule('a.b', 2, 'c')).toBe('a.c');
    expect(resolveRelativeModule('a.b', 2)).toBe('a');
    expect(resolveRelativeModule('a.b', 3, 'c')).toBeUndefined();
    expect(resolveRelativeModule('', 1, 'c')).toBeUndefined();
    expect(resolveRelativeModule(undefined, 0, 'c')).toBe('c');
  });

  it('reads the module of a from-import statement', () => {
    const moduleOf = (source: string) => importFromModule(parseModule(source).namedChildren[0]!.childForFieldName('module_name')!, 'pkg.sub');
    expect(moduleOf('from ..base import X\n')).toBe('pkg.base');
    expect(moduleOf('from . import X\n')).toBe('pkg.sub');
    expect(moduleOf('from os . path import X\n')).toBe('os.path');
    expect(moduleOf('from ... import X\n')).toBeUndefined();
  });

  it('the evaluator reports a relative import beyond the top package', () => {
    const s = evaluate({ 'pkg/__init__.py': '', 'base.py': 'A = 1\n', 'pkg/settings.py': 'from ..base import *\nX = 1\n' }, {}, { module: 'pkg.settings' });
    expect(s.problems.map((p) => p.kind)).toContain('unresolved-import');
    expect(s.has('A')).toBe(false);
  });
});

describe('timedelta', () => {
  it('positional and keyword units add up; an unknown unit or value is unknown', () => {
    const n = (value: number) => ({ kind: 'int' as const, value });
    expect(durationSeconds(timedeltaOf([n(1), n(30)], [['hours', n(2)]], {}))).toBe(86400 + 30 + 7200);
    expect(durationSeconds(timedeltaOf([], [['fortnights', n(1)]], {}))).toBeUndefined();
    expect(durationSeconds(timedeltaOf([n(0), n(0), n(0), n(0), n(0), n(0), n(0), n(1)], [], {}))).toBeUndefined();
  });

  it('the evaluator builds the same value', () => {
    const s = evaluate({ 'settings.py': 'from datetime import timedelta\nA = timedelta(weeks=1, minutes=1)\nB = timedelta(fortnights=1)\n' });
    expect(durationSeconds(s.get('A')!)).toBe(604800 + 60);
    expect(s.get('B')?.kind).toBe('unknown');
  });
});
