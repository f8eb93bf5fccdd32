import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import { Scope } from './scope.js';
import type { EnvRead, PyValue } from './value.js';
import { BudgetSignal, LoopSignal, RaiseSignal, ReturnSignal, exceptionMatches } from './signals.js';
import { containsReturn, defineFunction } from './functions.js';
import { assign, deleteTarget } from './targets.js';
import { binary, evalExpr, iterableItems } from './expressions.js';
import { envOf, list, none, object, withMeta, unknown } from './value-ops.js';
import { attachControlSince, execIf } from './branches.js';
import { execImport, execImportFrom } from './imports.js';
import { internalOf, setInternal } from './internals.js';
import { withWhatIfs } from './counterfactual.js';
import { runTryWithOptionalImports } from './optional-imports.js';
import type { ImportFork } from './optional-imports.js';

/** Executing statements: blocks, assignments, `try`, `for`, `class`, `def`, `raise`. */

/** Module-level statements: an exception or a budget overrun in one statement does not stop the rest. */
export function runTopLevel(interp: Interpreter, statements: SyntaxNode[], scope: Scope): void {
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    try {
      execStatement(interp, statement, scope);
    } catch (error) {
      if (error instanceof BudgetSignal) {
        if (!interp.budgetReported) {
          interp.budgetReported = true;
          interp.problem('step-budget', `evaluation stopped after ${interp.options.maxSteps} steps`, interp.here(statement));
        }
        for (const rest of statements.slice(i)) poison(interp, rest, scope, 'evaluation step budget exhausted');
        return;
      }
      if (error instanceof RaiseSignal) {
        interp.problem(error.kind, error.message, error.where);
        poison(interp, statement, scope, error.message);
      } else if (!(error instanceof LoopSignal || error instanceof ReturnSignal)) {
        poison(interp, statement, scope, `internal error: ${(error as Error)?.message ?? String(error)}`);
      }
    }
  }
}

/**
 * Methods that change the object they are called on (lists, dicts, sets, os.environ, an Env that
 * reads a file into the environment). Other calls (`os.environ.get`, `env.bool`, `os.path.join`)
 * only read, so a statement that fails around them must not make `os` or `env` unknown.
 */
const MUTATING_METHODS = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'popitem', 'clear', 'update', 'setdefault', 'add', 'discard',
  'sort', 'reverse', 'read_env', 'putenv', 'unsetenv', '__setitem__', '__delitem__',
]);

/**
 * A module, or an object of a library the evaluator does not model (`os`, `environ`, `env =
 * environ.Env()`): a mutating call on it (`os.environ.setdefault`, `env.read_env`) changes the
 * environment or library state, never what the name is bound to, so it must not become unknown.
 */
export function isModuleLike(value: PyValue | undefined): boolean {
  return value?.kind === 'object' && (value.type.startsWith('ext:') || internalOf(value)?.tag === 'module');
}

/** Whether a statement that may have run changes what `name` holds, as far as the evaluator tracks it. */
export function mayChange(scope: Scope, name: string, written: { bound: Set<string> }): boolean {
  return written.bound.has(name) || !isModuleLike(scope.get(name));
}

/** Mark every name a statement would assign or mutate as unknown. */
export function poison(interp: Interpreter, node: SyntaxNode, scope: Scope, reason: string): void {
  const where = interp.here(node);
  const written = writtenNames(node);
  for (const name of assignedNames(node)) {
    if (mayChange(scope, name, written)) placeOf(scope, name, written).set(name, unknown(reason, { loc: where }), where);
  }
}

/** The names a statement (or block) would assign or mutate, found syntactically. */
export function assignedNames(node: SyntaxNode): Set<string> {
  const { bound, mutated } = writtenNames(node);
  return new Set([...bound, ...mutated]);
}

/**
 * The names a statement (or block) binds (`X = …`, `def X`, `import X`) and the names whose value
 * it mutates (`X.append(…)`, `X[k] = …`), found syntactically.
 */
export function writtenNames(node: SyntaxNode): { bound: Set<string>; mutated: Set<string> } {
  const bound = new Set<string>();
  const mutated = new Set<string>();
  const pending: SyntaxNode[] = [node];
  while (pending.length) {
    const n = pending.pop()!;
    if (n.type === 'assignment' || n.type === 'augmented_assignment') {
      const left = n.childForFieldName('left');
      if (left) collectTargetNames(left, bound, mutated);
    } else if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && MUTATING_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
        const root = rootName(fn.childForFieldName('object'));
        if (root) mutated.add(root);
      }
    } else if (n.type === 'class_definition' || n.type === 'function_definition') {
      const name = n.childForFieldName('name');
      if (name) bound.add(name.text);
      continue;
    } else if (n.type === 'import_from_statement' || n.type === 'import_statement') {
      for (const child of n.namedChildren) {
        if (child === n.childForFieldName('module_name')) continue;
        const alias = child.type === 'aliased_import' ? child.childForFieldName('alias') : child;
        if (alias && alias.type !== 'wildcard_import') bound.add(alias.text.split('.')[0]!);
      }
    }
    pending.push(...n.namedChildren);
  }
  return { bound, mutated };
}

/**
 * The scope a write of `name` by code run in `scope` lands in: a bound name is the scope's own
 * (or where `global` sends it); a name only mutated changes where it is bound, maybe outside.
 */
export function placeOf(scope: Scope, name: string, written: { bound: Set<string> }): Scope {
  return written.bound.has(name) ? scope.binder(name) : (scope.owner(name) ?? scope);
}

export function execBlock(interp: Interpreter, block: SyntaxNode | null, scope: Scope): void {
  if (!block) return;
  for (const statement of block.namedChildren) {
    if (!statement) continue;
    try {
      execStatement(interp, statement, scope);
    } catch (error) {
      if (error instanceof BudgetSignal || error instanceof RaiseSignal || error instanceof LoopSignal || error instanceof ReturnSignal) throw error;
      poison(interp, statement, scope, `internal error: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}

export function execStatement(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  interp.step();
  interp.statement = interp.here(node);
  switch (node.type) {
    case 'expression_statement':
      for (const child of node.namedChildren) {
        if (!child) continue;
        if (child.type === 'assignment') execAssignment(interp, child, scope);
        else if (child.type === 'augmented_assignment') execAugmented(interp, child, scope);
        else evalExpr(interp, child, scope);
      }
      return;
    case 'import_statement':
      return execImport(interp, node, scope);
    case 'import_from_statement':
      return execImportFrom(interp, node, scope);
    case 'if_statement':
      return execIf(interp, node, scope);
    case 'try_statement':
      return execTry(interp, node, scope);
    case 'for_statement':
      return execFor(interp, node, scope);
    case 'while_statement':
      return skipLoop(interp, node.childForFieldName('body') ?? node, scope, 'assigned in a while loop');
    case 'with_statement':
      for (const item of node.descendantsOfType('with_item')) {
        const value = item?.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const target = value.namedChildren.find((c) => c?.type === 'as_pattern_target')?.namedChildren[0];
          if (target) assign(interp, target, unknown(`bound by a with statement`, { loc: interp.here(value) }), scope);
        }
      }
      return execBlock(interp, node.childForFieldName('body'), scope);
    case 'class_definition':
      return execClass(interp, node, scope);
    case 'function_definition':
    case 'decorated_definition': {
      const definition = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
      if (definition?.type === 'class_definition') return execClass(interp, definition, scope);
      const name = definition?.childForFieldName('name');
      if (!name) return;
      scope.set(name.text, defineFunction(interp, node, scope), interp.here(node));
      return;
    }
    case 'return_statement': {
      const value = node.namedChildren.find((c) => c.type !== 'comment');
      throw new ReturnSignal(value ? evalExpr(interp, value, scope) : none({ loc: interp.here(node) }));
    }
    case 'delete_statement':
      for (const target of node.namedChildren) if (target) deleteTarget(interp, target, scope);
      return;
    case 'raise_statement': {
      const raised = node.namedChildren[0];
      const exception = raised ? exceptionName(raised) : 'Exception';
      throw new RaiseSignal(exception, `raise ${node.text.slice(6, 120)}`, interp.here(node));
    }
    case 'break_statement':
      throw new LoopSignal('break');
    case 'continue_statement':
      throw new LoopSignal('continue');
    default:
      return;
  }
}

export function execAssignment(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
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
  let result = evalExpr(interp, value, scope);
  // Settings are module (or django-configurations class) names; function locals need no second look.
  if (scope.kind === 'module' || scope.kind === 'class') result = withWhatIfs(interp, value, scope, result);
  for (const target of targets) assign(interp, target, result, scope);
}

export function execAugmented(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const op = node.childForFieldName('operator')?.text.slice(0, -1) ?? '+';
  if (!left || !right) return;
  const current = evalExpr(interp, left, scope);
  const operand = evalExpr(interp, right, scope);
  let result = binary(interp, op, current, operand, node);
  // `list += iterable` extends in place with any iterable, not only lists.
  if (op === '+' && current.kind === 'list' && (operand.kind === 'tuple' || operand.kind === 'set')) {
    result = list([...current.items, ...operand.items], { loc: current.loc, env: envOf(current, operand) });
  } else if (current.kind === 'list' && result.kind === 'list') result = withMeta(result, { loc: current.loc ?? interp.here(node) });
  assign(interp, left, result, scope);
}


/** The parts of a `try` statement. */
export interface TryClauses {
  body: SyntaxNode | null;
  handlers: SyntaxNode[];
  elseBody: SyntaxNode | null;
  finallyBody: SyntaxNode | null;
}

export function execTry(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  const clauses: TryClauses = {
    body: node.childForFieldName('body'),
    handlers: node.namedChildren.filter((c) => c?.type === 'except_clause' || c?.type === 'except_group_clause') as SyntaxNode[],
    elseBody: node.namedChildren.find((c) => c?.type === 'else_clause')?.childForFieldName('body') ?? null,
    finallyBody: node.namedChildren.find((c) => c?.type === 'finally_clause')?.namedChildren.find((c) => c?.type === 'block') ?? null,
  };
  try {
    if (!runTryWithOptionalImports(interp, node, clauses, scope)) runTryClauses(interp, clauses, scope, interp.importFork);
  } finally {
    if (clauses.finallyBody) execBlock(interp, clauses.finallyBody, scope);
  }
}

/**
 * The body, then the handler that catches what it raised or the `else` clause. `fork`: which
 * optional import of the body fails on this path (an enclosing `try`'s when this one does not fork).
 */
export function runTryClauses(interp: Interpreter, clauses: TryClauses, scope: Scope, fork: ImportFork | undefined): void {
  let raised: RaiseSignal | undefined;
  const outerFork = interp.importFork;
  interp.importFork = fork;
  interp.tryDepth++;
  try {
    execBlock(interp, clauses.body, scope);
  } catch (error) {
    if (!(error instanceof RaiseSignal)) throw error;
    raised = error;
  } finally {
    interp.tryDepth--;
    interp.importFork = outerFork;
  }
  if (raised) {
    const handler = clauses.handlers.find((h) => handles(interp, h, raised!.exception, scope));
    if (!handler) throw raised;
    const pattern = handler.namedChildren.find((c) => c?.type === 'as_pattern');
    const alias = pattern?.namedChildren.find((c) => c?.type === 'as_pattern_target')?.namedChildren[0];
    if (alias) assign(interp, alias, unknown(`the caught ${raised.exception}`, { loc: interp.here(alias) }), scope);
    const mark = scope.mark();
    execBlock(interp, handler.namedChildren.find((c) => c?.type === 'block') ?? null, scope);
    // A fallback for a missing variable holds only because it is unset: it fails open (confidence default).
    attachControlSince(scope, mark, raised.env);
  } else if (clauses.elseBody) execBlock(interp, clauses.elseBody, scope);
}

export function handles(interp: Interpreter, handler: SyntaxNode, exception: string, scope: Scope): boolean {
  let value = handler.namedChildren.find((c) => c && c.type !== 'block' && c.type !== 'comment');
  if (!value) return true;
  if (value.type === 'as_pattern') value = value.namedChildren[0] ?? value;
  const names = value.type === 'tuple' || value.type === 'parenthesized_expression' ? value.namedChildren : [value];
  return names.some((n) => {
    if (!n) return false;
    const resolved = evalExpr(interp, n, scope);
    const dotted = resolved.kind === 'object' && resolved.type.startsWith('ext:') ? resolved.type.slice(4) : n.text;
    return exceptionMatches(exception, dotted.split('.').pop()!);
  });
}

/**
 * A loop that is not run: what it assigns becomes unknown, and a function that may `return` from it
 * returns an unknown value (the code after the loop may never run, so it must not raise here).
 */
function skipLoop(interp: Interpreter, body: SyntaxNode, scope: Scope, reason: string, env?: EnvRead[]): void {
  poison(interp, body, scope, reason);
  if (interp.frames.length && containsReturn(body)) throw new ReturnSignal(unknown(reason, { loc: interp.here(body), env }));
}

export function execFor(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  const left = node.childForFieldName('left');
  const body = node.childForFieldName('body');
  const iterable = evalExpr(interp, node.childForFieldName('right')!, scope);
  const items = iterableItems(iterable);
  if (!items || !left) return skipLoop(interp, body ?? node, scope, iterable.kind === 'unknown' ? iterable.reason : 'assigned in a loop over values that are not known', iterable.env);
  for (const item of items) {
    assign(interp, left, withMeta(item, { env: iterable.env }), scope);
    try {
      execBlock(interp, body, scope);
    } catch (error) {
      if (!(error instanceof LoopSignal)) throw error;
      if (error.kind === 'break') return;
    }
  }
  const elseClause = node.childForFieldName('alternative');
  if (elseClause) execBlock(interp, elseClause.childForFieldName('body'), scope);
}

export function execClass(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  const name = node.childForFieldName('name')?.text;
  if (!name) return;
  const bases: PyValue[] = [];
  for (const arg of node.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (arg && arg.type !== 'keyword_argument') bases.push(evalExpr(interp, arg, scope));
  }
  const classScope = new Scope(interp.module?.scope ?? scope, 'class');
  const cls = object('class', { loc: interp.here(node) });
  setInternal(cls, { tag: 'class', name, bases, scope: classScope, file: interp.file });
  execBlock(interp, node.childForFieldName('body'), classScope);
  scope.set(name, cls, interp.here(node));
}

export function exceptionName(node: SyntaxNode): string {
  const callee = node.type === 'call' ? node.childForFieldName('function') : node;
  return (callee?.text ?? 'Exception').split('.').pop()!;
}

export function rootName(node: SyntaxNode | null): string | undefined {
  let current = node;
  while (current && (current.type === 'subscript' || current.type === 'attribute')) {
    current = current.type === 'subscript' ? current.childForFieldName('value') : current.childForFieldName('object');
  }
  return current?.type === 'identifier' ? current.text : undefined;
}

/** The names a target binds and the names whose values it mutates (`a[0] = …`, `a.b = …`), walked iteratively. */
export function collectTargetNames(node: SyntaxNode, bound: Set<string>, mutated: Set<string>): void {
  const stack = [node];
  while (stack.length) {
    const current = stack.pop()!;
    if (current.type === 'identifier') bound.add(current.text);
    else if (current.type === 'subscript' || current.type === 'attribute') {
      const root = rootName(current);
      if (root) mutated.add(root);
    } else for (const child of current.namedChildren) if (child) stack.push(child);
  }
}
