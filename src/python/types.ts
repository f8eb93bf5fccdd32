import type { FileLocation } from '../engine/types.js';
import type { PyValue } from './value.js';

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
  problems: EvalProblem[];
}
