import type { FileLocation } from '../engine/types.js';
import type { EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import { nodeLocation } from './parser.js';
import { parseModule } from './syntax.js';
import type { EvalProblem, EvalProblemKind } from './types.js';
import type { EnvRead, PyValue } from './value.js';
import type { EnvState } from './env-state.js';
import { Journal, Scope } from './scope.js';
import { setInternal } from './internals.js';
import { object, str, unknown } from './pyops.js';
import { BudgetSignal, RaiseSignal } from './signals.js';
import { runTopLevel } from './statements.js';
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

export interface InterpreterOptions {
  workspace: Workspace;
  root: string;
  env: EnvState;
  maxSteps: number;
  loadEnvFile?: (workspacePath: string) => EnvVar[] | undefined;
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
  private readonly directories = new Set<string>();
  private readonly envFiles = new Map<string, EnvVar[] | undefined>();
  private steps = 0;
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

  constructor(readonly options: InterpreterOptions) {
    this.env = options.env;
    this.absRoot = options.workspace.root.replace(/\\/g, '/').replace(/\/+$/, '') || '/';
    for (const path of options.workspace.files) {
      for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) this.directories.add(path.slice(0, i));
    }
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
   */
  requiredRead(exception: string, message: string, where: FileLocation, read: EnvRead): PyValue {
    if (this.tryDepth > 0) throw new RaiseSignal(exception, message, where, 'raises', [read]);
    const provided: EnvRead = { ...read, set: true, sourceLabel: REQUIRED_SOURCE };
    return unknown(`${read.name} is required by the code and not set in the repository, so the platform provides it (value not known here)`, {
      loc: where,
      env: [provided],
    });
  }

  /** Count one evaluation step; throws BudgetSignal when the budget is exhausted. */
  step(): void {
    if (++this.steps > this.options.maxSteps) throw new BudgetSignal();
  }

  /** A workspace path exists in the project as production would see it (gitignored files do not). */
  exists(path: string): boolean {
    const ws = this.options.workspace;
    return ws.exists(path) && ws.isIgnored(path) !== true;
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

  /** The variables of an env file production would have (each file read once per evaluation). */
  loadEnvFile(workspacePath: string): EnvVar[] | undefined {
    if (this.envFiles.has(workspacePath)) return this.envFiles.get(workspacePath);
    let vars: EnvVar[] | undefined;
    try {
      vars = this.exists(workspacePath) ? this.options.loadEnvFile?.(workspacePath) : undefined;
    } catch {
      vars = undefined;
    }
    this.envFiles.set(workspacePath, vars);
    return vars;
  }

  // ------------------------------------------------------------------ modules

  private moduleFile(dotted: string): { file: string; isPackage: boolean } | undefined {
    const base = (this.options.root ? `${this.options.root}/` : '') + dotted.split('.').join('/');
    if (this.exists(`${base}.py`)) return { file: `${base}.py`, isPackage: false };
    if (this.exists(`${base}/__init__.py`)) return { file: `${base}/__init__.py`, isPackage: true };
    if (this.directories.has(base)) return { file: '', isPackage: true };
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
    const visit = (node: SyntaxNode): void => {
      if (reported >= 5) return;
      if (node.isError || node.isMissing) {
        reported++;
        const what = node.isMissing ? `missing ${node.type}` : `unexpected ${JSON.stringify(node.text.split('\n')[0]!.slice(0, 40))}`;
        this.problem('syntax-error', `syntax error: ${what}`, { file: this.file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 });
        return;
      }
      if (!node.hasError) return;
      for (const child of node.children) if (child) visit(child);
    };
    visit(root);
  }

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
