import { describe, expect, it } from 'vitest';
import { dotenvVars, parseEnvFile } from '../../src/env/dotenv.js';
import type { DotenvSource, EnvFileDialect } from '../../src/env/dotenv.js';
import { ENV_FILE_DIALECTS } from '../../src/env/dialects/types.js';

const values = (text: string, dialect: EnvFileDialect, environment?: Map<string, string>) =>
  Object.fromEntries(parseEnvFile(text, dialect, environment ? { environment } : {}).entries.map((entry) => [entry.name, entry.value]));

describe('parseEnvFile and dotenvVars', () => {
  it('gives every variable its value, line, column and label', () => {
    const text = [
      '# production settings',
      'DEBUG=False',
      '  export SECRET_KEY="abc#123"',
      "ALLOWED_HOSTS='example.com,www.example.com'   # hosts",
      'PRIVATE_KEY="-----BEGIN KEY-----',
      'FAKE_KEY=inside-the-quotes',
      '-----END KEY-----"',
      'EMPTY=',
      'DATABASE_URL = postgres://u:p@db/app',
      'DEBUG=True',
    ].join('\n');
    const vars = dotenvVars(parseEnvFile(text, 'python-dotenv').entries, '.env.production');
    expect(vars.map((v) => [v.name, v.value, v.source.location?.line, v.source.location?.column, v.source.label])).toEqual([
      ['SECRET_KEY', 'abc#123', 3, 10, '.env.production:3'],
      ['ALLOWED_HOSTS', 'example.com,www.example.com', 4, 1, '.env.production:4'],
      ['PRIVATE_KEY', '-----BEGIN KEY-----\nFAKE_KEY=inside-the-quotes\n-----END KEY-----', 5, 1, '.env.production:5'],
      ['EMPTY', '', 8, 1, '.env.production:8'],
      ['DATABASE_URL', 'postgres://u:p@db/app', 9, 1, '.env.production:9'],
      ['DEBUG', 'True', 10, 1, '.env.production:10'],
    ]);
    expect(vars.every((v) => v.source.kind === 'env-file' && v.source.location?.file === '.env.production')).toBe(true);
  });

  it('locates keys in CRLF files, after escaped quotes and an unterminated quote, in every dialect', () => {
    const text = 'A="x\\"y"\r\nB=\'open\r\nC=3\r\n';
    expect(parseEnvFile(text, 'npm-dotenv').entries.map((e) => [e.name, e.line])).toEqual([['A', 1], ['B', 2], ['C', 3]]);
    // python-dotenv cannot close B's quote, so it skips that line and reads C.
    expect(parseEnvFile(text, 'python-dotenv').entries.map((e) => [e.name, e.line])).toEqual([['A', 1], ['C', 3]]);
    expect(parseEnvFile(text, 'decouple').entries.map((e) => [e.name, e.value, e.line])).toEqual([['A', 'x\\"y', 1], ['B', "'open", 2], ['C', '3', 3]]);
  });

  it('labels variables of another kind with a note', () => {
    const [variable] = dotenvVars(parseEnvFile('X=1\n', 'compose').entries, 'deploy/.env', { kind: 'docker-compose', note: '(env_file of docker-compose.yml)' } satisfies DotenvSource);
    expect(variable?.source).toEqual({
      kind: 'docker-compose',
      location: { file: 'deploy/.env', line: 1, column: 1 },
      label: 'deploy/.env:1 (env_file of docker-compose.yml)',
    });
  });

  it('never throws, whatever the input', () => {
    const junk = ['"', "'", '=', 'export', '${', '[', '[settings]\n  x', '\u0000=\u0000', 'A="\\', 'a b c = d e f'];
    for (const dialect of ENV_FILE_DIALECTS) {
      for (const text of junk) expect(() => parseEnvFile(text, dialect)).not.toThrow();
    }
  });
});

describe('a # inside an unquoted value', () => {
  const key = 'SECRET_KEY=q8#n2v!x@k$e(3+z^m7w*l1_c-d0&y%h9=p5s4j#t';
  const whole = 'q8#n2v!x@k$e(3+z^m7w*l1_c-d0&y%h9=p5s4j#t';

  it('stays in the value for every Python reader and Compose', () => {
    for (const dialect of ['python-dotenv', 'django-environ', 'decouple'] as const) expect(values(key, dialect)).toEqual({ SECRET_KEY: whole });
    expect(values(`[settings]\n${key.replace('%', '%%')}`, 'decouple-ini')).toEqual({ SECRET_KEY: whole });
    // Compose would expand `$e`: the value depends on its environment, the literal is still whole.
    const [entry] = parseEnvFile(key, 'compose').entries;
    expect(entry).toMatchObject({ value: undefined, literal: whole });
  });

  it('ends the value for npm dotenv', () => {
    expect(values(key, 'npm-dotenv')).toEqual({ SECRET_KEY: 'q8' });
  });

  it('starts a comment after whitespace for python-dotenv and Compose only', () => {
    const text = 'DEBUG=False # not in production';
    expect(values(text, 'python-dotenv')).toEqual({ DEBUG: 'False' });
    expect(values(text, 'compose')).toEqual({ DEBUG: 'False' });
    expect(values(text, 'django-environ')).toEqual({ DEBUG: 'False # not in production' });
    expect(values(text, 'decouple')).toEqual({ DEBUG: 'False # not in production' });
    // Compose wants a space before `#`; a tab is part of the value.
    expect(values('A=abc\t# c', 'compose')).toEqual({ A: 'abc\t# c' });
  });
});

describe('compose', () => {
  it('reads quotes, escapes, export, spaces and YAML-style pairs', () => {
    const text = [
      'export A=1',
      'B = two ',
      'C: three',
      'D="x\\ty\\n\\"q\\" # kept" # comment',
      "E='lit\\'eral $A \\n'",
      'F="multi',
      'line"',
      'G=',
      'H=#not-a-comment',
    ].join('\n');
    expect(values(text, 'compose')).toEqual({ A: '1', B: 'two', C: 'three', D: 'x\ty\n"q" # kept', E: "lit'eral $A \\n", F: 'multi\nline', G: '', H: '#not-a-comment' });
  });

  it('expands $NAME, ${NAME}, defaults and $$ outside single quotes', () => {
    const text = 'A=1\nB=$A-${A}\nC="${NOPE:-dflt}"\nD=$$A\nE=${A:+set}\nF=${EMPTY-x}';
    expect(values(text, 'compose', new Map([['EMPTY', '']]))).toEqual({ A: '1', B: '1-1', C: 'dflt', D: '$A', E: 'set', F: '' });
    // Without the environment Compose runs in, a name the file does not set is not known.
    expect(values('B=${HOST}/x', 'compose')).toEqual({ B: undefined });
  });

  it('takes a bare name from the environment Compose runs in', () => {
    expect(values('TOKEN\nA=1', 'compose', new Map([['TOKEN', 't']]))).toEqual({ TOKEN: 't', A: '1' });
    expect(values('TOKEN\nA=1', 'compose')).toEqual({ TOKEN: undefined, A: '1' });
  });

  it('rejects a file with an invalid name or an unterminated quote, as Compose does', () => {
    expect(parseEnvFile('A=1\nB C=2', 'compose').error).toMatch(/space/);
    expect(parseEnvFile('A=1\nB@=2', 'compose').error).toMatch(/unexpected character/);
    expect(parseEnvFile('A="open', 'compose').error).toMatch(/unterminated/);
    expect(parseEnvFile('A=1\nB=2', 'compose').error).toBeUndefined();
  });
});

describe('python-dotenv expansion', () => {
  it('expands ${NAME} from earlier lines and leaves unknown names unknown', () => {
    expect(values('A=1\nB=${A}x\nC=$A\nD=${HOST}', 'python-dotenv')).toEqual({ A: '1', B: '1x', C: '$A', D: undefined });
    expect(values('D=${HOST:-localhost}', 'python-dotenv', new Map())).toEqual({ D: 'localhost' });
  });
});

describe('decouple settings.ini', () => {
  it('reads [settings] (over [DEFAULT]) with configparser rules', () => {
    const text = '[DEFAULT]\nHOST = db\n[settings]\nSECRET_KEY = ab#cd;ef\nURL: postgres://%(host)s/app\nPCT = 100%%\nLIST = a\n  b\n[other]\nX = 1\n';
    expect(values(text, 'decouple-ini')).toEqual({ HOST: 'db', SECRET_KEY: 'ab#cd;ef', URL: 'postgres://db/app', PCT: '100%', LIST: 'a\nb' });
  });

  it('leaves a value with a bare % unknown (decouple raises reading it) and rejects a broken file', () => {
    const [entry] = parseEnvFile('[settings]\nSECRET_KEY = ab%cd\n', 'decouple-ini').entries;
    expect(entry).toMatchObject({ name: 'SECRET_KEY', value: undefined, literal: 'ab%cd' });
    expect(parseEnvFile('SECRET_KEY = x\n', 'decouple-ini').error).toMatch(/section/);
    expect(parseEnvFile('[settings]\nA = 1\nA = 2\n', 'decouple-ini').error).toMatch(/twice/);
    expect(parseEnvFile('[settings]\nnot an option\n', 'decouple-ini').error).toMatch(/not an option/);
  });
});

describe('django-environ with inline comments (0.11.x, parse_comments=True)', () => {
  it('ends an unquoted value at its first #, keeps a single-quoted one', () => {
    const text = "SECRET_KEY=q8#n2v!x\nDEBUG=False # off\nA='ab#cd' # c\nB=\"ab#cd\"\nC=\"x\\ny\"";
    expect(values(text, 'django-environ-comments')).toEqual({ SECRET_KEY: 'q8', DEBUG: 'False ', A: 'ab#cd', B: '"ab', C: 'x\\ny' });
    expect(values(text, 'django-environ')).toEqual({ SECRET_KEY: 'q8#n2v!x', DEBUG: 'False # off', A: "'ab#cd' # c", B: 'ab#cd', C: 'x\\ny' });
  });
});

describe('django-dotenv read_dotenv', () => {
  it('ends an unquoted value at # and reads quotes, export, spaces and colons', () => {
    const text = "SECRET_KEY=q8#n2v!x\nexport A = 1 \nB: two\nC='ab#cd' # c\nD=\"x\\\"y\\n\"\nE='a' b\nnot a line\nF=";
    expect(values(text, 'django-dotenv')).toEqual({ SECRET_KEY: 'q8', A: '1', B: 'two', C: 'ab#cd', D: 'x"yn', E: "'a' b", F: '' });
  });

  it('expands $NAME and ${NAME} outside single quotes, not an escaped \\$NAME', () => {
    const text = "A=1\nB=$A-${A}\nC='$A'\nD=\"\\$A\"\nE=$HOST";
    expect(values(text, 'django-dotenv')).toEqual({ A: '1', B: '1-1', C: '$A', D: '$A', E: undefined });
    expect(values('E=$HOST/x', 'django-dotenv', new Map())).toEqual({ E: '/x' });
  });
});
