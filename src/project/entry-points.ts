import type { FileLocation } from '../core/location.js';
import type { EnvFileDialect, Environment, EnvVar } from '../env/types.js';
import { envFileLoader } from '../env/environment.js';
import type { Workspace } from '../workspace/types.js';
import type { Assumption, EvalProblem } from '../python/types.js';
import type { PyValue } from '../python/value.js';
import { runEntryPoint } from '../python/entry-point-eval.js';
import type { EntryPointRun, EntryPointRunOptions, EntryPointValue } from '../python/entry-point-eval.js';
import { selectorStandIn } from '../python/evaluator.js';
import { CODE_DEFAULT, MODULE_NAMES_PRODUCTION, describeAssumption, isUndecided } from '../python/assumptions.js';
import { modulesMatching, productionChoice } from '../python/dynamic-imports.js';
import { joinPath } from '../workspace/paths.js';
import { findModule } from './modules.js';

const SETTINGS_VARIABLE = 'DJANGO_SETTINGS_MODULE';
const CONFIGURATION_VARIABLE = 'DJANGO_CONFIGURATION';

/** A value an entry point gives DJANGO_SETTINGS_MODULE (or DJANGO_CONFIGURATION) under the environment given. */
export interface EntryPointSelection {
  value: string;
  /** The code that sets it (the value's expression), or the dotenv line it came from. */
  location: FileLocation;
  /** `os.environ[NAME] = …`: beats the environment; `setdefault` and dotenv loaders do not. */
  forced: boolean;
  /** What was assumed for undecided variables in the entry point's run (`describeAssumption` words them for the report). */
  assumptions: Assumption[];
  /** The env file (loaded by the entry point, e.g. `load_dotenv()`) the value came from. */
  dotenv?: string;
}

/** A module the entry point could select, and when. */
export interface EntryPointCandidate {
  value: string;
  location: FileLocation;
  /** `DJANGO_ENV=production`, `DJANGO_ENV is none of dev, production`; absent when chosen whatever the environment. */
  condition?: string;
  /** Whether the module is in the repository (a candidate that exists beats one that does not). */
  exists: boolean;
}

export interface EntryPointEvaluation {
  /** The settings module the entry point selects under the environment given (its own value: the environment's DJANGO_SETTINGS_MODULE is not consulted). */
  settingsModule?: EntryPointSelection;
  /** Why the entry point's settings module is not known, when it sets one that cannot be decided. */
  undecided?: string;
  /** Every module it could select (the chosen one first), each with the condition it is chosen under. */
  candidates: EntryPointCandidate[];
  /** django-configurations: the class it selects. */
  configuration?: EntryPointSelection;
  /** Env files the entry point loads (dotenv loaders) that production has: their variables count. */
  dotenvFiles: string[];
  problems: EvalProblem[];
}

export interface EvaluateEntryPointOptions {
  workspace: Workspace;
  /** Workspace-relative path of manage.py, wsgi.py or asgi.py. */
  file: string;
  environment: Environment;
  /** The project root (the directory of manage.py; '' = the workspace root). */
  root: string;
  /** Reads an env file the entry point loads; default: the workspace's file when production has it. */
  loadEnvFile?: (workspacePath: string, dialect: EnvFileDialect) => EnvVar[] | undefined;
}

/** Runs of one entry point are bounded: a selector with many values is not run for each. */
const MAX_RUNS = 24;
const MAX_SELECTOR_VARIABLES = 3;
const MAX_LITERALS = 6;

/**
 * Evaluate an entry point (manage.py, wsgi.py, asgi.py) with the settings' symbolic evaluator: which
 * settings module (and django-configurations class) it selects under `environment`, every module
 * it could select with the condition for each, and the dotenv files it loads. A module name built
 * from a variable the environment leaves undecided (`'app.settings.' + os.getenv('ENV', 'dev')`,
 * `if os.getenv('DJANGO_ENV') == 'production':`) is chosen by the production name, with the
 * assumption recorded. Cheap (entry points are tiny; each run is step-bounded), never throws.
 * Requires `initPythonParser()` to have been awaited.
 */
export function evaluateEntryPoint(options: EvaluateEntryPointOptions): EntryPointEvaluation {
  try {
    return evaluate(options);
  } catch (error) {
    const message = `internal error while evaluating ${options.file}: ${(error as Error)?.message ?? String(error)}`;
    return { candidates: [], dotenvFiles: [], problems: [{ kind: 'raises', message, location: { file: options.file, line: 1, column: 1 } }] };
  }
}

type Run = (extra: Partial<EntryPointRunOptions>) => EntryPointRun | undefined;
type Candidate = Omit<EntryPointCandidate, 'exists'>;

function evaluate(options: EvaluateEntryPointOptions): EntryPointEvaluation {
  let runs = 0;
  const base: EntryPointRunOptions = {
    workspace: options.workspace,
    file: options.file,
    environment: options.environment,
    root: options.root,
    loadEnvFile: options.loadEnvFile ?? envFileLoader(options.workspace),
    variables: [SETTINGS_VARIABLE, CONFIGURATION_VARIABLE],
  };
  const run: Run = (extra) => (runs++ < MAX_RUNS ? runEntryPoint({ ...base, ...extra }) : undefined);
  const first = run({})!;
  const fromTemplates = templateCandidates(options, first, run);
  const chosen = fromTemplates.assumed.some((a) => a.reason === MODULE_NAMES_PRODUCTION) ? (run({ assumptions: fromTemplates.assumed }) ?? first) : first;
  const candidates = [...fromTemplates.candidates, ...selectorCandidates(first, run)];

  const final = chosen.values.get(SETTINGS_VARIABLE);
  const assumptions = [...chosen.interp.assumptions, ...fromTemplates.assumed.filter((a) => !chosen.interp.assumptions.some((b) => b.variable === a.variable))];
  const result: EntryPointEvaluation = { candidates: [], dotenvFiles: chosen.interp.loadedEnvFiles(), problems: chosen.interp.problems };
  if (final?.value !== undefined) {
    result.settingsModule = selection(final, assumptions);
    const condition = assumptions.length ? { condition: assumptions.map(describeAssumption).join('; ') } : {};
    candidates.unshift({ value: final.value, location: final.location, ...condition });
  } else if (final) {
    result.undecided = final.pyValue?.kind === 'unknown' ? final.pyValue.reason : `${options.file} sets ${SETTINGS_VARIABLE} under a condition deploycheck cannot decide`;
    for (const alternative of final.alternatives ?? []) {
      candidates.push({ value: alternative.value!, location: alternative.location, condition: 'depends on a condition deploycheck cannot decide' });
    }
  }
  const configuration = chosen.values.get(CONFIGURATION_VARIABLE);
  if (configuration?.value !== undefined) result.configuration = selection(configuration, assumptions);

  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (seen.has(candidate.value)) continue;
    seen.add(candidate.value);
    result.candidates.push({ ...candidate, exists: findModule(options.workspace, options.root, candidate.value) !== undefined });
  }
  return result;
}

/**
 * A module name built from variables (`f'app.settings.{ENV}'`): a run with each variable bound to a
 * stand-in shows the name's shape, and the project's modules of that shape are the candidates. For
 * an undecided variable, the one naming production is assumed (else the code's default is noted).
 */
function templateCandidates(options: EvaluateEntryPointOptions, first: EntryPointRun, run: Run): { candidates: Candidate[]; assumed: Assumption[] } {
  const candidates: Candidate[] = [];
  const assumed: Assumption[] = [];
  const selected = first.values.get(SETTINGS_VARIABLE);
  if (!selected) return { candidates, assumed };
  for (const variable of variablesOf(selected.pyValue).slice(0, MAX_SELECTOR_VARIABLES)) {
    if (first.interp.assumedValue(variable) !== undefined) continue;
    const template = run({ standIns: [variable] })?.values.get(SETTINGS_VARIABLE);
    const standIn = selectorStandIn(0);
    const at = template?.value?.indexOf(standIn) ?? -1;
    if (!template?.value || at < 0) continue;
    const prefix = template.value.slice(0, at);
    const suffix = template.value.slice(at + standIn.length);
    const modules = pythonRoots(options.root).flatMap((root) => modulesMatching(options.workspace, root, prefix, suffix));
    const segments = [...new Set(modules.map((m) => m.slice(prefix.length, m.length - suffix.length)))];
    for (const segment of segments) candidates.push({ value: prefix + segment + suffix, location: template.location, condition: `${variable}=${segment}` });
    if (!isUndecided(first.interp, variable)) continue;
    const choice = productionChoice(segments);
    if (choice !== undefined) assumed.push({ variable, value: choice, location: selected.location, reason: MODULE_NAMES_PRODUCTION });
    else if (selected.value?.startsWith(prefix) && selected.value.endsWith(suffix)) {
      assumed.push({ variable, value: selected.value.slice(prefix.length, selected.value.length - suffix.length), location: selected.location, reason: CODE_DEFAULT });
    }
  }
  return { candidates, assumed };
}

/** `if` chains and dict lookups on variables: the module each of their values (and any other value) selects. */
function selectorCandidates(first: EntryPointRun, run: Run): Candidate[] {
  const candidates: Candidate[] = [];
  for (const [variable, literals] of [...first.interp.selectors].slice(0, MAX_SELECTOR_VARIABLES)) {
    const values = [...literals].slice(0, MAX_LITERALS);
    const other = ['other', 'unknown-environment'].find((v) => !literals.has(v))!;
    for (const value of [...values, other]) {
      const found = run({ bound: { [variable]: value } })?.values.get(SETTINGS_VARIABLE);
      if (found?.value === undefined) continue;
      const condition = value === other ? `${variable} is none of ${values.join(', ')}` : `${variable}=${value}`;
      candidates.push({ value: found.value, location: found.location, condition });
    }
  }
  return candidates;
}

function selection(value: EntryPointValue, assumptions: Assumption[]): EntryPointSelection {
  return { value: value.value!, location: value.location, forced: value.forced, assumptions, ...(value.dotenv ? { dotenv: value.dotenv } : {}) };
}

/** The environment variables a value was computed from, in order. */
function variablesOf(value: PyValue | undefined): string[] {
  return [...new Set((value?.env ?? []).map((read) => read.name))];
}

function pythonRoots(root: string): string[] {
  return [root, joinPath(root, 'src')];
}
