import type { FileLocation } from '../core/location.js';
import { lineIndex } from '../workspace/line-index.js';
import { parseCompose } from './dialects/compose.js';
import { parseDecoupleEnv, parseDecoupleIni } from './dialects/decouple.js';
import { parseDjangoDotenv } from './dialects/django-dotenv.js';
import { parseDjangoEnviron } from './dialects/django-environ.js';
import { parseNpmDotenv } from './dialects/npm-dotenv.js';
import { parsePythonDotenv } from './dialects/python-dotenv.js';
import type { DialectParse, EnvFileDialect, ParseOptions } from './dialects/types.js';
import type { EnvSourceKind, EnvVar } from './types.js';

export type { EnvFileDialect } from './dialects/types.js';

export interface DotenvSource {
  kind: EnvSourceKind;
  /** Appended to the `file:line` label, e.g. `(env_file of docker-compose.yml)`. */
  note?: string;
}

/** One variable of an env file as its consumer reads it, and where its key is written (1-based). */
export interface DotenvEntry {
  name: string;
  /** The value the consumer sees; undefined when it depends on variables not known here (`${HOST}`). */
  value: string | undefined;
  /** The value as written (quotes and escapes resolved, nothing expanded): what a secret scan reads. */
  literal: string;
  line: number;
  column: number;
}

/** An env file read with one dialect's rules: its variables in file order, and why the reader rejects it (if it does). */
export interface EnvFileParse {
  entries: DotenvEntry[];
  error?: string;
}

function parseRaw(text: string, dialect: EnvFileDialect, options: ParseOptions): DialectParse {
  switch (dialect) {
    case 'python-dotenv':
      return parsePythonDotenv(text, options);
    case 'django-environ':
      return parseDjangoEnviron(text);
    case 'django-environ-comments':
      return parseDjangoEnviron(text, { parseComments: true });
    case 'django-dotenv':
      return parseDjangoDotenv(text, options);
    case 'decouple':
      return parseDecoupleEnv(text);
    case 'decouple-ini':
      return parseDecoupleIni(text);
    case 'compose':
      return parseCompose(text, options);
    case 'npm-dotenv':
      return parseNpmDotenv(text);
  }
}

/**
 * An env file's variables read the way `dialect`'s library reads them: one entry per name (the
 * last assignment, which every one of these readers keeps), in file order. Never throws.
 */
export function parseEnvFile(text: string, dialect: EnvFileDialect, options: ParseOptions = {}): EnvFileParse {
  let parsed: DialectParse;
  try {
    parsed = parseRaw(text, dialect, options);
  } catch (error) {
    return { entries: [], error: `cannot read it as ${dialect}: ${error instanceof Error ? error.message : String(error)}` };
  }
  const locate = lineIndex(text);
  const byName = new Map<string, DotenvEntry>();
  for (const raw of parsed.entries) {
    byName.delete(raw.name);
    byName.set(raw.name, { name: raw.name, value: raw.value, literal: raw.literal, ...locate(raw.offset) });
  }
  const entries = [...byName.values()].sort((a, b) => a.line - b.line || a.column - b.column);
  return parsed.error === undefined ? { entries } : { entries, error: parsed.error };
}

/** Parsed entries of an env file (workspace-relative `file`) as variables, each located and labelled `file:line`. */
export function dotenvVars(entries: readonly DotenvEntry[], file: string, source: DotenvSource = { kind: 'env-file' }): EnvVar[] {
  return entries.map(({ name, value, line, column }) => {
    const location: FileLocation = { file, line, column };
    const label = `${file}:${line}${source.note ? ` ${source.note}` : ''}`;
    return { name, value, source: { kind: source.kind, location, label } };
  });
}
