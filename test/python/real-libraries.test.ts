import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import type { PyValue } from '../../src/python/value.js';
import { evaluate } from './helpers.js';

/**
 * Compares the evaluator's casting rules with the real libraries in /usr/bin/python3 (Debian's
 * django-environ 0.4.4, python-decouple 3.6, dj-database-url 0.5.0). Cases where those older
 * releases differ from the versions research §4 documents (0.11 strips before the bool lookup;
 * dj-database-url 0.5 names the postgres engine postgresql_psycopg2) are left out of the tables.
 */

const PYTHON = '/usr/bin/python3';
const required = process.env.DEPLOYCHECK_REQUIRE_INTEGRATION === '1';

function hasModules(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import environ, decouple, dj_database_url'], { encoding: 'utf8' });
  return probe.status === 0;
}
const available = hasModules();
if (!available && required) throw new Error(`${PYTHON} lacks django-environ, python-decouple or dj-database-url and DEPLOYCHECK_REQUIRE_INTEGRATION=1`);

const SCRIPT = String.raw`
import json, sys, os
import environ, decouple, dj_database_url
cases = json.loads(sys.argv[1])
out = []
for kind, raw in cases:
    try:
        if kind == 'environ.bool':
            out.append(environ.Env.parse_value(raw, bool))
        elif kind == 'environ.list':
            out.append(environ.Env.parse_value(raw, list))
        elif kind == 'environ.int':
            out.append(environ.Env.parse_value(raw, int))
        elif kind == 'decouple.bool':
            os.environ['X'] = raw
            out.append(decouple.Config(decouple.RepositoryEnv('/dev/null')).get('X', cast=bool))
        elif kind == 'decouple.csv':
            out.append(decouple.Csv()(raw))
        elif kind == 'dj.parse':
            d = dj_database_url.parse(raw)
            out.append(dict({k: d.get(k) for k in ('NAME', 'USER', 'PASSWORD', 'HOST', 'PORT')}, OPTIONS=d.get('OPTIONS') or {}))
    except Exception as e:
        out.append({'error': type(e).__name__})
print(json.dumps(out))
`;

function toJson(value: PyValue): unknown {
  switch (value.kind) {
    case 'str':
    case 'int':
    case 'float':
    case 'bool':
      return value.value;
    case 'none':
      return null;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.map(toJson);
    case 'dict':
      return Object.fromEntries(value.entries.map((e) => [(e.key as { value: string }).value, toJson(e.value)]));
    default:
      return { error: 'ValueError' };
  }
}

const CODE: Record<string, string> = {
  'environ.bool': 'import environ\nX = environ.Env().bool("V")\n',
  'environ.list': 'import environ\nX = environ.Env().list("V")\n',
  'environ.int': 'import environ\nX = environ.Env().int("V")\n',
  'decouple.bool': 'from decouple import config\nX = config("V", cast=bool)\n',
  'decouple.csv': 'from decouple import config, Csv\nX = config("V", cast=Csv())\n',
};

function ours(kind: string, raw: string): unknown {
  if (kind === 'dj.parse') {
    const s = evaluate({ 'settings.py': 'import dj_database_url, os\nX = dj_database_url.parse(os.environ["V"])\n' }, { V: raw });
    const all = toJson(s.get('X')) as Record<string, unknown>;
    return { NAME: all.NAME, USER: all.USER, PASSWORD: all.PASSWORD, HOST: all.HOST, PORT: all.PORT, OPTIONS: all.OPTIONS ?? {} };
  }
  return toJson(evaluate({ 'settings.py': CODE[kind]! }, { V: raw }).get('X'));
}

const CASES: [string, string][] = [
  ...['true', 'True', 'yes', 'y', 'on', 'ok', '1', '2', '-1', '0', 't', 'false', 'off', '', 'nonsense', ' 1 '].map((v): [string, string] => ['environ.bool', v]),
  ...['a,b', 'a.com, b.com', ',a,,b,', ''].map((v): [string, string] => ['environ.list', v]),
  ...['42', ' 7 ', '1_000', 'x'].map((v): [string, string] => ['environ.int', v]),
  ...['true', 'True', 't', 'y', 'yes', 'on', '1', 'false', 'f', 'n', 'no', 'off', '0', '', ' true ', '2', 'nope'].map((v): [string, string] => ['decouple.bool', v]),
  ...['a, b', ' a.com , "b,c" ,', "x,'y z'", 'a,#b,c', ''].map((v): [string, string] => ['decouple.csv', v]),
  ...['postgres://u:p%40ss@db.example.com:5432/app?sslmode=require', 'mysql://root@localhost/shop', 'sqlite:///db.sqlite3', 'sqlite:////var/db.sqlite3', 'postgres://u@[::1]:5433/x'].map(
    (v): [string, string] => ['dj.parse', v],
  ),
];

beforeAll(() => initPythonParser());

describe('casting rules match the real libraries', () => {
  const skipNote = available ? '' : ' (skipped: /usr/bin/python3 lacks django-environ, python-decouple or dj-database-url)';
  it.skipIf(!available)(`agrees on every case in the table${skipNote}`, () => {
    const real = JSON.parse(execFileSync(PYTHON, ['-c', SCRIPT, JSON.stringify(CASES)], { encoding: 'utf8' })) as unknown[];
    const mismatches = CASES.flatMap(([kind, raw], i) => {
      const mine = ours(kind, raw);
      return JSON.stringify(mine) === JSON.stringify(real[i]) ? [] : [{ kind, raw, ours: mine, real: real[i] }];
    });
    expect(JSON.stringify(mismatches)).toBe("[]");
  });
});
