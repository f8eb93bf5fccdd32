/**
 * Each dialect against the real library it stands for (Debian's python3-dotenv, python3-django-environ
 * and python3-decouple under /usr/bin/python3), over a table of tricky env files: `#` inside values,
 * quotes, escapes, `export`, spaces, empty values, expansion, invalid lines.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEnvFile } from '../../src/env/dotenv.js';
import type { EnvFileDialect } from '../../src/env/dotenv.js';
import { requireSystem } from '../helpers/integration.js';

const PYTHON = '/usr/bin/python3';
const HELPER = fileURLToPath(new URL('./env_readers.py', import.meta.url));

type LibraryValues = Record<string, string | null | { error: string }> | { error: string };
type Versions = Record<'python-dotenv' | 'django-environ' | 'python-decouple', string | null>;

function probe(): Versions | undefined {
  const run = spawnSync(PYTHON, [HELPER, '--versions'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) return undefined;
  const versions = JSON.parse(run.stdout) as Versions;
  return versions['python-dotenv'] && versions['django-environ'] && versions['python-decouple'] ? versions : undefined;
}

const versions = probe();
const skip = requireSystem('python-dotenv, django-environ and python-decouple under /usr/bin/python3', versions !== undefined);

/** Each case is one env file; `[settings]` is put before it for the settings.ini reader. */
const CASES: string[] = [
  'SECRET_KEY=q8#n2v!x@k$e(3+z^m7w*l1_c-d0&y%h9=p5s4j#t',
  'SECRET_KEY=ab#cd',
  'A=abc # comment',
  'A=abc #comment',
  'A=abc\t# tab then hash',
  'A=abc#no-space',
  'A=#starts-with-hash',
  'A= #after-equals-space',
  "A='ab#cd' # comment",
  'A="ab#cd" # comment',
  "A='ab # cd'",
  'A="ab # cd"',
  'A="a\\nb\\"c\\\\d\\$e"',
  'A="tab\\there"',
  "A='a\\nb\\'c'",
  'A="it\'s"',
  "A='say \"hi\"'",
  'A=a\'b',
  "A='a' b",
  "A='open",
  'A="open',
  'A="multi\nline"',
  "A='multi\nline'",
  'export A=1',
  'export  A=1',
  'exportA=1',
  'A = 1',
  'A= 1 ',
  'A =1',
  'A=  spaced  ',
  '  A=1',
  '\tA=1',
  'A=',
  'A=\nB=2',
  'A',
  'A\nB=2',
  "A=''",
  'A=""',
  'A=1=2',
  '=1',
  'A:1',
  'A.B=1',
  'A-B=1',
  "'A'=1",
  'bad line here\nA=1',
  '# comment only',
  '#A=1\nB=2',
  '  # indented comment\nB=2',
  'A=1\nA=2',
  'A=1\nB=${A}x',
  "A=1\nB='${A}x'",
  'A=1\nB="${A}x"',
  'B=${NOPE:-fallback}',
  'A=\nB=${A:-fallback}',
  'B=$A',
  'B=${A',
  'A=%x',
  'A=%%',
  'A=1\nB=%(a)s-2',
  'A=1\r\nB=2\r\n',
  'A="a"\r\nB=2',
  'A=1\n\nB=2\n\n',
  'A=postgres://user:p#ss@db:5432/app',
  'A=value;with;semicolons',
  'A=1\n  continued',
  'A=café',
  '\ufeffA=1',
  'A="x # y\n# z" # c\nB=2',
  'export\tA=1',
  'ÄB=1',
  'A=${B}\nB=2',
  'A="${A}"',
];

/** django-environ changed between the installed version and the one the dialect follows (0.12). */
const ENVIRON_CHANGED_IN_0_8 = new Set(['export A=1', 'export  A=1', 'A=1\nA=2', 'A="a\\nb\\"c\\\\d\\$e"', 'A="tab\\there"']);

function run(texts: string[]): Record<string, LibraryValues>[] {
  const result = spawnSync(PYTHON, [HELPER], { input: JSON.stringify(texts), encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`env_readers.py failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Record<string, LibraryValues>[];
}

/** What the library gives, as name → value (a key without a value is no variable; configparser's names are case-insensitive). */
function libraryValues(values: LibraryValues, lower: boolean): Record<string, string> | 'rejected' {
  if ('error' in values && typeof values.error === 'string') return 'rejected';
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    if (value === null) continue;
    out[lower ? name.toLowerCase() : name] = typeof value === 'string' ? value : '<error>';
  }
  return out;
}

function ours(text: string, dialect: EnvFileDialect, lower: boolean): Record<string, string> | 'rejected' {
  const parsed = parseEnvFile(text, dialect, { environment: new Map() });
  if (parsed.error !== undefined) return 'rejected';
  return Object.fromEntries(parsed.entries.map((entry) => [lower ? entry.name.toLowerCase() : entry.name, entry.value ?? '<error>']));
}

describe.skipIf(skip)('env file dialects agree with the real libraries', () => {
  const texts = [...CASES, ...CASES.map((text) => `[settings]\n${text}`)];
  const results = skip ? [] : run(texts);
  const byText = new Map(texts.map((text, index) => [text, results[index]!]));
  const environLegacy = Number(versions?.['django-environ']?.split('.')[1] ?? 99) < 8 && versions?.['django-environ']?.startsWith('0.');

  it.each(CASES)('python-dotenv: %j', (text) => {
    expect(ours(text, 'python-dotenv', false)).toEqual(libraryValues(byText.get(text)!['python-dotenv']!, false));
  });

  it.each(CASES)('django-environ: %j', (text) => {
    if (environLegacy && ENVIRON_CHANGED_IN_0_8.has(text)) return; // the installed release predates `export` and last-wins
    expect(ours(text, 'django-environ', false)).toEqual(libraryValues(byText.get(text)!['django-environ']!, false));
  });

  it.each(CASES)('decouple (.env): %j', (text) => {
    expect(ours(text, 'decouple', false)).toEqual(libraryValues(byText.get(text)!.decouple!, false));
  });

  it.each(CASES)('decouple (settings.ini): %j', (text) => {
    const ini = `[settings]\n${text}`;
    expect(ours(ini, 'decouple-ini', true)).toEqual(libraryValues(byText.get(ini)!['decouple-ini']!, true));
  });

  it('reads the Django key whole in every Python dialect', () => {
    const text = CASES[0]!;
    for (const dialect of ['python-dotenv', 'django-environ', 'decouple'] as const) {
      expect(ours(text, dialect, false)).toEqual({ SECRET_KEY: 'q8#n2v!x@k$e(3+z^m7w*l1_c-d0&y%h9=p5s4j#t' });
    }
  });
});
