/**
 * Env files are read by many libraries, each with its own rules for quotes, comments, `export`,
 * escapes and variable expansion. A dialect names one of them; the file is parsed the way the
 * code that loads it in production parses it (see consumer.ts for how the dialect is chosen).
 */
export type EnvFileDialect =
  /** python-dotenv (`load_dotenv`, `dotenv_values`): ` #` starts a comment, `${VAR}` expands. */
  | 'python-dotenv'
  /** django-environ's `Env.read_env` (0.12+, and before 0.11): `NAME=value` lines, no comments after a value. */
  | 'django-environ'
  /**
   * django-environ with inline comments parsed: 0.11.x's default, `read_env(parse_comments=True)` in
   * 0.12+. An unquoted value ends at the first `#`, even without whitespace before it.
   */
  | 'django-environ-comments'
  /** django-dotenv's `read_dotenv`: an unquoted value ends at `#`, `$NAME` expands. */
  | 'django-dotenv'
  /** python-decouple's `.env` repository (`RepositoryEnv`, `AutoConfig` finding `.env`). */
  | 'decouple'
  /** python-decouple's `settings.ini` (`RepositoryIni`): configparser, section `[settings]`. */
  | 'decouple-ini'
  /** Docker Compose `env_file`: ` #` starts a comment, `$VAR`/`${VAR}` expand outside single quotes. */
  | 'compose'
  /** The npm `dotenv` package (Node): an unquoted value ends at `#`. */
  | 'npm-dotenv';

export const ENV_FILE_DIALECTS: readonly EnvFileDialect[] = ['python-dotenv', 'django-environ', 'django-environ-comments', 'django-dotenv', 'decouple', 'decouple-ini', 'compose', 'npm-dotenv'];

/** One assignment as a dialect reads it. */
export interface RawEntry {
  name: string;
  /** The value the consumer sees; undefined when it depends on variables not known here. */
  value: string | undefined;
  /** The value as written (quotes and escapes resolved, nothing expanded): what a secret scan reads. */
  literal: string;
  /** Offset of the key in the text. */
  offset: number;
}

export interface DialectParse {
  entries: RawEntry[];
  /** Set when the reader rejects the whole file (configparser and compose do); entries are then those read before. */
  error?: string;
}

export interface ParseOptions {
  /**
   * The variables the process already has, for expansion of names the file does not define. Without
   * it (the static default) such a reference makes the value unknown.
   */
  environment?: ReadonlyMap<string, string>;
}

/** A reference to another variable: its value from the file so far, else the environment, else unknown (undefined). */
export type Lookup = (name: string) => string | undefined | null;

/**
 * Resolves names against the values the file assigned so far, then `options.environment`.
 * null: not set anywhere (only when an environment is given); undefined: not known here.
 */
export function makeLookup(known: ReadonlyMap<string, string | undefined>, options: ParseOptions): Lookup {
  return (name) => {
    if (known.has(name)) return known.get(name);
    if (!options.environment) return undefined;
    return options.environment.get(name) ?? null;
  };
}
