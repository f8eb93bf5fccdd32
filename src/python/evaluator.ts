import type { FileLocation } from '../core/location.js';
import type { EnvFileDialect, EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import { nodeLocation } from './parser.js';
import { parseModule } from './syntax.js';
import type { Assumption, EvalProblem, EvalProblemKind } from './types.js';
import type { EnvRead, PyValue } from './value.js';
import type { EnvState } from './env-state.js';
import { Journal, Scope } from './scope.js';
import { setInternal } from './internals.js';
import { object, str, unknown, unknownStr } from './value-ops.js';
import { BudgetSignal, LoopSignal, RaiseSignal, ReturnSignal } from './signals.js';
import { execStatement, poison, runTopLevel } from './statements.js';
import type { CallFrame } from './functions.js';
import type { ImportFork } from './optional-imports.js';

/** The source label of a variable the code requires and the repository never sets. */
export const REQUIRED_SOURCE = 'the platform (required by the code, not set in the repository)';

/**
 * The interpreter's shared state and module loading. Statements (statements.ts, branches.ts,
 * targets.ts, imports.ts, functions.ts) and expressions (expressions.ts, calls.ts,
 * string-literals.ts) are functions over this state.
 */

export interface ModuleRecord {
  name: string;
  file: string;
  /** The package relative imports resolve against. */
  package: string;
  scope: Scope;
  loading: boolean;
  object: PyValue;
}

export interface Args {
  positional: PyValue[];
  positionalNodes: (SyntaxNode | undefined)[];
  keywords: Map<string, PyValue>;
  keywordNodes: Map<string, SyntaxNode>;
  /** `*args`/`**kwargs` that could not be expanded. */
  opaque: boolean;
}

/** How production writes a module the repository does not hold. */
export interface GeneratedModuleInfo {
  /** The script line that writes it: `docker/start.sh:12`. */
  label: string;
  /** The committed file it is a copy of: the names that file assigns are the ones the module sets. */
  template?: string;
  /** Texts the script substitutes (`sed -i s/PLACEHOLDER/…/`): a template value holding one is rewritten. */
  edits: string[];
}

export interface InterpreterOptions {
  workspace: Workspace;
  root: string;
  env: EnvState;
  maxSteps: number;
  /**
   * The variables of an env file the code loads. `present` is false for a file production does not
   * have (not in the repository, gitignored, left out of its image): a loader may still say which
   * variables production sets from it (value unknown), or return undefined.
   */
  loadEnvFile?: (workspacePath: string, dialect: EnvFileDialect, present: boolean) => EnvVar[] | undefined;
  /** False for a workspace file production does not have though the repository does (left out of its image). */
  inProduction?: (workspacePath: string) => boolean;
  /** A module the repository lacks that a production start script writes (see src/production/generated-modules.ts). */
  generatedModule?: (workspacePath: string) => GeneratedModuleInfo | undefined;
  /** Assumptions made before this run (a module an earlier run chose for a variable: settings.ts, src/project/entry-points.ts). */
  assumptions?: Assumption[];
  /** Variables bound to stand-ins (`selectorStandIn`) to find the modules a name built from them may select. */
  standIns?: string[];
}

/** A call of a function from outside the project (`sentry_sdk.init(dsn=…, send_default_pii=True)`). */
export interface LibraryCall {
  /** The canonical dotted name of the callee, e.g. `sentry_sdk.init`. */
  callee: string;
  positional: PyValue[];
  keywords: ReadonlyMap<string, PyValue>;
  location: FileLocation;
  /** Made inside a branch of an undecidable condition: production may not make it. */
  speculative: boolean;
}

/** A write of an environment variable by the code: `os.environ.setdefault(NAME, value)` or `os.environ[NAME] = value`. */
export interface EnvWrite {
  name: string;
  value: PyValue;
  /** The location the write gives the variable in the environment (the call, or the statement). */
  at: FileLocation;
  forced: boolean;
  /** Made inside a branch of a condition the evaluator could not decide. */
  speculative: boolean;
}

const MAX_LIBRARY_CALLS = 1000;

/** The stand-in value of a variable while finding which modules a name built from it may select. */
export function selectorStandIn(index: number): string {
  return `__dcsel${index}__`;
}

const directories = new WeakMap<Workspace, Set<string>>();

/**
 * Every directory holding a file of the workspace (namespace packages), built on the first lookup
 * that needs it and shared by every interpreter of the workspace: a run builds several, and a
 * large repository lists tens of thousands of files.
 */
function directoriesOf(workspace: Workspace): Set<string> {
  let found = directories.get(workspace);
  if (!found) {
    found = new Set();
    for (const path of workspace.files) {
      for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) found.add(path.slice(0, i));
    }
    directories.set(workspace, found);
  }
  return found;
}

/** A symbolic interpreter for module-level Python code: never executes anything, never throws. */
export class Interpreter {
  readonly env: EnvState;
  readonly problems: EvalProblem[] = [];
  private readonly problemKeys = new Set<string>();
  readonly files: string[] = [];
  readonly absRoot: string;
  /** Every module imported so far (null: looked up and not in the project). */
  readonly modules = new Map<string, ModuleRecord | null>();
  /** Env files loaded so far, by dialect and path. */
  private readonly envFiles = new Map<string, EnvVar[] | undefined>();
  /** Evaluation steps so far (a what-if saves and restores it: see counterfactual.ts). */
  steps = 0;
  /** Whether the step-budget problem was reported already (once per evaluation). */
  budgetReported = false;
  /** How many `try` bodies enclose the code being run: exceptions propagate as signals inside one. */
  tryDepth = 0;
  /** How many branches of undecidable conditions enclose the code being run (errors there raise, to drop the branch). */
  speculative = 0;
  /** Nesting of expressions being evaluated (guards the JavaScript stack). */
  depth = 0;
  /** The module being evaluated and the simple statement being executed (for locations). */
  file = '';
  statement: FileLocation = { file: '', line: 1, column: 1 };
  module: ModuleRecord | undefined;
  /** The project functions being called, innermost last. */
  readonly frames: CallFrame[] = [];
  /** The writes of every scope, so that a branch can be undone and joined wherever it wrote. */
  readonly journal = new Journal();
  /** The innermost `try` that catches ImportError around optional imports (see optional-imports.ts). */
  importFork: ImportFork | undefined;
  /** Top-level names of libraries imported outside any `try`: the settings import only if they are installed. */
  readonly installed = new Set<string>();
  /** Whether the module being run is imported inside a `try` or an undecidable branch (its failure may be caught). */
  optionalModule = false;

  /** Values assumed for undecided variables the code selects on (see assumptions.ts). */
  readonly assumptions: Assumption[] = [];
  /** Variables `if` chains compare with literals, with those literals: the choices a selector offers. */
  readonly selectors = new Map<string, Set<string>>();
  /** Undecided variables a dynamic import's module name is built from: a later run finds the modules they may select. */
  readonly templateRequests = new Set<string>();
  /** Per stand-in variable, the production module segment found for it (see dynamic-imports.ts). */
  readonly templateChoices = new Map<string, { value: string; location: FileLocation }>();
  /** Stand-in value → variable. */
  readonly standIns = new Map<string, string>();
  /** Writes of environment variables by the code, in order. */
  readonly envWrites: EnvWrite[] = [];
  /** Calls of library functions the code made, in order (capped): rules read the ones that configure a library. */
  readonly libraryCalls: LibraryCall[] = [];

  constructor(readonly options: InterpreterOptions) {
    this.env = options.env;
    for (const assumption of options.assumptions ?? []) this.assume(assumption);
    (options.standIns ?? []).forEach((variable, i) => {
      const value = selectorStandIn(i);
      this.standIns.set(value, variable);
      this.env.bind(variable, value, undefined, 'a stand-in for the modules it may select');
    });
    this.absRoot = options.workspace.root.replace(/\\/g, '/').replace(/\/+$/, '') || '/';
  }

  // ------------------------------------------------------------------ assumptions and selection

  /** Record an assumption (the first one per variable counts) and make the variable read as its value. */
  assume(assumption: Assumption): void {
    if (this.assumptions.some((a) => a.variable === assumption.variable)) return;
    this.assumptions.push(assumption);
    this.env.bind(assumption.variable, assumption.value, assumption.location, `assumed: ${assumption.reason}`);
  }

  /** The value assumed (or stood in) for a variable, if any. */
  assumedValue(variable: string): string | undefined {
    return this.env.assumedValue(variable);
  }

  /** A selector on `variable` offering `literals` (bounded: a few variables, a few values each). */
  noteSelector(variable: string, literals: string[]): void {
    const known = this.selectors.get(variable) ?? new Set<string>();
    if (!this.selectors.has(variable) && this.selectors.size >= 8) return;
    for (const literal of literals.slice(0, 16)) known.add(literal);
    this.selectors.set(variable, known);
  }

  /** Note a call of a library function (the first MAX_LIBRARY_CALLS of a run). */
  noteLibraryCall(callee: string, args: Args, location: FileLocation): void {
    if (this.libraryCalls.length >= MAX_LIBRARY_CALLS) return;
    this.libraryCalls.push({ callee, positional: args.positional, keywords: args.keywords, location, speculative: this.speculative > 0 });
  }

  /** `os.environ.setdefault(name, value)` (at: the call) or `os.environ[name] = value` (forced; at: the statement). */
  noteEnvWrite(name: string, value: PyValue, at: FileLocation, forced: boolean): void {
    if (this.envWrites.length < 1000) this.envWrites.push({ name, value, at, forced, speculative: this.speculative > 0 });
  }

  /** The env files the code loaded that production has (dotenv loaders), in the order first loaded. */
  loadedEnvFiles(): string[] {
    const paths = [...this.envFiles].filter(([, vars]) => vars !== undefined).map(([key]) => key.slice(key.indexOf('\0') + 1));
    return [...new Set(paths)];
  }

  // ------------------------------------------------------------------ problems and locations

  here(node: SyntaxNode): FileLocation {
    return nodeLocation(node, this.file);
  }

  problem(kind: EvalProblemKind, message: string, location: FileLocation): void {
    const key = `${kind}\0${message}\0${location.file}\0${location.line}`;
    if (this.problemKeys.has(key)) return;
    this.problemKeys.add(key);
    this.problems.push({ kind, message, location });
  }

  /**
   * A Python exception at `where`: inside a `try` it propagates to the handlers; elsewhere it is
   * recorded as a problem and the expression becomes unknown so the rest of the module still evaluates.
   */
  fail(exception: string, message: string, where: FileLocation, env?: EnvRead[], kind: EvalProblemKind = 'raises'): PyValue {
    if (this.tryDepth > 0 || this.speculative > 0) throw new RaiseSignal(exception, message, where, kind);
    this.problem(kind, message, where);
    return unknown(message, { loc: where, env: env ?? [] });
  }

  /**
   * A read the code cannot go on without (`os.environ['X']`, `env('X')` or `config('X')` without a
   * default, a required django-configurations value) of a variable the environment does not set.
   * Inside a `try` it raises, so an `except` fallback is followed (that fallback is a default). Elsewhere,
   * a speculative branch included, no deployment could start without the variable, so production
   * provides it (the platform's secret store): set, value unknown, and nothing is reported.
   * `isStr`: the reader returns the text as is (no cast), so the value is a str of unknown content.
   */
  requiredRead(exception: string, message: string, where: FileLocation, read: EnvRead, isStr = false): PyValue {
    if (this.tryDepth > 0) throw new RaiseSignal(exception, message, where, 'raises', [read]);
    const provided: EnvRead = { ...read, set: true, sourceLabel: REQUIRED_SOURCE };
    return (isStr ? unknownStr : unknown)(`${read.name} is required by the code and not set in the repository, so the platform provides it (value not known here)`, {
      loc: where,
      env: [provided],
    });
  }

  /** Count one evaluation step; throws BudgetSignal when the budget is exhausted. */
  step(): void {
    if (++this.steps > this.options.maxSteps) throw new BudgetSignal();
  }

  /** A workspace path exists in the project as production would see it (gitignored files and those left out of its image do not). */
  exists(path: string): boolean {
    const ws = this.options.workspace;
    return ws.exists(path) && ws.isIgnored(path) !== true && this.options.inProduction?.(path) !== false;
  }

  /** The workspace-relative form of a path value (`__file__`-based paths are absolute under the root). */
  toWorkspacePath(path: string): string | undefined {
    if (path.startsWith(`${this.absRoot}/`)) return path.slice(this.absRoot.length + 1);
    if (path === this.absRoot) return '';
    if (path.startsWith('/')) return undefined;
    const base = this.options.root ? `${this.options.root}/` : '';
    return (base + path).replace(/^\.\//, '');
  }

  /** Absolute form of a workspace path: the value `__file__` and `Path(__file__)` use. */
  absolute(workspacePath: string): string {
    return this.absRoot === '/' ? `/${workspacePath}` : `${this.absRoot}/${workspacePath}`;
  }

  /**
   * The variables of an env file production would have, as `dialect`'s library reads it (each read
   * once per evaluation); for a file production lacks, those the loader knows it sets (value unknown).
   */
  loadEnvFile(workspacePath: string, dialect: EnvFileDialect): EnvVar[] | undefined {
    const key = `${dialect}\0${workspacePath}`;
    if (this.envFiles.has(key)) return this.envFiles.get(key);
    let vars: EnvVar[] | undefined;
    try {
      vars = this.options.loadEnvFile?.(workspacePath, dialect, this.exists(workspacePath));
    } catch {
      vars = undefined;
    }
    this.envFiles.set(key, vars);
    return vars;
  }

  // ------------------------------------------------------------------ modules

  /** The workspace path a module `dotted` would have as a plain file (`mysite/local_settings.py`). */
  modulePath(dotted: string): string {
    return `${this.moduleBase(dotted)}.py`;
  }

  private moduleBase(dotted: string): string {
    return (this.options.root ? `${this.options.root}/` : '') + dotted.split('.').join('/');
  }

  private moduleFile(dotted: string): { file: string; isPackage: boolean } | undefined {
    const base = this.moduleBase(dotted);
    if (this.exists(`${base}.py`)) return { file: `${base}.py`, isPackage: false };
    if (this.exists(`${base}/__init__.py`)) return { file: `${base}/__init__.py`, isPackage: true };
    if (directoriesOf(this.options.workspace).has(base)) return { file: '', isPackage: true };
    return undefined;
  }

  /** Whether a top-level name is a module or package of the workspace that git ignores (production does not have it). */
  isIgnoredModule(name: string): boolean {
    const ws = this.options.workspace;
    const base = (this.options.root ? `${this.options.root}/` : '') + name;
    return [`${base}.py`, `${base}/__init__.py`].some((path) => ws.exists(path) && ws.isIgnored(path) === true);
  }

  /** Whether a top-level name is a package or module of the project (else it is a library). */
  isProjectTopLevel(name: string): boolean {
    return this.moduleFile(name) !== undefined || this.modules.get(name) != null;
  }

  /**
   * Import a dotted module of the project, running its parent packages first like Python does.
   * Returns undefined when the module does not exist (the caller raises ImportError).
   */
  importModule(dotted: string, where: FileLocation, reportCycle = true): ModuleRecord | undefined {
    const parts = dotted.split('.');
    let record: ModuleRecord | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      // A package that is still running its __init__ may import its own submodules: not a cycle.
      const child = this.loadModule(name, where, reportCycle && i === parts.length);
      if (!child) return undefined;
      if (record && !record.scope.values.has(parts[i - 1]!)) record.scope.values.set(parts[i - 1]!, child.object);
      record = child;
    }
    return record;
  }

  private loadModule(name: string, where: FileLocation, target: boolean): ModuleRecord | undefined {
    const cached = this.modules.get(name);
    if (cached === null) return undefined;
    if (cached) {
      if (cached.loading && target) this.problem('import-cycle', `import cycle: ${name} is imported while it is still being evaluated`, where);
      return cached;
    }
    const found = this.moduleFile(name);
    if (!found) {
      this.modules.set(name, null);
      return undefined;
    }
    const scope = new Scope(undefined, 'module', this.journal);
    const moduleObject = object('module');
    const record: ModuleRecord = {
      name,
      file: found.file,
      package: found.isPackage ? name : name.split('.').slice(0, -1).join('.'),
      scope,
      loading: true,
      object: moduleObject,
    };
    setInternal(moduleObject, { tag: 'module', module: record });
    this.modules.set(name, record);
    if (found.file) this.runModule(record);
    record.loading = false;
    return record;
  }

  /**
   * Run a file as a module of its own (an entry point: manage.py runs as `__main__`), registered
   * under `name` unless that is `__main__`. Never throws.
   */
  runFile(file: string, name: string, packageName: string): ModuleRecord {
    const moduleObject = object('module');
    const record: ModuleRecord = { name, file, package: packageName, scope: new Scope(undefined, 'module', this.journal), loading: true, object: moduleObject };
    setInternal(moduleObject, { tag: 'module', module: record });
    if (name !== '__main__') this.modules.set(name, record);
    this.runModule(record);
    record.loading = false;
    return record;
  }

  /**
   * Run a file's statements in an existing namespace (`exec` of a file, django-split-settings
   * `include`). Inside a `try` or an undecidable branch exceptions propagate; elsewhere each
   * statement's failure is recorded and the rest still runs. Returns false when the file cannot be read.
   */
  runInScope(file: string, scope: Scope): boolean {
    const read = this.options.workspace.readText(file);
    if (!read.ok) {
      this.problem('unreadable-file', `cannot read ${file}: ${read.message}`, { file, line: 1, column: 1 });
      return false;
    }
    return this.runSourceInScope(read.text, file, scope);
  }

  /** Run source text as if it were `file`'s, in `scope` (see runInScope). */
  runSourceInScope(text: string, file: string, scope: Scope): boolean {
    const saved = { file: this.file, statement: this.statement };
    this.file = file;
    if (!this.files.includes(file)) this.files.push(file);
    try {
      const root = parseModule(text);
      this.reportSyntaxErrors(root);
      const statements = recoverStatements(text, root, 10);
      if (this.tryDepth > 0 || this.speculative > 0) {
        for (const statement of statements) {
          try {
            execStatement(this, statement, scope);
          } catch (error) {
            if (isSignal(error)) throw error;
            poison(this, statement, scope, `internal error: ${(error as Error)?.message ?? String(error)}`);
          }
        }
      } else runTopLevel(this, statements, scope);
    } finally {
      Object.assign(this, saved);
    }
    return true;
  }

  private runModule(record: ModuleRecord): void {
    const saved = {
      file: this.file,
      module: this.module,
      tryDepth: this.tryDepth,
      speculative: this.speculative,
      statement: this.statement,
      importFork: this.importFork,
      optionalModule: this.optionalModule,
    };
    this.file = record.file;
    this.module = record;
    this.optionalModule = this.optionalModule || this.tryDepth > 0 || this.speculative > 0;
    this.tryDepth = 0;
    this.speculative = 0;
    this.importFork = undefined;
    this.files.push(record.file);
    try {
      const read = this.options.workspace.readText(record.file);
      if (!read.ok) {
        this.problem('unreadable-file', `cannot read ${record.file}: ${read.message}`, { file: record.file, line: 1, column: 1 });
        return;
      }
      const root = parseModule(read.text);
      this.reportSyntaxErrors(root);
      const scope = record.scope;
      scope.values.set('__file__', str(this.absolute(record.file)));
      scope.values.set('__name__', str(record.name));
      runTopLevel(this, recoverStatements(read.text, root, 10), scope);
    } finally {
      Object.assign(this, saved);
    }
  }

  private reportSyntaxErrors(root: SyntaxNode): void {
    if (!root.hasError) return;
    let reported = 0;
    // Depth-first in source order, iterative: a deeply nested broken file must not overflow the stack.
    const pending: SyntaxNode[] = [root];
    while (pending.length && reported < 5) {
      const node = pending.pop()!;
      if (node.isError || node.isMissing) {
        reported++;
        const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.split('\n')[0]!.slice(0, 40))}`;
        this.problem('syntax-error', `syntax error: ${what}`, { file: this.file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
        continue;
      }
      if (!node.hasError) continue;
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
    }
  }

}

function isSignal(error: unknown): boolean {
  return error instanceof BudgetSignal || error instanceof RaiseSignal || error instanceof LoopSignal || error instanceof ReturnSignal;
}

/**
 * Top-level statements, recovering after a syntax error: tree-sitter folds the lines after a bad
 * line into one ERROR node, so the text after the error's first line is parsed again (line numbers
 * kept by padding) and its statements evaluated. At most `budget` recoveries per file.
 */
function recoverStatements(text: string, root: SyntaxNode, budget: number): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const child of root.namedChildren) {
    if (child.isError && child.endPosition.row > child.startPosition.row && budget > 0) {
      const row = child.startPosition.row;
      const lines = text.split('\n');
      const rest = '\n'.repeat(row + 1) + lines.slice(row + 1).join('\n');
      out.push(...recoverStatements(rest, parseModule(rest), budget - 1));
      return out;
    }
    out.push(child);
  }
  return out;
}
