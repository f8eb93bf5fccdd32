import type { Location } from './location.js';

/** One read of an environment variable that a value depends on (Python settings and JS/TS modules alike). */
export interface EnvRead {
  /** The variable's name as read (prefix included). */
  name: string;
  /** How it was read, e.g. `os.environ.get`, `environ.Env.bool`, `decouple.config`, `process.env`. */
  reader: string;
  /** Whether the chosen environment sets the variable. */
  set: boolean;
  /** Where the environment got it (an env file line, a deploy file, `--set`), when set. */
  source?: Location;
  /** A label for the source when it has no file location, e.g. `--set`, `heroku-postgresql add-on`. */
  sourceLabel?: string;
  /** The default the code falls back to, as source text, when there is one. */
  defaultText?: string;
  /** The cast applied, e.g. `bool`, `int`, `Csv()`. */
  cast?: string;
}
