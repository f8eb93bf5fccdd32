import type { FileLocation } from '../core/location.js';
import type { PyValue } from './value.js';
import type { LibraryCall } from './evaluator.js';

export type EvalProblemKind =
  | 'syntax-error'
  | 'import-cycle'
  | 'unresolved-import'
  | 'step-budget'
  | 'unreadable-file'
  | 'raises';

/** Something that stopped or limited evaluation; rules may turn these into findings. */
export interface EvalProblem {
  kind: EvalProblemKind;
  message: string;
  location: FileLocation;
}

/**
 * A value deploycheck chose for an environment variable the environment leaves undecided (unset, or
 * set by the platform with a value not known here), because code selects on it: an `if` comparing it
 * with literals (`'production'`), or a module name built from it. Reported so the user can say otherwise
 * (`--set VARIABLE=…`); see `describeAssumption`.
 */
export interface Assumption {
  variable: string;
  value: string;
  /** The code that selects on the variable. */
  location: FileLocation;
  /** Why this value: `the branch that names production`, `the module that names production`, `the code's default`. */
  reason: string;
}

/** The evaluated settings of one Django settings module. */
export interface Settings {
  /** Dotted module name, e.g. `mysite.settings.production`. */
  module: string;
  /** Workspace-relative path of the module's file. */
  file: string;
  /** django-configurations: the class whose attributes are the settings. */
  configurationClass?: string;
  /** The UPPER_CASE names the module ends up with (after star imports), not merged with defaults. */
  values: ReadonlyMap<string, PyValue>;
  /** Where each name was last assigned or mutated. */
  assignedAt: ReadonlyMap<string, FileLocation>;
  /** The effective value: the project's, else Django's global default for the project's version. */
  get(name: string): PyValue;
  /** Whether the project sets the name itself (not a Django default). */
  has(name: string): boolean;
  /** Every workspace-relative file read to build the module. */
  files: string[];
  /** Env files the settings code loads at run time (load_dotenv, read_env, decouple, DOTENV) that production has. */
  envFiles?: string[];
  problems: EvalProblem[];
  /** Library calls the settings code made (`sentry_sdk.init(…)`), in order. */
  libraryCalls: readonly LibraryCall[];
  /** Values assumed for undecided variables the settings select on (a selector package, a split by environment). */
  assumptions: Assumption[];
}
