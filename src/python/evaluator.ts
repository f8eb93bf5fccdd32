import type { FileLocation } from '../engine/types.js';
import type { EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import { nodeLocation } from './parser.js';
import { parseModule } from './syntax.js';
import type { EvalProblem, EvalProblemKind } from './types.js';
import type { EnvRead, PyDict, PyValue } from './value.js';
import { truthy } from './value.js';
import type { EnvState } from './env-state.js';
import { Scope } from './scope.js';
import { internalOf, setInternal } from './internals.js';
import {
  binaryOp,
  bool,
  compare,
  dictLookup,
  dictSet,
  envOf,
  float,
  int,
  list,
  mergeDicts,
  mergeEnv,
  none,
  object,
  pyEquals,
  pyStr,
  reprOf,
  str,
  tuple,
  unknown,
  withMeta,
} from './pyops.js';
import { applyFormatSpec, decodeEscapes, percentFormat } from './strings.js';
import { callExternal, callObject, externalAttribute } from './library-calls.js';
import { callMethod, valueAttribute } from './methods.js';

/** Thrown by a Python exception while inside a `try` (or by an explicit `raise`). */
export class RaiseSignal {
  constructor(
    readonly exception: string,
    readonly message: string,
    readonly where: FileLocation,
    readonly kind: EvalProblemKind = 'raises',
  ) {}
}

class BudgetSignal {}
class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

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

/** Python truthiness, except that objects standing for library attributes (`sys.argv`) are undecidable. */
export function decide(value: PyValue): boolean | undefined {
  if (value.kind === 'object' && (value.type.startsWith('ext:') || value.type === 'bound-method')) return undefined;
  return truthy(value);
}

/** Deeper expressions become unknown instead of exhausting the JavaScript stack. */
const MAX_DEPTH = 400;

const EXCEPTION_PARENTS: Record<string, string> = {
  ModuleNotFoundError: 'ImportError',
  KeyError: 'LookupError',
  IndexError: 'LookupError',
  UndefinedValueError: 'Exception',
  ImproperlyConfigured: 'Exception',
  ImportError: 'Exception',
  LookupError: 'Exception',
  ValueError: 'Exception',
  TypeError: 'Exception',
  AttributeError: 'Exception',
  OSError: 'Exception',
  FileNotFoundError: 'OSError',
  Exception: 'BaseException',
};

function exceptionMatches(raised: string, handler: string): boolean {
  for (let name: string | undefined = raised; name; name = EXCEPTION_PARENTS[name]) if (name === handler) return true;
  return !(raised in EXCEPTION_PARENTS) && (handler === 'Exception' || handler === 'BaseException');
}

const BUILTIN_NAMES = new Set([
  'bool', 'int', 'float', 'str', 'list', 'tuple', 'dict', 'set', 'frozenset', 'len', 'print', 'range', 'sorted', 'reversed',
  'isinstance', 'open', 'vars', 'locals', 'globals', 'getattr', 'hasattr', 'setattr', 'any', 'all', 'min', 'max', 'sum', 'repr',
  'bytes', 'map', 'filter', 'zip', 'enumerate', 'abs', 'round', 'type', 'object', 'Exception', 'ImportError',
  'ModuleNotFoundError', 'KeyError', 'ValueError', 'TypeError', 'AttributeError', 'LookupError', 'IndexError', 'OSError',
  'FileNotFoundError', 'BaseException', 'NameError', 'RuntimeError',
]);

/** A symbolic interpreter for module-level Python code: never executes anything, never throws. */
export class Interpreter {
  readonly env: EnvState;
  readonly problems: EvalProblem[] = [];
  private readonly problemKeys = new Set<string>();
  readonly files: string[] = [];
  readonly absRoot: string;
  private readonly modules = new Map<string, ModuleRecord | null>();
  private readonly directories = new Set<string>();
  private readonly envFiles = new Map<string, EnvVar[] | undefined>();
  private steps = 0;
  private budgetReported = false;
  private tryDepth = 0;
  private depth = 0;
  /** The module being evaluated and the simple statement being executed (for locations). */
  file = '';
  statement: FileLocation = { file: '', line: 1, column: 1 };
  private module: ModuleRecord | undefined;

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
    if (this.tryDepth > 0) throw new RaiseSignal(exception, message, where, kind);
    this.problem(kind, message, where);
    return unknown(message, { loc: where, env: env ?? [] });
  }

  private step(): void {
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
    const scope = new Scope();
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
    const saved = { file: this.file, module: this.module, tryDepth: this.tryDepth, statement: this.statement };
    this.file = record.file;
    this.module = record;
    this.tryDepth = 0;
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
      this.runTopLevel(recoverStatements(read.text, root, 10), scope);
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

  /** Module-level statements: an exception or a budget overrun in one statement does not stop the rest. */
  private runTopLevel(statements: SyntaxNode[], scope: Scope): void {
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i]!;
      try {
        this.execStatement(statement, scope);
      } catch (error) {
        if (error instanceof BudgetSignal) {
          if (!this.budgetReported) {
            this.budgetReported = true;
            this.problem('step-budget', `evaluation stopped after ${this.options.maxSteps} steps`, this.here(statement));
          }
          for (const rest of statements.slice(i)) this.poison(rest, scope, 'evaluation step budget exhausted');
          return;
        }
        if (error instanceof RaiseSignal) {
          this.problem(error.kind, error.message, error.where);
          this.poison(statement, scope, error.message);
        } else if (!(error instanceof LoopSignal)) {
          this.poison(statement, scope, `internal error: ${(error as Error)?.message ?? String(error)}`);
        }
      }
    }
  }

  /** Mark every name a statement would assign or mutate as unknown. */
  poison(node: SyntaxNode, scope: Scope, reason: string): void {
    const names = new Set<string>();
    const pending: SyntaxNode[] = [node];
    while (pending.length) {
      const n = pending.pop()!;
      if (n.type === 'assignment' || n.type === 'augmented_assignment') {
        const left = n.childForFieldName('left');
        if (left) collectTargetNames(left, names);
      } else if (n.type === 'call') {
        const fn = n.childForFieldName('function');
        if (fn?.type === 'attribute') {
          const root = rootName(fn.childForFieldName('object'));
          if (root) names.add(root);
        }
      } else if (n.type === 'class_definition' || n.type === 'function_definition') {
        const name = n.childForFieldName('name');
        if (name) names.add(name.text);
        continue;
      } else if (n.type === 'import_from_statement' || n.type === 'import_statement') {
        for (const child of n.namedChildren) {
          if (child === n.childForFieldName('module_name')) continue;
          const alias = child.type === 'aliased_import' ? child.childForFieldName('alias') : child;
          if (alias && alias.type !== 'wildcard_import') names.add(alias.text.split('.')[0]!);
        }
      }
      pending.push(...n.namedChildren);
    }
    const where = this.here(node);
    for (const name of names) scope.set(name, unknown(reason, { loc: where }), where);
  }

  // ------------------------------------------------------------------ statements

  execBlock(block: SyntaxNode | null, scope: Scope): void {
    if (!block) return;
    for (const statement of block.namedChildren) {
      if (!statement) continue;
      try {
        this.execStatement(statement, scope);
      } catch (error) {
        if (error instanceof BudgetSignal || error instanceof RaiseSignal || error instanceof LoopSignal) throw error;
        this.poison(statement, scope, `internal error: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }

  private execStatement(node: SyntaxNode, scope: Scope): void {
    this.step();
    this.statement = this.here(node);
    switch (node.type) {
      case 'expression_statement':
        for (const child of node.namedChildren) {
          if (!child) continue;
          if (child.type === 'assignment') this.execAssignment(child, scope);
          else if (child.type === 'augmented_assignment') this.execAugmented(child, scope);
          else this.evalExpr(child, scope);
        }
        return;
      case 'import_statement':
        return this.execImport(node, scope);
      case 'import_from_statement':
        return this.execImportFrom(node, scope);
      case 'if_statement':
        return this.execIf(node, scope);
      case 'try_statement':
        return this.execTry(node, scope);
      case 'for_statement':
        return this.execFor(node, scope);
      case 'while_statement':
        return this.poison(node.childForFieldName('body') ?? node, scope, 'assigned in a while loop');
      case 'with_statement':
        for (const item of node.descendantsOfType('with_item')) {
          const value = item?.childForFieldName('value');
          if (value?.type === 'as_pattern') {
            const target = value.namedChildren.find((c) => c?.type === 'as_pattern_target')?.namedChildren[0];
            if (target) this.assign(target, unknown(`bound by a with statement`, { loc: this.here(value) }), scope);
          }
        }
        return this.execBlock(node.childForFieldName('body'), scope);
      case 'class_definition':
        return this.execClass(node, scope);
      case 'function_definition':
      case 'decorated_definition': {
        const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
        if (definition?.type === 'class_definition') return this.execClass(definition, scope);
        const name = definition?.childForFieldName('name');
        if (!name) return;
        const fn = object('function', { loc: this.here(node) });
        const decorators = node.type === 'decorated_definition' ? node.namedChildren.filter((c) => c?.type === 'decorator').map((c) => c!.text) : [];
        setInternal(fn, { tag: 'function', name: name.text, property: decorators.some((d) => /property/.test(d)) });
        scope.set(name.text, fn, this.here(node));
        return;
      }
      case 'delete_statement':
        for (const target of node.namedChildren) if (target) this.deleteTarget(target, scope);
        return;
      case 'raise_statement': {
        const raised = node.namedChildren[0];
        const exception = raised ? exceptionName(raised) : 'Exception';
        throw new RaiseSignal(exception, `raise ${node.text.slice(6, 120)}`, this.here(node));
      }
      case 'break_statement':
        throw new LoopSignal('break');
      case 'continue_statement':
        throw new LoopSignal('continue');
      default:
        return;
    }
  }

  private execAssignment(node: SyntaxNode, scope: Scope): void {
    const right = node.childForFieldName('right');
    const left = node.childForFieldName('left');
    if (!right || !left) return;
    const targets: SyntaxNode[] = [left];
    let value: SyntaxNode = right;
    while (value.type === 'assignment') {
      const l = value.childForFieldName('left');
      const r = value.childForFieldName('right');
      if (!l || !r) return;
      targets.push(l);
      value = r;
    }
    const result = this.evalExpr(value, scope);
    for (const target of targets) this.assign(target, result, scope);
  }

  private execAugmented(node: SyntaxNode, scope: Scope): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    const op = node.childForFieldName('operator')?.text.slice(0, -1) ?? '+';
    if (!left || !right) return;
    const current = this.evalExpr(left, scope);
    const operand = this.evalExpr(right, scope);
    let result = this.binary(op, current, operand, node);
    // `list += iterable` extends in place with any iterable, not only lists.
    if (op === '+' && current.kind === 'list' && (operand.kind === 'tuple' || operand.kind === 'set')) {
      result = list([...current.items, ...operand.items], { loc: current.loc, env: envOf(current, operand) });
    } else if (current.kind === 'list' && result.kind === 'list') result = withMeta(result, { loc: current.loc ?? this.here(node) });
    this.assign(left, result, scope);
  }

  /** Bind a target (name, tuple pattern, subscript, attribute) to a value. */
  assign(target: SyntaxNode, value: PyValue, scope: Scope): void {
    switch (target.type) {
      case 'identifier':
        scope.set(target.text, value, this.statement);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const parts = target.namedChildren.filter((c): c is SyntaxNode => c !== null);
        const items = value.kind === 'list' || value.kind === 'tuple' ? value.items : undefined;
        parts.forEach((part, i) => {
          const item =
            items && items.length === parts.length
              ? withMeta(items[i]!, { env: value.env })
              : unknown(value.kind === 'unknown' ? value.reason : 'unpacked from a value that is not a known sequence', { loc: value.loc, env: value.env });
          this.assign(part, item, scope);
        });
        return;
      }
      case 'parenthesized_expression': {
        const inner = target.namedChildren[0];
        if (inner) this.assign(inner, value, scope);
        return;
      }
      case 'subscript':
        return this.assignSubscript(target, value, scope);
      case 'attribute':
        return this.assignAttribute(target, value, scope);
      default:
        return;
    }
  }

  private assignSubscript(target: SyntaxNode, value: PyValue, scope: Scope): void {
    const containerNode = target.childForFieldName('value');
    const keyNode = target.childForFieldName('subscript');
    if (!containerNode || !keyNode) return;
    const key = this.evalExpr(keyNode, scope);
    if (this.isOsEnviron(containerNode, scope)) {
      if (key.kind === 'str') this.env.assign(key.value, value.kind === 'str' ? value.value : undefined, this.statement);
      return;
    }
    if (containerNode.type === 'call' && isNamespaceCall(containerNode)) {
      if (key.kind === 'str') scope.set(key.value, value, this.statement);
      return;
    }
    const container = this.evalExpr(containerNode, scope);
    const updated = this.withItem(container, key, value);
    this.writeBack(containerNode, updated, scope);
  }

  /** A copy of a container with one item set (values are never mutated in place). */
  withItem(container: PyValue, key: PyValue, value: PyValue): PyValue {
    if (container.kind === 'dict') {
      const copy: PyDict = { ...container, entries: [...container.entries] };
      if (key.kind === 'unknown') return unknown(`item set with an unknown key: ${key.reason}`, { loc: container.loc, env: mergeEnv(container.env, key.env) });
      dictSet(copy, key, value);
      return copy;
    }
    if (container.kind === 'list' && key.kind === 'int') {
      const index = key.value < 0 ? container.items.length + key.value : key.value;
      if (index >= 0 && index < container.items.length) {
        const items = [...container.items];
        items[index] = value;
        return { ...container, items };
      }
    }
    if (container.kind === 'unknown') return container;
    return unknown('item assignment that is not modelled', { loc: container.loc, env: mergeEnv(container.env, key.env, value.env) });
  }

  /** Store a new value at the place an expression names (a name or a chain of subscripts). */
  writeBack(place: SyntaxNode, value: PyValue, scope: Scope): void {
    if (place.type === 'identifier') {
      const owner = scope.values.has(place.text) || !scope.parent?.values.has(place.text) ? scope : scope.parent;
      owner.set(place.text, value, this.statement);
    } else if (place.type === 'subscript') this.assignSubscript(place, value, scope);
    else if (place.type === 'attribute') this.assignAttribute(place, value, scope);
    else if (place.type === 'parenthesized_expression' && place.namedChildren[0]) this.writeBack(place.namedChildren[0], value, scope);
  }

  private assignAttribute(target: SyntaxNode, value: PyValue, scope: Scope): void {
    const objectNode = target.childForFieldName('object');
    const name = target.childForFieldName('attribute')?.text;
    if (!objectNode || !name) return;
    const owner = this.evalExpr(objectNode, scope);
    const internal = internalOf(owner);
    if (internal?.tag === 'environ.Env') {
      if (name === 'prefix' && value.kind === 'str') internal.prefix = value.value;
      if (name === 'smart_cast') internal.smartCast = truthy(value) !== false;
    } else if (internal?.tag === 'class') internal.scope.set(name, value, this.statement);
    else if (internal?.tag === 'module') internal.module.scope.set(name, value, this.statement);
  }

  private deleteTarget(target: SyntaxNode, scope: Scope): void {
    if (target.type === 'identifier') scope.set(target.text, undefined);
    else if (target.type === 'expression_list' || target.type === 'tuple') {
      for (const c of target.namedChildren) if (c) this.deleteTarget(c, scope);
    }
    else if (target.type === 'subscript') {
      const containerNode = target.childForFieldName('value');
      const keyNode = target.childForFieldName('subscript');
      if (!containerNode || !keyNode) return;
      const container = this.evalExpr(containerNode, scope);
      const key = this.evalExpr(keyNode, scope);
      let updated: PyValue = unknown('item deletion that is not modelled', { loc: container.loc, env: container.env });
      if (container.kind === 'dict' && key.kind !== 'unknown') {
        updated = { ...container, entries: container.entries.filter((e) => pyEquals(e.key, key) !== true) };
      } else if (container.kind === 'list' && key.kind === 'int') {
        const index = key.value < 0 ? container.items.length + key.value : key.value;
        updated = { ...container, items: container.items.filter((_, i) => i !== index) };
      }
      this.writeBack(containerNode, updated, scope);
    }
  }

  private execIf(node: SyntaxNode, scope: Scope): void {
    const clauses: { condition?: SyntaxNode; body: SyntaxNode | null }[] = [
      { condition: node.childForFieldName('condition') ?? undefined, body: node.childForFieldName('consequence') },
    ];
    for (const alt of node.childrenForFieldName('alternative')) {
      if (!alt) continue;
      if (alt.type === 'elif_clause') clauses.push({ condition: alt.childForFieldName('condition') ?? undefined, body: alt.childForFieldName('consequence') });
      else clauses.push({ body: alt.childForFieldName('body') });
    }
    this.execClauses(clauses, 0, scope);
  }

  private execClauses(clauses: { condition?: SyntaxNode; body: SyntaxNode | null }[], index: number, scope: Scope): void {
    const clause = clauses[index];
    if (!clause) return;
    if (!clause.condition) return this.execBlock(clause.body, scope);
    const condition = this.evalExpr(clause.condition, scope);
    const decided = decide(condition);
    const rest = () => this.execClauses(clauses, index + 1, scope);
    const taken = () => this.execBlock(clause.body, scope);
    if (decided !== undefined) {
      const mark = scope.mark();
      if (decided) taken();
      else rest();
      this.attachControl(scope, mark, condition.env);
      return;
    }
    this.runBothBranches(scope, taken, rest, condition, clause.condition.text);
  }

  /** Values assigned under a condition that depends on env vars depend on those vars too. */
  private attachControl(scope: Scope, mark: number, env: EnvRead[] | undefined): void {
    if (!env?.length) return;
    for (const name of scope.changesSince(mark).keys()) {
      const value = scope.values.get(name);
      if (value) scope.replace(name, withMeta(value, { env }));
    }
  }

  /**
   * An undecidable condition: run both branches and merge. A name both branches leave equal keeps
   * its value; otherwise it is unknown. A branch that raises is dropped (the other is the only one
   * that lets the settings import).
   */
  runBothBranches(scope: Scope, first: () => void, second: () => void, condition: PyValue, conditionText: string): void {
    const run = (branch: () => void): RaiseSignal | undefined => {
      try {
        branch();
        return undefined;
      } catch (error) {
        if (error instanceof RaiseSignal) return error;
        throw error;
      }
    };
    const mark = scope.mark();
    const firstRaised = run(first);
    const firstChanges = scope.changesSince(mark);
    const firstValues = new Map([...firstChanges.keys()].map((name) => [name, { value: scope.values.get(name), at: scope.assignedAt.get(name) }]));
    scope.undo(mark);
    const secondRaised = run(second);
    if (firstRaised && secondRaised) throw firstRaised;
    const secondChanges = scope.changesSince(mark);
    const env = condition.env;
    if (firstRaised) return this.attachControl(scope, mark, env);
    if (secondRaised) {
      scope.undo(mark);
      for (const [name, { value, at }] of firstValues) scope.set(name, value, at);
      return this.attachControl(scope, mark, env);
    }
    const reason = condition.kind === 'unknown' ? `depends on ${conditionText} (${condition.reason})` : `depends on ${conditionText}`;
    for (const name of new Set([...firstChanges.keys(), ...secondChanges.keys()])) {
      const before = firstChanges.get(name) ?? secondChanges.get(name)!;
      const a = firstValues.has(name) ? firstValues.get(name)!.value : before.had ? before.prev : undefined;
      const b = scope.values.get(name);
      const at = scope.assignedAt.get(name) ?? firstValues.get(name)?.at ?? this.statement;
      if (a === b) continue;
      if (a && b && pyEquals(a, b) === true) scope.set(name, withMeta(b, { env }), at);
      else scope.set(name, unknown(reason, { loc: b?.loc ?? a?.loc, env: mergeEnv(env, a?.env, b?.env) }), at);
    }
  }

  private execTry(node: SyntaxNode, scope: Scope): void {
    const handlers = node.namedChildren.filter((c) => c?.type === 'except_clause' || c?.type === 'except_group_clause') as SyntaxNode[];
    const elseClause = node.namedChildren.find((c) => c?.type === 'else_clause');
    const finallyClause = node.namedChildren.find((c) => c?.type === 'finally_clause');
    let raised: RaiseSignal | undefined;
    this.tryDepth++;
    try {
      this.execBlock(node.childForFieldName('body'), scope);
    } catch (error) {
      if (!(error instanceof RaiseSignal)) throw error;
      raised = error;
    } finally {
      this.tryDepth--;
    }
    try {
      if (raised) {
        const handler = handlers.find((h) => this.handles(h, raised!.exception, scope));
        if (!handler) throw raised;
        const pattern = handler.namedChildren.find((c) => c?.type === 'as_pattern');
        const alias = pattern?.namedChildren.find((c) => c?.type === 'as_pattern_target')?.namedChildren[0];
        if (alias) this.assign(alias, unknown(`the caught ${raised.exception}`, { loc: this.here(alias) }), scope);
        this.execBlock(handler.namedChildren.find((c) => c?.type === 'block') ?? null, scope);
      } else if (elseClause) this.execBlock(elseClause.childForFieldName('body'), scope);
    } finally {
      if (finallyClause) this.execBlock(finallyClause.namedChildren.find((c) => c?.type === 'block') ?? null, scope);
    }
  }

  private handles(handler: SyntaxNode, exception: string, scope: Scope): boolean {
    let value = handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
    if (!value) return true;
    if (value.type === 'as_pattern') value = value.namedChildren[0] ?? value;
    const names = value.type === 'tuple' || value.type === 'parenthesized_expression' ? value.namedChildren : [value];
    return names.some((n) => {
      if (!n) return false;
      const resolved = this.evalExpr(n, scope);
      const dotted = resolved.kind === 'object' && resolved.type.startsWith('ext:') ? resolved.type.slice(4) : n.text;
      return exceptionMatches(exception, dotted.split('.').pop()!);
    });
  }

  private execFor(node: SyntaxNode, scope: Scope): void {
    const left = node.childForFieldName('left');
    const body = node.childForFieldName('body');
    const iterable = this.evalExpr(node.childForFieldName('right')!, scope);
    const items = iterableItems(iterable);
    if (!items || !left) {
      this.poison(body ?? node, scope, iterable.kind === 'unknown' ? iterable.reason : 'assigned in a loop over values that are not known');
      return;
    }
    for (const item of items) {
      this.assign(left, withMeta(item, { env: iterable.env }), scope);
      try {
        this.execBlock(body, scope);
      } catch (error) {
        if (!(error instanceof LoopSignal)) throw error;
        if (error.kind === 'break') return;
      }
    }
    const elseClause = node.childForFieldName('alternative');
    if (elseClause) this.execBlock(elseClause.childForFieldName('body'), scope);
  }

  private execClass(node: SyntaxNode, scope: Scope): void {
    const name = node.childForFieldName('name')?.text;
    if (!name) return;
    const bases: PyValue[] = [];
    for (const arg of node.childForFieldName('superclasses')?.namedChildren ?? []) {
      if (arg && arg.type !== 'keyword_argument') bases.push(this.evalExpr(arg, scope));
    }
    const classScope = new Scope(this.module?.scope ?? scope);
    const cls = object('class', { loc: this.here(node) });
    setInternal(cls, { tag: 'class', name, bases, scope: classScope, file: this.file });
    this.execBlock(node.childForFieldName('body'), classScope);
    scope.set(name, cls, this.here(node));
  }

  // ------------------------------------------------------------------ imports

  private resolveRelative(prefixDots: number, dotted: string | undefined, where: FileLocation): string | undefined {
    const pkg = this.module?.package ?? '';
    const parts = pkg ? pkg.split('.') : [];
    if (prefixDots - 1 > parts.length) {
      this.problem('unresolved-import', `relative import beyond the top-level package in ${this.file}`, where);
      return undefined;
    }
    const base = parts.slice(0, parts.length - (prefixDots - 1));
    if (dotted) base.push(dotted);
    return base.join('.');
  }

  private missingModule(dotted: string, where: FileLocation): PyValue {
    return this.fail('ModuleNotFoundError', `cannot import ${dotted}: no such module in the project`, where, undefined, 'unresolved-import');
  }

  private execImport(node: SyntaxNode, scope: Scope): void {
    const where = this.here(node);
    for (const item of node.childrenForFieldName('name')) {
      if (!item) continue;
      const dottedNode = item.type === 'aliased_import' ? item.childForFieldName('name') : item;
      const alias = item.type === 'aliased_import' ? item.childForFieldName('alias')?.text : undefined;
      const dotted = dottedNode?.text.replace(/\s/g, '') ?? '';
      const top = dotted.split('.')[0]!;
      if (!this.isProjectTopLevel(top)) {
        scope.set(alias ?? top, object(`ext:${alias ? dotted : top}`), where);
        continue;
      }
      const record = this.importModule(dotted, where);
      if (!record) {
        scope.set(alias ?? top, this.missingModule(dotted, where), where);
        continue;
      }
      scope.set(alias ?? top, alias ? record.object : this.modules.get(top)!.object, where);
    }
  }

  private execImportFrom(node: SyntaxNode, scope: Scope): void {
    const where = this.here(node);
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    let dotted: string | undefined;
    let project: boolean;
    if (moduleNode.type === 'relative_import') {
      const dots = moduleNode.namedChildren.find((c) => c?.type === 'import_prefix')?.text.length ?? 1;
      dotted = this.resolveRelative(dots, moduleNode.namedChildren.find((c) => c?.type === 'dotted_name')?.text, where);
      if (dotted === undefined) return;
      project = true;
    } else {
      dotted = moduleNode.text.replace(/\s/g, '');
      project = this.isProjectTopLevel(dotted.split('.')[0]!);
    }
    if (dotted === '__future__') return;
    const names = node.childrenForFieldName('name').filter((n): n is SyntaxNode => n !== null);
    const wildcard = node.namedChildren.some((c) => c?.type === 'wildcard_import');
    if (!project) {
      // `try: from local_settings import * except ImportError:` — a star import of a module that is
      // not in the project is almost always optional local settings, so it is treated as absent.
      if (wildcard && this.tryDepth > 0) throw new RaiseSignal('ModuleNotFoundError', `No module named ${dotted}`, where, 'unresolved-import');
      for (const item of names) {
        const { name, alias } = importedName(item);
        scope.set(alias, object(`ext:${dotted}.${name}`), where);
      }
      return;
    }
    // `from package import submodule` while the package's __init__ runs is normal; the cycle is
    // reported below only when a name is actually missing from the half-evaluated module.
    const record = dotted === '' ? undefined : this.importModule(dotted, where, wildcard);
    if (!record) {
      if (dotted !== '' || !names.length) {
        const failure = this.missingModule(dotted || '(top level)', where);
        for (const item of names) scope.set(importedName(item).alias, failure, where);
        return;
      }
    }
    if (wildcard && record) return this.starImport(record, scope);
    for (const item of names) {
      const { name, alias } = importedName(item);
      let value = record?.scope.values.get(name);
      let at = record?.scope.assignedAt.get(name);
      if (!value) {
        const sub = this.importModule(dotted ? `${dotted}.${name}` : name, where);
        if (sub) {
          value = sub.object;
          at = where;
        }
      }
      if (value) scope.set(alias, value, at ?? where);
      else if (record?.loading) {
        this.problem('import-cycle', `import cycle: ${name} is imported from ${dotted} while it is still being evaluated`, where);
        scope.set(alias, unknown(`${name} is not defined yet in ${dotted} (import cycle)`, { loc: where }), where);
      } else scope.set(alias, this.fail('ImportError', `cannot import name ${name} from ${dotted}`, where, undefined, 'unresolved-import'), where);
    }
  }

  private starImport(record: ModuleRecord, scope: Scope): void {
    const all = record.scope.values.get('__all__');
    const names =
      all && (all.kind === 'list' || all.kind === 'tuple') && all.items.every((i) => i.kind === 'str')
        ? all.items.map((i) => (i as { value: string }).value)
        : [...record.scope.values.keys()].filter((n) => !n.startsWith('_'));
    for (const name of names) {
      const value = record.scope.values.get(name);
      if (value) scope.set(name, value, record.scope.assignedAt.get(name) ?? this.statement);
    }
  }

  // ------------------------------------------------------------------ expressions

  evalExpr(node: SyntaxNode, scope: Scope): PyValue {
    this.step();
    if (this.depth >= MAX_DEPTH) return unknown('expression nested too deeply to evaluate', { loc: this.here(node) });
    this.depth++;
    try {
      return this.evalNode(node, scope);
    } finally {
      this.depth--;
    }
  }

  private evalNode(node: SyntaxNode, scope: Scope): PyValue {
    const where = (): FileLocation => this.here(node);
    switch (node.type) {
      case 'identifier':
        return this.lookup(node.text, scope, node);
      case 'string':
      case 'concatenated_string':
        return this.evalString(node, scope);
      case 'integer': {
        const text = node.text.replace(/_/g, '').toLowerCase().replace(/l$/, '');
        const radix = /^0x/.test(text) ? 16 : /^0o/.test(text) ? 8 : /^0b/.test(text) ? 2 : 10;
        if (text.endsWith('j')) return unknown('complex numbers are not modelled', { loc: where() });
        const value = Number.parseInt(radix === 10 ? text : text.slice(2), radix);
        return int(value, { loc: where() });
      }
      case 'float':
        if (/j$/i.test(node.text)) return unknown('complex numbers are not modelled', { loc: where() });
        return float(Number.parseFloat(node.text.replace(/_/g, '')), { loc: where() });
      case 'true':
        return bool(true, { loc: where() });
      case 'false':
        return bool(false, { loc: where() });
      case 'none':
        return none({ loc: where() });
      case 'ellipsis':
        return object('ellipsis', { loc: where() });
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c?.type !== 'comment');
        return inner ? this.evalExpr(inner, scope) : tuple([], { loc: where() });
      }
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
        return this.evalSequence(node, scope);
      case 'dictionary':
        return this.evalDict(node, scope);
      case 'binary_operator': {
        const left = this.evalExpr(node.childForFieldName('left')!, scope);
        const right = this.evalExpr(node.childForFieldName('right')!, scope);
        return withMeta(this.binary(node.childForFieldName('operator')!.text, left, right, node), { loc: where() });
      }
      case 'unary_operator': {
        const operand = this.evalExpr(node.childForFieldName('argument')!, scope);
        const op = node.childForFieldName('operator')?.text;
        if (operand.kind === 'int' || operand.kind === 'float' || operand.kind === 'bool') {
          const n = operand.kind === 'bool' ? Number(operand.value) : operand.value;
          const meta = { loc: where(), env: operand.env };
          if (op === '-') return operand.kind === 'float' ? float(-n, meta) : int(-n, meta);
          if (op === '+') return operand.kind === 'float' ? float(n, meta) : int(n, meta);
          if (op === '~' && operand.kind !== 'float') return int(~n, meta);
        }
        return propagateUnknown([operand], `unary ${op} on a value that is not a number`, where());
      }
      case 'not_operator': {
        const operand = this.evalExpr(node.childForFieldName('argument')!, scope);
        const t = decide(operand);
        if (t === undefined) return unknown(operand.kind === 'unknown' ? operand.reason : `not ${node.text}`, { loc: where(), env: operand.env });
        return bool(!t, { loc: where(), env: operand.env });
      }
      case 'boolean_operator': {
        const left = this.evalExpr(node.childForFieldName('left')!, scope);
        const op = node.childForFieldName('operator')?.text;
        const t = decide(left);
        if (t === undefined) {
          const right = this.evalExpr(node.childForFieldName('right')!, scope);
          return unknown(left.kind === 'unknown' ? left.reason : `depends on ${node.text}`, { loc: where(), env: envOf(left, right) });
        }
        if ((op === 'and' && !t) || (op === 'or' && t)) return left;
        const right = this.evalExpr(node.childForFieldName('right')!, scope);
        return withMeta(right, { env: left.env });
      }
      case 'comparison_operator':
        return this.evalComparison(node, scope);
      case 'conditional_expression': {
        const [whenTrue, test, whenFalse] = node.namedChildren;
        if (!whenTrue || !test || !whenFalse) return unknown('incomplete conditional expression', { loc: where() });
        const condition = this.evalExpr(test, scope);
        const t = decide(condition);
        if (t === undefined) {
          const a = this.evalExpr(whenTrue, scope);
          const b = this.evalExpr(whenFalse, scope);
          if (pyEquals(a, b) === true) return withMeta(a, { env: condition.env });
          return unknown(condition.kind === 'unknown' ? condition.reason : `depends on ${test.text}`, { loc: where(), env: mergeEnv(condition.env, a.env, b.env) });
        }
        return withMeta(this.evalExpr(t ? whenTrue : whenFalse, scope), { env: condition.env });
      }
      case 'attribute': {
        const owner = this.evalExpr(node.childForFieldName('object')!, scope);
        const name = node.childForFieldName('attribute')!.text;
        return this.attribute(owner, name, where());
      }
      case 'subscript':
        return this.evalSubscript(node, scope);
      case 'call':
        return this.evalCall(node, scope);
      case 'named_expression': {
        const value = this.evalExpr(node.childForFieldName('value')!, scope);
        const name = node.childForFieldName('name');
        if (name) scope.set(name.text, value, this.statement);
        return value;
      }
      case 'lambda': {
        const fn = object('function', { loc: where() });
        setInternal(fn, { tag: 'function', name: '<lambda>', property: false });
        return fn;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'dictionary_comprehension':
      case 'generator_expression':
        return this.evalComprehension(node, scope);
      default:
        return unknown(`${node.type.replace(/_/g, ' ')} is not evaluated`, { loc: where() });
    }
  }

  /** A comprehension over known iterables, run in its own scope; anything undecidable makes it unknown. */
  private evalComprehension(node: SyntaxNode, scope: Scope): PyValue {
    const where = this.here(node);
    const body = node.childForFieldName('body');
    const clauses = node.namedChildren.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
    const inner = new Scope(scope);
    const results: PyValue[] = [];
    let env: EnvRead[] | undefined;
    let failure: string | undefined;
    const run = (index: number): void => {
      if (failure) return;
      const clause = clauses[index];
      if (!clause) {
        if (body?.type === 'pair') {
          const key = this.evalExpr(body.childForFieldName('key')!, inner);
          results.push(key, this.evalExpr(body.childForFieldName('value')!, inner));
        } else if (body) results.push(this.evalExpr(body, inner));
        return;
      }
      if (clause.type === 'if_clause') {
        const condition = this.evalExpr(clause.namedChildren[0]!, inner);
        env = mergeEnv(env, condition.env);
        const decided = decide(condition);
        if (decided === undefined) failure = condition.kind === 'unknown' ? condition.reason : `cannot decide ${clause.text.slice(0, 60)}`;
        else if (decided) run(index + 1);
        return;
      }
      const iterable = this.evalExpr(clause.childForFieldName('right')!, inner);
      env = mergeEnv(env, iterable.env);
      const items = iterableItems(iterable);
      const left = clause.childForFieldName('left');
      if (!items || !left) {
        failure = iterable.kind === 'unknown' ? iterable.reason : `iterates over a value that is not known: ${clause.text.slice(0, 60)}`;
        return;
      }
      for (const item of items) {
        this.assign(left, item, inner);
        run(index + 1);
      }
    };
    run(0);
    if (failure) return unknown(failure, { loc: where, env });
    const meta = { loc: where, ...(env ? { env } : {}) };
    if (node.type === 'dictionary_comprehension') {
      const out: PyDict = { kind: 'dict', entries: [], ...meta };
      for (let i = 0; i + 1 < results.length; i += 2) {
        if (results[i]!.kind === 'unknown') return unknown((results[i] as { reason: string }).reason, meta);
        dictSet(out, results[i]!, results[i + 1]!);
      }
      return out;
    }
    if (node.type === 'set_comprehension') {
      const unique: PyValue[] = [];
      for (const item of results) if (!unique.some((u) => pyEquals(u, item) === true)) unique.push(item);
      return { kind: 'set', items: unique, ...meta };
    }
    return { kind: node.type === 'generator_expression' ? 'tuple' : 'list', items: results, ...meta };
  }

  private lookup(name: string, scope: Scope, node: SyntaxNode): PyValue {
    const value = scope.get(name);
    if (value) return value;
    if (BUILTIN_NAMES.has(name)) return object(`ext:builtins.${name}`);
    return unknown(`${name} is not defined here`, { loc: this.here(node) });
  }

  attribute(owner: PyValue, name: string, where: FileLocation): PyValue {
    if (owner.kind === 'unknown') return withMeta(owner, { loc: where });
    const internal = internalOf(owner);
    if (internal?.tag === 'module') {
      const value = internal.module.scope.values.get(name);
      if (value) return value;
      const sub = this.importModule(`${internal.module.name}.${name}`, where);
      if (sub) return sub.object;
      return unknown(`${internal.module.name} has no attribute ${name}`, { loc: where });
    }
    if (internal?.tag === 'class') {
      for (const cls of classLinearization(owner)) {
        const own = internalOf(cls);
        const value = own?.tag === 'class' ? own.scope.values.get(name) : undefined;
        if (value) return value;
      }
      return unknown(`class ${internal.name} has no known attribute ${name}`, { loc: where });
    }
    if (internal?.tag === 'environ.Env' && name === 'prefix') return str(internal.prefix, { loc: where });
    if (owner.kind === 'object' && owner.type.startsWith('ext:')) return externalAttribute(owner.type.slice(4), name, where);
    const fromValue = valueAttribute(this, owner, name, where);
    if (fromValue) return fromValue;
    if (owner.kind === 'object') {
      const bound = object('bound-method', { loc: where });
      setInternal(bound, { tag: 'bound', self: owner, name });
      return bound;
    }
    return unknown(`attribute ${name} of ${owner.kind} is not modelled`, { loc: where, env: owner.env });
  }

  binary(op: string, left: PyValue, right: PyValue, node: SyntaxNode): PyValue {
    const env = envOf(left, right);
    const meta = { loc: this.here(node), env };
    const missing = left.kind === 'unknown' ? left : right.kind === 'unknown' ? right : undefined;
    if (missing) return unknown((missing as { reason: string }).reason, meta);
    if (op === '%' && left.kind === 'str') {
      const text = percentFormat(left.value, right);
      return text === undefined ? unknown(`% formatting with parts that are not known: ${node.text.slice(0, 60)}`, meta) : str(text, meta);
    }
    const result = binaryOp(op, left, right);
    if (!result) return unknown(`${left.kind} ${op} ${right.kind} is not modelled`, meta);
    return withMeta(result, meta);
  }

  private evalComparison(node: SyntaxNode, scope: Scope): PyValue {
    const operands = node.namedChildren.filter((c): c is SyntaxNode => c !== null);
    const operators = node.childrenForFieldName('operators').map((o) => o!.text.replace(/\s+/g, ' '));
    const values = operands.map((o) => this.evalExpr(o, scope));
    const env = envOf(...values);
    let result: boolean | undefined = true;
    for (let i = 0; i < operators.length; i++) {
      const op = operators[i]!;
      const right = values[i + 1]!;
      if ((op === 'in' || op === 'not in') && right.kind === 'object' && right.type === 'ext:os.environ') {
        const name = values[i]!;
        if (name.kind !== 'str') return unknown(`${op} os.environ with a name that is not known`, { loc: this.here(node), env });
        const { hit, read } = this.env.read(name.value, 'in os.environ');
        if (operators.length > 1) return unknown('chained comparison with os.environ', { loc: this.here(node), env: mergeEnv(env, [read]) });
        return bool((hit !== undefined) === (op === 'in'), { loc: this.here(node), env: mergeEnv(env, [read]) });
      }
      const r = compare(op, values[i]!, right);
      if (r === false) return bool(false, { loc: this.here(node), env });
      if (r === undefined) result = undefined;
    }
    if (result === undefined) {
      const cause = values.find((v) => v.kind === 'unknown') as { reason: string } | undefined;
      return unknown(cause?.reason ?? `cannot decide ${node.text.slice(0, 80)}`, { loc: this.here(node), env });
    }
    return bool(true, { loc: this.here(node), env });
  }

  private evalSequence(node: SyntaxNode, scope: Scope): PyValue {
    const items: PyValue[] = [];
    let opaque: PyValue | undefined;
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'list_splat') {
        const inner = this.evalExpr(child.namedChildren[0]!, scope);
        if (inner.kind === 'list' || inner.kind === 'tuple' || inner.kind === 'set') items.push(...inner.items);
        else opaque = inner;
      } else items.push(this.evalExpr(child, scope));
    }
    const kind = node.type === 'expression_list' ? 'tuple' : (node.type as 'list' | 'tuple' | 'set');
    if (opaque) return unknown(opaque.kind === 'unknown' ? opaque.reason : 'unpacks a value that is not a sequence', { loc: this.here(node), env: opaque.env });
    if (kind === 'set') {
      const unique: PyValue[] = [];
      for (const item of items) if (!unique.some((u) => pyEquals(u, item) === true)) unique.push(item);
      return { kind, items: unique, loc: this.here(node) };
    }
    return { kind, items, loc: this.here(node) };
  }

  private evalDict(node: SyntaxNode, scope: Scope): PyValue {
    let out: PyDict = { kind: 'dict', entries: [], loc: this.here(node) };
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'pair') {
        const key = this.evalExpr(child.childForFieldName('key')!, scope);
        const value = this.evalExpr(child.childForFieldName('value')!, scope);
        if (key.kind === 'unknown') return unknown(`dict key: ${key.reason}`, { loc: this.here(node), env: key.env });
        dictSet(out, key, value);
      } else if (child.type === 'dictionary_splat') {
        const inner = this.evalExpr(child.namedChildren[0]!, scope);
        if (inner.kind !== 'dict') return unknown(inner.kind === 'unknown' ? inner.reason : '** of a value that is not a dict', { loc: this.here(node), env: inner.env });
        out = mergeDicts(out, inner);
        out.loc = this.here(node);
      }
    }
    return out;
  }

  private evalSubscript(node: SyntaxNode, scope: Scope): PyValue {
    const containerNode = node.childForFieldName('value')!;
    const keyNode = node.childForFieldName('subscript');
    if (!keyNode) return unknown('empty subscript', { loc: this.here(node) });
    if (this.isOsEnviron(containerNode, scope)) {
      const key = this.evalExpr(keyNode, scope);
      if (key.kind !== 'str') return unknown('os.environ[] with a name that is not known', { loc: this.here(node), env: key.env });
      return osEnvironItem(this, key.value, this.here(node));
    }
    const container = this.evalExpr(containerNode, scope);
    const where = this.here(node);
    if (keyNode.type === 'slice') return this.evalSlice(container, keyNode, scope, where);
    const key = this.evalExpr(keyNode, scope);
    if (container.kind === 'unknown' || key.kind === 'unknown') {
      const cause = container.kind === 'unknown' ? container : key;
      return unknown((cause as { reason: string }).reason, { loc: where, env: envOf(container, key) });
    }
    if (container.kind === 'dict') {
      const found = dictLookup(container, key);
      if (found) return withMeta(found, { env: container.env });
      if (found === null) return unknown(`cannot decide which key ${keyNode.text} is`, { loc: where, env: container.env });
      return this.fail('KeyError', `KeyError: ${pyStr(key) ?? keyNode.text} is not in ${containerNode.text.slice(0, 60)}`, where, container.env);
    }
    if ((container.kind === 'list' || container.kind === 'tuple' || container.kind === 'str') && (key.kind === 'int' || key.kind === 'bool')) {
      const length = container.kind === 'str' ? container.value.length : container.items.length;
      const raw = key.kind === 'bool' ? Number(key.value) : key.value;
      const index = raw < 0 ? length + raw : raw;
      if (index < 0 || index >= length) return this.fail('IndexError', `IndexError: index ${raw} out of range in ${containerNode.text.slice(0, 60)}`, where, container.env);
      if (container.kind === 'str') return str(container.value[index]!, { loc: where, env: envOf(container, key) });
      return withMeta(container.items[index]!, { env: envOf(container, key) });
    }
    const internal = internalOf(container);
    if (container.kind === 'object' && container.type === 'path-parents' && internal?.tag === 'parents' && key.kind === 'int') {
      const parent = internal.paths[key.value];
      if (parent !== undefined) return { kind: 'path', value: parent, loc: where, ...(container.env ? { env: container.env } : {}) };
    }
    return unknown(`subscript of ${container.kind === 'object' ? container.type : container.kind} is not modelled`, { loc: where, env: envOf(container, key) });
  }

  private evalSlice(container: PyValue, sliceNode: SyntaxNode, scope: Scope, where: FileLocation): PyValue {
    const parts: (number | undefined)[] = [];
    let current: number | undefined;
    let known = true;
    for (const child of sliceNode.children) {
      if (!child) continue;
      if (child.type === ':') {
        parts.push(current);
        current = undefined;
      } else {
        const v = this.evalExpr(child, scope);
        if (v.kind === 'int') current = v.value;
        else if (v.kind !== 'none') known = false;
      }
    }
    parts.push(current);
    const [start, stop, stepValue] = parts;
    if (!known || (stepValue !== undefined && stepValue !== 1)) return unknown('slice is not modelled', { loc: where, env: container.env });
    const cut = <T>(items: T[]): T[] => items.slice(start ?? 0, stop ?? items.length);
    if (container.kind === 'str') return str(cut([...container.value]).join(''), { loc: where, env: container.env });
    if (container.kind === 'list' || container.kind === 'tuple') return { kind: container.kind, items: cut(container.items), loc: where, ...(container.env ? { env: container.env } : {}) };
    return unknown(container.kind === 'unknown' ? container.reason : 'slice is not modelled', { loc: where, env: container.env });
  }

  isOsEnviron(node: SyntaxNode, scope: Scope): boolean {
    if (node.type !== 'attribute' && node.type !== 'identifier') return false;
    const value = this.evalExpr(node, scope);
    return value.kind === 'object' && value.type === 'ext:os.environ';
  }

  private evalArgs(node: SyntaxNode | null, scope: Scope): Args {
    const args: Args = { positional: [], positionalNodes: [], keywords: new Map(), keywordNodes: new Map(), opaque: false };
    if (!node) return args;
    if (node.type === 'generator_expression') {
      args.positional.push(this.evalExpr(node, scope));
      args.positionalNodes.push(node);
      return args;
    }
    for (const child of node.namedChildren) {
      if (!child || child.type === 'comment') continue;
      if (child.type === 'keyword_argument') {
        const name = child.childForFieldName('name')!.text;
        const valueNode = child.childForFieldName('value')!;
        args.keywords.set(name, this.evalExpr(valueNode, scope));
        args.keywordNodes.set(name, valueNode);
      } else if (child.type === 'list_splat') {
        const inner = this.evalExpr(child.namedChildren[0]!, scope);
        if (inner.kind === 'list' || inner.kind === 'tuple') {
          args.positional.push(...inner.items);
          args.positionalNodes.push(...inner.items.map(() => undefined));
        } else args.opaque = true;
      } else if (child.type === 'dictionary_splat') {
        const inner = this.evalExpr(child.namedChildren[0]!, scope);
        if (inner.kind === 'dict') {
          for (const entry of inner.entries) if (entry.key.kind === 'str') args.keywords.set(entry.key.value, entry.value);
        } else args.opaque = true;
      } else {
        args.positional.push(this.evalExpr(child, scope));
        args.positionalNodes.push(child);
      }
    }
    return args;
  }

  private evalCall(node: SyntaxNode, scope: Scope): PyValue {
    const fnNode = node.childForFieldName('function')!;
    const where = this.here(node);
    const args = this.evalArgs(node.childForFieldName('arguments'), scope);
    if (fnNode.type === 'attribute') {
      const receiverNode = fnNode.childForFieldName('object')!;
      const name = fnNode.childForFieldName('attribute')!.text;
      if (name === 'update' && receiverNode.type === 'call' && isNamespaceCall(receiverNode)) {
        const update = args.positional[0];
        if (update?.kind === 'dict') {
          for (const entry of update.entries) if (entry.key.kind === 'str') scope.set(entry.key.value, entry.value, this.statement);
        }
        for (const [key, value] of args.keywords) scope.set(key, value, this.statement);
        return none({ loc: where });
      }
      const receiver = this.evalExpr(receiverNode, scope);
      if (!(receiver.kind === 'object' && (receiver.type.startsWith('ext:') || internalOf(receiver)?.tag === 'module' || internalOf(receiver)?.tag === 'class'))) {
        const outcome = callMethod(this, receiver, name, args, where);
        if (outcome) {
          if (outcome.updated) this.writeBack(receiverNode, outcome.updated, scope);
          return outcome.result;
        }
      }
      return this.call(this.attribute(receiver, name, this.here(fnNode)), args, node);
    }
    if (fnNode.type === 'identifier' && (fnNode.text === 'vars' || fnNode.text === 'globals' || fnNode.text === 'locals') && !scope.get(fnNode.text)) {
      return object('namespace', { loc: where });
    }
    return this.call(this.evalExpr(fnNode, scope), args, node);
  }

  call(fn: PyValue, args: Args, node: SyntaxNode): PyValue {
    const where = this.here(node);
    if (fn.kind === 'unknown') return unknown(fn.reason, { loc: where, env: fn.env });
    if (fn.kind === 'object' && fn.type.startsWith('ext:')) return callExternal(this, fn.type.slice(4), args, node);
    const internal = internalOf(fn);
    if (internal?.tag === 'function') return unknown(`calls ${internal.name}(), a function defined in the project`, { loc: where });
    if (internal?.tag === 'class') return unknown(`instance of class ${internal.name}`, { loc: where });
    if (internal?.tag === 'bound') {
      const outcome = callMethod(this, internal.self, internal.name, args, where);
      if (outcome) return outcome.result;
    }
    return callObject(this, fn, args, node) ?? unknown(`calling ${fn.kind === 'object' ? fn.type : fn.kind} is not modelled`, { loc: where });
  }

  /** Evaluate a string literal (all prefixes, implicit concatenation, f-strings with known parts). */
  private evalString(node: SyntaxNode, scope: Scope): PyValue {
    const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string') : [node];
    let text = '';
    let isBytes = false;
    let env: EnvRead[] | undefined;
    let missing: PyValue | undefined;
    for (const part of parts) {
      const start = part.children.find((c) => c?.type === 'string_start')?.text ?? '"';
      const prefix = start.replace(/['"]+$/, '').toLowerCase();
      const raw = prefix.includes('r');
      const formatted = prefix.includes('f');
      if (prefix.includes('b')) isBytes = true;
      for (const child of part.children) {
        if (!child) continue;
        if (child.type === 'string_content') {
          let content = raw ? child.text : decodeEscapes(child.text, prefix.includes('b'));
          if (formatted) content = content.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
          text += content;
        } else if (child.type === 'interpolation') {
          const piece = this.evalInterpolation(child, scope);
          env = mergeEnv(env, piece.value.env);
          if (piece.text === undefined) missing ??= piece.value;
          else text += piece.text;
        }
      }
    }
    const meta = { loc: this.here(node), env };
    if (missing) {
      return unknown(missing.kind === 'unknown' ? `f-string part: ${missing.reason}` : `f-string part ${missing.kind} has no known text`, meta);
    }
    return isBytes ? { kind: 'bytes', value: text, ...meta } : str(text, meta);
  }

  private evalInterpolation(node: SyntaxNode, scope: Scope): { value: PyValue; text: string | undefined } {
    const expression = node.childForFieldName('expression');
    if (!expression) return { value: unknown('empty f-string part'), text: undefined };
    const value = this.evalExpr(expression, scope);
    const conversion = node.childForFieldName('type_conversion')?.text;
    const specNode = node.childForFieldName('format_specifier');
    const self = node.children.some((c) => c?.type === '=') ? `${expression.text}=` : '';
    let spec = '';
    if (specNode) {
      spec = specNode.text.replace(/^:/, '');
      for (const child of specNode.namedChildren) {
        if (child?.type !== 'format_expression') continue;
        const inner = child.childForFieldName('expression');
        const v = inner ? this.evalExpr(inner, scope) : undefined;
        const t = v ? pyStr(v) : undefined;
        if (t === undefined) return { value: v ?? value, text: undefined };
        spec = spec.replace(child.text, t);
      }
    }
    if (value.kind === 'unknown') return { value, text: undefined };
    let text: string | undefined;
    if (conversion === '!r' || (self && !conversion && !specNode)) text = reprOf(value);
    else text = applyFormatSpec(value, spec);
    return { value, text: text === undefined ? undefined : self + text };
  }
}

// ------------------------------------------------------------------ helpers

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

/** `os.environ['X']`: KeyError when unset. */
export function osEnvironItem(interp: Interpreter, name: string, where: FileLocation): PyValue {
  const { hit, read } = interp.env.read(name, 'os.environ[]');
  if (!hit) return interp.fail('KeyError', `${name} is not set: os.environ['${name}'] raises KeyError`, where, [read]);
  if (hit.value === undefined) return unknown(`${name} is set by ${hit.sourceLabel ?? 'the platform'}, value not known here`, { loc: where, env: [read] });
  return str(hit.value, { loc: where, env: [read] });
}

/** The items a `for` would visit, or undefined when not known. */
function iterableItems(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') return value.items;
  if (value.kind === 'dict') return value.entries.map((e) => e.key);
  if (value.kind === 'str') return [...value.value].map((c) => str(c));
  return undefined;
}

function propagateUnknown(values: PyValue[], reason: string, where: FileLocation): PyValue {
  const cause = values.find((v) => v.kind === 'unknown') as { reason: string } | undefined;
  return unknown(cause?.reason ?? reason, { loc: where, env: envOf(...values) });
}

function importedName(item: SyntaxNode): { name: string; alias: string } {
  if (item.type === 'aliased_import') {
    const name = item.childForFieldName('name')?.text ?? '';
    return { name, alias: item.childForFieldName('alias')?.text ?? name };
  }
  return { name: item.text, alias: item.text };
}

function isNamespaceCall(node: SyntaxNode): boolean {
  const fn = node.childForFieldName('function');
  return fn?.type === 'identifier' && ['vars', 'globals', 'locals'].includes(fn.text) && (node.childForFieldName('arguments')?.namedChildCount ?? 0) === 0;
}

function exceptionName(node: SyntaxNode): string {
  const callee = node.type === 'call' ? node.childForFieldName('function') : node;
  return (callee?.text ?? 'Exception').split('.').pop()!;
}

function rootName(node: SyntaxNode | null): string | undefined {
  let current = node;
  while (current && (current.type === 'subscript' || current.type === 'attribute')) {
    current = current.type === 'subscript' ? current.childForFieldName('value') : current.childForFieldName('object');
  }
  return current?.type === 'identifier' ? current.text : undefined;
}

function collectTargetNames(node: SyntaxNode, names: Set<string>): void {
  if (node.type === 'identifier') names.add(node.text);
  else if (node.type === 'subscript' || node.type === 'attribute') {
    const root = rootName(node);
    if (root) names.add(root);
  } else for (const child of node.namedChildren) if (child) collectTargetNames(child, names);
}

/** Method resolution order of a project class (depth-first, a class after all its subclasses). */
export function classLinearization(cls: PyValue): PyValue[] {
  const order: PyValue[] = [];
  const visit = (c: PyValue, depth: number): void => {
    if (depth > 50) return;
    order.push(c);
    const internal = internalOf(c);
    if (internal?.tag === 'class') for (const base of internal.bases) visit(base, depth + 1);
  };
  visit(cls, 0);
  return order.filter((c, i) => order.lastIndexOf(c) === i);
}
