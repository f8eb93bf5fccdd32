import type { FileLocation, Location } from '../core/location.js';
import type { EnvFileDialect, Environment, EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import type { Assumption } from './types.js';
import type { PyValue } from './value.js';
import type { EnvWrite } from './evaluator.js';
import { Interpreter } from './evaluator.js';
import { EnvState } from './env-state.js';

/**
 * One symbolic run of an entry point (manage.py, wsgi.py, asgi.py) and the values it gives the
 * variables it sets (`DJANGO_SETTINGS_MODULE`, `DJANGO_CONFIGURATION`), as Python would leave them:
 * `os.environ[…] = …` overrides, `setdefault` and dotenv loaders only fill what is unset.
 * See src/project/entry-points.ts for the selection built on it.
 */

export interface EntryPointRunOptions {
  workspace: Workspace;
  /** Workspace-relative path of the entry point. */
  file: string;
  environment: Environment;
  /** The project's Python path root ('' = workspace root). */
  root: string;
  loadEnvFile?: (workspacePath: string, dialect: EnvFileDialect) => EnvVar[] | undefined;
  /** The variables whose values are wanted: the environment's own values of them are hidden, so the entry point's show. */
  variables: string[];
  assumptions?: Assumption[];
  standIns?: string[];
  /** Values given to variables for this run only (to see which module each value selects). */
  bound?: Record<string, string>;
  maxSteps?: number;
}

/** A value the entry point gives a variable. */
export interface EntryPointValue {
  /** The text, or undefined when it is not known (see `pyValue`). */
  value: string | undefined;
  /** What the code computed (its env reads tell what it depends on); absent for a dotenv file's value. */
  pyValue?: PyValue;
  location: FileLocation;
  /** `os.environ[NAME] = …`: beats the environment. */
  forced: boolean;
  /** Set inside a branch of a condition that could not be decided. */
  speculative: boolean;
  /** When the value depends on such a condition: what each branch sets. */
  alternatives?: EntryPointValue[];
  /** The env file the value came from, when a dotenv loader in the entry point set it. */
  dotenv?: string;
}

export interface EntryPointRun {
  interp: Interpreter;
  values: Map<string, EntryPointValue>;
}

const DEFAULT_MAX_STEPS = 20_000;

/** The environment without `hidden` variables, plus `bound` ones. */
function adjustedEnvironment(environment: Environment, hidden: string[], bound: Record<string, string>): Environment {
  const vars = new Map(environment.vars);
  for (const name of hidden) vars.delete(name);
  for (const [name, value] of Object.entries(bound)) vars.set(name, { name, value, source: { kind: 'cli', label: `${name}=${value} (a candidate)` } });
  return { name: environment.name, files: environment.files, vars, get: (name) => vars.get(name) };
}

/** The module name an entry point runs as, and the package its relative imports resolve against. */
function moduleNames(file: string, root: string): { name: string; packageName: string } {
  const relative = root && file.startsWith(`${root}/`) ? file.slice(root.length + 1) : file;
  const dotted = relative.replace(/\.py$/, '').split('/').join('.');
  const packageName = dotted.split('.').slice(0, -1).join('.');
  return { name: relative.endsWith('manage.py') || !/^[A-Za-z_][\w.]*$/.test(dotted) ? '__main__' : dotted, packageName };
}

export function runEntryPoint(options: EntryPointRunOptions): EntryPointRun {
  const interp = new Interpreter({
    workspace: options.workspace,
    root: options.root.replace(/\/+$/, ''),
    env: new EnvState(adjustedEnvironment(options.environment, options.variables, options.bound ?? {})),
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    ...(options.loadEnvFile ? { loadEnvFile: options.loadEnvFile } : {}),
    ...(options.assumptions ? { assumptions: options.assumptions } : {}),
    ...(options.standIns ? { standIns: options.standIns } : {}),
  });
  const { name, packageName } = moduleNames(options.file, options.root);
  try {
    interp.runFile(options.file, name, packageName);
  } catch (error) {
    interp.problem('raises', `internal error while evaluating ${options.file}: ${(error as Error)?.message ?? String(error)}`, { file: options.file, line: 1, column: 1 });
  }
  const values = new Map<string, EntryPointValue>();
  for (const variable of options.variables) {
    const found = valueOf(interp, variable, options.file);
    if (found) values.set(variable, found);
  }
  return { interp, values };
}

const sameLocation = (a: FileLocation, b: Location | undefined): boolean =>
  !!b && 'file' in b && a.file === b.file && a.line === b.line && a.column === b.column;

function fromWrite(write: EnvWrite, value: string | undefined): EntryPointValue {
  return { value, pyValue: write.value, location: write.value.loc ?? write.at, forced: write.forced, speculative: write.speculative };
}

/** What the run left in a variable, traced back to the write (or dotenv file) that put it there. */
function valueOf(interp: Interpreter, variable: string, file: string): EntryPointValue | undefined {
  const writes = interp.envWrites.filter((w) => w.name === variable);
  const hit = interp.env.lookup(variable);
  if (writes.some((w) => w.speculative)) return undecidedChoice(writes);
  if (hit?.value !== undefined) {
    const write = writes.find((w) => sameLocation(w.at, hit.source));
    if (write) return fromWrite(write, hit.value);
    // Not a write of the code: a dotenv file the code loaded (the environment's own value is hidden).
    const source = hit.source && 'file' in hit.source ? hit.source : undefined;
    return { value: hit.value, location: source ?? { file, line: 1, column: 1 }, forced: false, speculative: false, ...(source ? { dotenv: source.file } : {}) };
  }
  const unknownWrite = [...writes].reverse().find((w) => w.forced) ?? writes[0];
  return unknownWrite ? fromWrite(unknownWrite, undefined) : undefined;
}

/**
 * Writes some of which were made in branches of a condition the evaluator could not decide
 * (`if 'test' in sys.argv:`): their value when they all agree, else not known, with each as an
 * alternative (never guessed).
 */
function undecidedChoice(writes: EnvWrite[]): EntryPointValue {
  const texts = new Set(writes.map((w) => (w.value.kind === 'str' ? w.value.value : undefined)));
  const agreed = texts.size === 1 ? [...texts][0] : undefined;
  const alternatives = writes.filter((w, i) => w.value.kind === 'str' && writes.findIndex((o) => o.value.kind === 'str' && o.value.value === (w.value as { value: string }).value) === i);
  return { ...fromWrite(writes[0]!, agreed), speculative: true, alternatives: alternatives.map((w) => fromWrite(w, (w.value as { value: string }).value)) };
}
