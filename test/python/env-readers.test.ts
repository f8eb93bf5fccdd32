import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser } from '../../src/python/parser.js';
import { confidenceOf, pyRepr } from '../../src/python/value.js';
import type { PyValue } from '../../src/python/value.js';
import { REQUIRED_SOURCE } from '../../src/python/evaluator.js';
import { evaluate } from './helpers.js';

beforeAll(() => initPythonParser());

const show = (v: PyValue) => pyRepr(v);
const one = (code: string, vars: Record<string, string | undefined> = {}, extra = {}) => evaluate({ 'settings.py': code }, vars, extra);
const value = (code: string, vars: Record<string, string | undefined> = {}) => show(one(code, vars).get('X'));

/** X in `code` reads `name` with no default: the platform provides it (set), nothing is reported; returns X. */
function expectRequired(code: string, name: string): ReturnType<ReturnType<typeof one>['get']> {
  const s = one(code);
  expect(s.get('X').env).toEqual([expect.objectContaining({ name, set: true, sourceLabel: REQUIRED_SOURCE })]);
  expect(s.problems).toEqual([]);
  return s.get('X');
}

describe('os.environ', () => {
  it('reads a set variable with its provenance', () => {
    const s = one('import os\nX = os.environ["DEBUG"]\n', { DEBUG: 'True' });
    expect(show(s.get('X'))).toBe("'True'");
    expect(s.get('X').env).toEqual([
      { name: 'DEBUG', reader: 'os.environ[]', set: true, source: { file: '.env.production', line: 1, column: 1 }, sourceLabel: '.env.production:1' },
    ]);
    expect(confidenceOf(s.get('X'))).toBe('certain');
  });

  it('os.environ[X] unset is required: the platform provides it (set, value unknown), nothing is reported', () => {
    const s = one('import os\nX = os.environ["DEBUG"]\n');
    expect(s.get('X')).toMatchObject({ kind: 'unknown', loc: expect.objectContaining({ line: 2, column: 5 }) });
    expect((s.get('X') as { reason: string }).reason).toContain('DEBUG is required by the code and not set in the repository');
    expect(s.get('X').env).toEqual([expect.objectContaining({ name: 'DEBUG', reader: 'os.environ[]', set: true, sourceLabel: REQUIRED_SOURCE })]);
    expect(confidenceOf(s.get('X'))).toBe('certain');
    expect(s.problems).toEqual([]);
  });

  it('a required read inside an undecidable branch joins as unknown instead of dropping the branch', () => {
    const s = one('import os\nif os.environ["MODE"] == "dev":\n    X = "dev-key"\nelse:\n    X = os.environ["KEY"]\n');
    expect(s.get('X').kind).toBe('unknown');
    expect(s.problems).toEqual([]);
  });

  it('try/except KeyError catches the missing variable', () => {
    expect(value('import os\ntry:\n    X = os.environ["K"]\nexcept KeyError:\n    X = "fallback"\n')).toBe("'fallback'");
  });

  it('get/getenv keep the default type and mark the read unset', () => {
    const s = one('import os\nX = os.getenv("DEBUG", False)\nY = os.environ.get("DEBUG", "False") == "True"\nZ = bool(os.environ.get("DEBUG"))\n');
    expect(show(s.get('X'))).toBe('False');
    expect(s.get('X').env?.[0]).toMatchObject({ name: 'DEBUG', set: false, defaultText: 'False', reader: 'os.getenv' });
    expect(confidenceOf(s.get('X'))).toBe('default');
    expect(show(s.get('Y'))).toBe('False');
    expect(confidenceOf(s.get('Y'))).toBe('default');
    expect(show(s.get('Z'))).toBe('False');
    expect(value('import os\nX = bool(os.getenv("DEBUG"))\n', { DEBUG: 'False' })).toBe('True');
  });

  it('a platform-provided variable is unknown but keeps the dependency', () => {
    const s = one('import os\nX = os.environ.get("DATABASE_URL")\n', { DATABASE_URL: undefined });
    expect(s.get('X').kind).toBe('unknown');
    expect((s.get('X') as { reason: string }).reason).toContain('DATABASE_URL');
    expect(s.get('X').env?.[0]).toMatchObject({ name: 'DATABASE_URL', set: true });
  });

  it('setdefault affects later reads; "in os.environ" is decided', () => {
    expect(value('import os\nos.environ.setdefault("MODE", "prod")\nX = os.environ["MODE"]\n')).toBe("'prod'");
    expect(value('import os\nos.environ.setdefault("MODE", "prod")\nX = os.environ["MODE"]\n', { MODE: 'dev' })).toBe("'dev'");
    expect(value('import os\nX = "HOME" in os.environ\n', { HOME: '/' })).toBe('True');
    expect(value('import os\nX = "HOME" not in os.environ\n', { HOME: '/' })).toBe('False');
  });
});

describe('django-environ', () => {
  const bools: [string, string][] = [
    ['true', 'True'], [' TRUE ', 'True'], ['2', 'True'], ['yes', 'True'], ['on', 'True'], ['ok', 'True'],
    ['t', 'False'], ['0', 'False'], ['False', 'False'], ['off', 'False'], ['', 'False'], ['nonsense', 'False'],
  ];
  it.each(bools)('env.bool(%j) is %s', (raw, expected) => {
    expect(value('import environ\nenv = environ.Env()\nX = env.bool("D")\n', { D: raw })).toBe(expected);
  });

  it('returns a default raw, applies the scheme and smart cast', () => {
    expect(value('import environ\nenv = environ.Env()\nX = env.bool("D", default="true")\n')).toBe("'true'");
    expect(value('import environ\nenv = environ.Env(D=(bool, False))\nX = env("D")\n', { D: '1' })).toBe('True');
    const s = one('import environ\nenv = environ.Env(D=(bool, True))\nX = env("D")\n');
    expect(show(s.get('X'))).toBe('True');
    expect(s.get('X').env?.[0]).toMatchObject({ name: 'D', set: false, defaultText: 'True', cast: 'bool' });
    expect(confidenceOf(s.get('X'))).toBe('default');
    expect(value('import environ\nenv = environ.Env()\nX = env("N", default=1)\n', { N: '5' })).toBe('5');
    expect(value('import environ\nenv = environ.Env()\nX = env("N", default=None)\n', { N: '' })).toBe('None');
  });

  it('is required without a default: provided by the platform, and raises ImproperlyConfigured inside a try', () => {
    expect(expectRequired('import environ\nenv = environ.Env()\nX = env("SECRET_KEY")\n', 'SECRET_KEY').kind).toBe('unknown');
    expect(value('from django.core.exceptions import ImproperlyConfigured\nimport environ\nenv = environ.Env()\ntry:\n    X = env("SECRET_KEY")\nexcept ImproperlyConfigured:\n    X = "fallback"\n')).toBe("'fallback'");
  });

  it('list does not strip, proxies $OTHER and honours prefix', () => {
    expect(value('import environ\nenv = environ.Env()\nX = env.list("H")\n', { H: 'a.com, b.com,' })).toBe("['a.com', ' b.com']");
    expect(value('import environ\nenv = environ.Env()\nX = env("A")\n', { A: '$B', B: 'real' })).toBe("'real'");
    expect(value('import environ\nenv = environ.Env()\nenv.prefix = "APP_"\nX = env.int("N")\n', { APP_N: '7' })).toBe('7');
    expect(value('import environ\nenv = environ.Env()\nX = env.float("F")\n', { F: '1,5' })).toBe('1.5');
    expect(value('import environ\nenv = environ.Env()\nX = env.dict("F")\n', { F: 'a=1,b=2' })).toBe("{'a': '1', 'b': '2'}");
    expect(value('import environ\nenv = environ.Env()\nX = env.tuple("T")\n', { T: '(a,b)' })).toBe("('a', 'b')");
    expect(value('import environ\nenv = environ.Env()\nX = env.json("J")\n', { J: '{"a": [1, true]}' })).toBe("{'a': [1, True]}");
  });

  it('db, cache and email URLs', () => {
    const db = one('import environ\nenv = environ.Env()\nX = env.db()\n', { DATABASE_URL: 'postgres://u:p%40ss@db.example.com:5432/app?CONN_MAX_AGE=60&sslmode=require' }).get('X');
    expect(show(db)).toBe("{'NAME': 'app', 'USER': 'u', 'PASSWORD': 'p@ss', 'HOST': 'db.example.com', 'PORT': 5432, 'ENGINE': 'django.db.backends.postgresql', 'CONN_MAX_AGE': 60, 'OPTIONS': {'sslmode': 'require'}}");
    expect(show(one('import environ\nenv = environ.Env()\nX = env.db("DATABASE_URL", default="sqlite:///db.sqlite3")\n').get('X'))).toContain("'ENGINE': 'django.db.backends.sqlite3'");
    expect(show(one('import environ\nenv = environ.Env()\nX = env.cache()\n', { CACHE_URL: 'redis://cache:6379/1' }).get('X'))).toContain("'LOCATION': 'redis://cache:6379/1'");
    expect(show(one('import environ\nenv = environ.Env()\nX = env.email_url()\n', { EMAIL_URL: 'consolemail://' }).get('X'))).toContain("'EMAIL_BACKEND': 'django.core.mail.backends.console.EmailBackend'");
    const s = one('import environ\nenv = environ.Env()\nvars().update(env.email_url(default="smtp://localhost:25"))\n');
    expect(show(s.get('EMAIL_BACKEND'))).toBe("'django.core.mail.backends.smtp.EmailBackend'");
  });

  it('an unset variable gives the default raw, never cast (even an opaque object)', () => {
    const code = 'import environ, logging\nenv = environ.Env()\nX = env.int("LEVEL", logging.INFO)\nY = env.int("HSTS", default="0")\n';
    const s = one(code);
    expect(show(s.get('X'))).toBe('<ext:logging.INFO>');
    expect(show(s.get('Y'))).toBe("'0'");
    expect(confidenceOf(s.get('Y'))).toBe('default');
    expect(s.problems).toEqual([]);
    const set = one(code, { LEVEL: '10', HSTS: '5' });
    expect(show(set.get('X'))).toBe('10');
    expect(show(set.get('Y'))).toBe('5');
    // Set to exactly the default's text: Env leaves it uncast, like the default.
    expect(show(one(code, { HSTS: '0' }).get('Y'))).toBe("'0'");
  });

  it('vars().update(dict) keeps the dict\'s env reads on each name', () => {
    const code = 'import environ\nenv = environ.Env()\nEMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")\nvars().update(EMAIL_CONFIG)\n';
    const s = one(code);
    expect(show(s.get('EMAIL_BACKEND'))).toBe("'django.core.mail.backends.console.EmailBackend'");
    expect(confidenceOf(s.get('EMAIL_BACKEND'))).toBe('default');
    const set = one(code, { EMAIL_URL: 'smtp://mail.example.com:25' });
    expect(show(set.get('EMAIL_BACKEND'))).toBe("'django.core.mail.backends.smtp.EmailBackend'");
    expect(confidenceOf(set.get('EMAIL_BACKEND'))).toBe('certain');
  });

  it('read_env loads the env file with setdefault semantics', () => {
    const files = { 'settings.py': 'import environ\nenv = environ.Env()\nenviron.Env.read_env()\nX = env("A")\nY = env("B")\n', '.env': '' };
    const s = evaluate(files, { B: 'real' }, { envFiles: { '.env': { A: 'from-file', B: 'file' } } });
    expect(show(s.get('X'))).toBe("'from-file'");
    expect(s.get('X').env?.[0]).toMatchObject({ set: true, source: { file: '.env', line: 1 } });
    expect(show(s.get('Y'))).toBe("'real'");
    const absent = evaluate(files, {}, { envFiles: {} });
    expect(absent.get('X').kind).toBe('unknown');
  });
});

describe('python-decouple', () => {
  const bools: [string, string][] = [
    ['true', 'True'], ['t', 'True'], ['Y', 'True'], ['on', 'True'], ['1', 'True'], ['', 'False'], ['off', 'False'], ['f', 'False'],
  ];
  it.each(bools)('config(cast=bool) of %j is %s', (raw, expected) => {
    expect(value('from decouple import config\nX = config("D", cast=bool)\n', { D: raw })).toBe(expected);
  });

  it.each([' true ', '2', 'nope'])('config(cast=bool) of %j raises ValueError', (raw) => {
    const s = one('from decouple import config\nX = config("D", cast=bool)\n', { D: raw });
    expect(s.get('X').kind).toBe('unknown');
    expect(s.problems.map((p) => p.kind)).toEqual(['raises']);
  });

  it('casts the default and raises without one', () => {
    expect(value('from decouple import config\nX = config("D", default="True", cast=bool)\n')).toBe('True');
    expect(value('from decouple import config\nX = config("N", default=3, cast=int)\n')).toBe('3');
    expectRequired('from decouple import config\nX = config("D")\n', 'D');
    expect(value('from decouple import config, UndefinedValueError\ntry:\n    X = config("D")\nexcept UndefinedValueError:\n    X = "fallback"\n')).toBe("'fallback'");
  });

  it('Csv splits with shlex, strips and post-processes', () => {
    expect(value('from decouple import config, Csv\nX = config("H", cast=Csv())\n', { H: ' a.com , "b,c" ,' })).toBe("['a.com', 'b,c']");
    expect(value('from decouple import config, Csv\nX = config("H", default="", cast=Csv(post_process=tuple))\n')).toBe('()');
    expect(value('from decouple import config, Csv\nX = config("H", cast=Csv(int))\n', { H: '1,2' })).toBe('[1, 2]');
  });

  it('AutoConfig reads .env next to the settings, and Config(RepositoryEnv(...)) reads its file', () => {
    const files = { 'settings.py': 'from decouple import config, Config, RepositoryEnv\nX = config("A")\nc = Config(RepositoryEnv("conf/prod.env"))\nY = c("B")\n', '.env': '', 'conf/prod.env': '' };
    const s = evaluate(files, {}, { envFiles: { '.env': { A: 'a' }, 'conf/prod.env': { B: 'b' } } });
    expect(show(s.get('X'))).toBe("'a'");
    expect(show(s.get('Y'))).toBe("'b'");
  });
});

describe('dj-database-url and dotenv', () => {
  const code = 'import dj_database_url\nfrom pathlib import Path\nBASE_DIR = Path(__file__).parent\nDATABASES = {"default": dj_database_url.config(default=f"sqlite:///{BASE_DIR / \'db.sqlite3\'}", conn_max_age=600)}\n';
  it('falls back to SQLite when DATABASE_URL is unset', () => {
    const s = one(code);
    const db = s.get('DATABASES');
    expect(show(db)).toContain("'ENGINE': 'django.db.backends.sqlite3'");
    expect(show(db)).toContain("'NAME': '/app/db.sqlite3'");
    expect(show(db)).toContain("'CONN_MAX_AGE': 600");
    expect(confidenceOf((db as { entries: { value: PyValue }[] }).entries[0]!.value)).toBe('default');
  });

  it('parses a set DATABASE_URL and returns {} when nothing is set', () => {
    expect(show(one(code, { DATABASE_URL: 'mysql://u:p@h/db?ssl=true' }).get('DATABASES'))).toContain("'ENGINE': 'django.db.backends.mysql', 'OPTIONS': {'ssl': True}");
    expect(value('import dj_database_url\nX = dj_database_url.config()\n')).toBe('{}');
    expect(value('import dj_database_url\nX = dj_database_url.parse("sqlite://:memory:")\n')).toBe("{'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}");
  });

  it('load_dotenv fills unset variables from the nearest .env', () => {
    const files = { 'app/settings.py': 'import os\nfrom dotenv import load_dotenv\nload_dotenv()\nX = os.getenv("A")\n', '.env': '' };
    const s = evaluate(files, {}, { module: 'app.settings', envFiles: { '.env': { A: 'dot' } } });
    expect(show(s.get('X'))).toBe("'dot'");
  });
});

describe('env files and choices', () => {
  it('read_env with an explicit path built from BASE_DIR', () => {
    const files = { 'conf/settings.py': 'import environ\nfrom pathlib import Path\nBASE_DIR = Path(__file__).resolve().parent.parent\nenviron.Env.read_env(BASE_DIR / "deploy" / "prod.env")\nenv = environ.Env()\nX = env.bool("DEBUG", default=True)\n', 'deploy/prod.env': '' };
    const s = evaluate(files, {}, { module: 'conf.settings', envFiles: { 'deploy/prod.env': { DEBUG: 'off' } } });
    expect(pyRepr(s.get('X'))).toBe('False');
    expect(s.get('X').env?.[0]).toMatchObject({ set: true, source: { file: 'deploy/prod.env' } });
  });

  it('django-configurations DOTENV loads before values are read', () => {
    const files = { 'settings.py': 'from configurations import Configuration, values\nclass Prod(Configuration):\n    DOTENV = "/app/.env"\n    DEBUG = values.BooleanValue(True)\n', '.env': '' };
    const s = evaluate(files, {}, { configurationClass: 'Prod', envFiles: { '.env': { DJANGO_DEBUG: 'no' } } });
    expect(pyRepr(s.get('DEBUG'))).toBe('False');
  });

  it('decouple Choices validates the value', () => {
    const code = 'from decouple import config, Choices\nX = config("MODE", cast=Choices(["dev", "prod"]))\n';
    expect(value(code, { MODE: 'prod' })).toBe("'prod'");
    const s = one(code, { MODE: 'staging' });
    expect(s.get('X').kind).toBe('unknown');
    expect(s.problems[0]?.kind).toBe('raises');
  });
});
