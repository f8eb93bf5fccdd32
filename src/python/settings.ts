import type { FileLocation } from '../core/location.js';
import type { EnvFileDialect, Environment, EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import type { Assumption, Settings } from './types.js';
import { MODULE_NAMES_PRODUCTION } from './assumptions.js';
import type { PyValue } from './value.js';
import { djangoDefaults } from './django-defaults.js';
import { EnvState } from './env-state.js';
import { Interpreter } from './evaluator.js';
import type { GeneratedModuleInfo } from './evaluator.js';
import { internalOf } from './internals.js';
import { resolveConfigurationsValue } from './configurations.js';
import { unknown } from './value-ops.js';

export interface EvaluateOptions {
  workspace: Workspace;
  /** Workspace-relative python path root of the project ('' = workspace root). */
  root: string;
  /** Dotted settings module, e.g. 'mysite.settings.production'. */
  module: string;
  environment: Environment;
  /** '3.2', '4.2', '5.2' … selects the global defaults. */
  djangoVersion: string;
  /** django-configurations DJANGO_CONFIGURATION. */
  configurationClass?: string;
  /**
   * Code loads a dotenv file at run time (environ.Env.read_env, decouple AutoConfig's .env/settings.ini,
   * dotenv.load_dotenv, configurations DOTENV), with the rules of `dialect`, the loading library.
   * Return its vars when production would have that file, undefined when not. Real environment vars
   * win over them (setdefault semantics).
   */
  loadEnvFile?(workspacePath: string, dialect: EnvFileDialect): EnvVar[] | undefined;
  /** False for a workspace file production does not have (left out of its image); absent means every committed file. */
  inProduction?(workspacePath: string): boolean;
  /** A module the repository lacks that production's start script writes: a star import of it may set the names before it. */
  generatedModule?(workspacePath: string): GeneratedModuleInfo | undefined;
  /** Node visits before evaluation stops with a 'step-budget' problem (default 200,000). */
  maxSteps?: number;
}

const DEFAULT_MAX_STEPS = 200_000;
import { classLinearization } from './internals.js';

/** Django's rule for what becomes a setting: `name.isupper()`. */
export function isSettingName(name: string): boolean {
  return name === name.toUpperCase() && /[A-Z]/.test(name);
}

/**
 * Evaluate a Django settings module symbolically under an environment, never executing it.
 * `__file__` is the absolute path `<workspace.root>/<workspace-relative path>` (POSIX separators), so
 * `Path(__file__).resolve().parent.parent` and `os.path` arithmetic give paths under the workspace root.
 * Never throws: what cannot be followed becomes an unknown value or an EvalProblem.
 */
export function evaluateSettings(options: EvaluateOptions): Settings {
  let run = runSettings(options, {});
  // A module name built from an undecided variable (`import_module(f'.{ENV}', __name__)` with ENV
  // unset): a second run binds the variable to a stand-in to list the modules it could name, and
  // when one names production, a last run evaluates the settings with that value assumed.
  const requested = [...run.interp.templateRequests].filter((v) => run.interp.assumedValue(v) === undefined).slice(0, 4);
  if (requested.length) {
    const probe = runSettings(options, { standIns: requested });
    const chosen: Assumption[] = requested.flatMap((variable) => {
      const choice = probe.interp.templateChoices.get(variable);
      return choice ? [{ variable, value: choice.value, location: choice.location, reason: MODULE_NAMES_PRODUCTION }] : [];
    });
    if (chosen.length) run = runSettings(options, { assumptions: chosen });
  }
  const { interp, values, assignedAt, file, configurationClass } = run;
  const defaults = djangoDefaults(options.djangoVersion);
  return {
    module: options.module,
    file,
    ...(configurationClass ? { configurationClass } : {}),
    values,
    assignedAt,
    get(name: string): PyValue {
      return values.get(name) ?? defaults.get(name) ?? unknown(`${name} is not set and Django has no default for it`);
    },
    has(name: string): boolean {
      return values.has(name);
    },
    files: [...new Set(interp.files)],
    envFiles: interp.loadedEnvFiles(),
    problems: interp.problems,
    assumptions: interp.assumptions,
    libraryCalls: interp.libraryCalls,
  };
}

interface SettingsRun {
  interp: Interpreter;
  values: Map<string, PyValue>;
  assignedAt: Map<string, FileLocation>;
  file: string;
  configurationClass?: string;
}

/** One evaluation of the settings module, with values assumed or stood in for some variables. */
function runSettings(options: EvaluateOptions, plan: { assumptions?: Assumption[]; standIns?: string[] }): SettingsRun {
  const interp = new Interpreter({
    workspace: options.workspace,
    root: options.root.replace(/\/+$/, ''),
    env: new EnvState(options.environment),
    maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
    ...(options.loadEnvFile ? { loadEnvFile: options.loadEnvFile } : {}),
    ...(options.inProduction ? { inProduction: options.inProduction } : {}),
    ...(options.generatedModule ? { generatedModule: options.generatedModule } : {}),
    ...plan,
  });
  const guessed = `${options.root ? `${options.root.replace(/\/+$/, '')}/` : ''}${options.module.split('.').join('/')}.py`;
  const values = new Map<string, PyValue>();
  const assignedAt = new Map<string, FileLocation>();
  let file = guessed;
  let configurationClass: string | undefined;
  try {
    const top: FileLocation = { file: guessed, line: 1, column: 1 };
    const record = interp.importModule(options.module, top);
    if (!record) {
      interp.problem('unresolved-import', `settings module ${options.module} is not in the project`, top);
    } else {
      file = record.file || guessed;
      for (const [name, value] of record.scope.values) {
        if (!isSettingName(name)) continue;
        values.set(name, value);
        const at = record.scope.assignedAt.get(name);
        if (at) assignedAt.set(name, at);
      }
      if (options.configurationClass) {
        const cls = record.scope.values.get(options.configurationClass);
        if (internalOf(cls)?.tag === 'class') {
          configurationClass = options.configurationClass;
          applyConfigurationClass(interp, cls!, values, assignedAt);
        } else {
          interp.problem('unresolved-import', `configuration class ${options.configurationClass} is not defined in ${options.module}`, { file, line: 1, column: 1 });
        }
      }
    }
  } catch (error) {
    interp.problem('raises', `internal error while evaluating ${options.module}: ${(error as Error)?.message ?? String(error)}`, { file, line: 1, column: 1 });
  }
  return { interp, values, assignedAt, file, ...(configurationClass ? { configurationClass } : {}) };
}

/** django-configurations: the class's UPPER_CASE attributes (bases first) override the module's names. */
function applyConfigurationClass(interp: Interpreter, cls: PyValue, values: Map<string, PyValue>, assignedAt: Map<string, FileLocation>): void {
  const order = classLinearization(cls).reverse();
  for (const c of order) {
    const internal = internalOf(c);
    if (internal?.tag !== 'class') continue;
    const dotenv = internal.scope.values.get('DOTENV');
    if (dotenv && (dotenv.kind === 'str' || dotenv.kind === 'path')) {
      const relative = interp.toWorkspacePath(dotenv.value);
      // django-configurations reads DOTENV with django-environ's line rules.
      const vars = relative === undefined ? undefined : interp.loadEnvFile(relative, 'django-environ');
      if (vars) interp.env.load(vars, false);
    }
  }
  for (const c of order) {
    const internal = internalOf(c);
    if (internal?.tag !== 'class') continue;
    for (const [name, value] of internal.scope.values) {
      if (!isSettingName(name) || name === 'DOTENV') continue;
      const at = internal.scope.assignedAt.get(name) ?? { file: internal.file, line: 1, column: 1 };
      const own = internalOf(value);
      let resolved = value;
      if (own?.tag === 'configurations.Value') {
        interp.file = at.file;
        resolved = resolveConfigurationsValue(interp, name, value, at);
      } else if (own?.tag === 'function') resolved = unknown(`${name} is computed by a method of ${internal.name}`, { loc: at });
      values.set(name, resolved);
      assignedAt.set(name, at);
    }
  }
}
