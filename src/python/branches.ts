import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { EnvRead, PyValue } from './value.js';
import { RaiseSignal, ReturnSignal } from './signals.js';
import { containsReturn } from './functions.js';
import { decide, evalExpr } from './expressions.js';
import { assignedNames, execBlock } from './statements.js';
import { certainItemsOf, mergeEnv, pyEquals, unknownWithItems, withMeta } from './pyops.js';

/** `if` statements: a decided condition runs one clause, an undecidable one runs both and joins. */

export function execIf(interp: Interpreter, node: SyntaxNode, scope: Scope): void {
  const clauses: { condition?: SyntaxNode; body: SyntaxNode | null }[] = [
    { condition: node.childForFieldName('condition') ?? undefined, body: node.childForFieldName('consequence') },
  ];
  for (const alt of node.childrenForFieldName('alternative')) {
    if (!alt) continue;
    if (alt.type === 'elif_clause') clauses.push({ condition: alt.childForFieldName('condition') ?? undefined, body: alt.childForFieldName('consequence') });
    else clauses.push({ body: alt.childForFieldName('body') });
  }
  execClauses(interp, clauses, 0, scope);
}

export function execClauses(interp: Interpreter, clauses: { condition?: SyntaxNode; body: SyntaxNode | null }[], index: number, scope: Scope): void {
  const clause = clauses[index];
  if (!clause) return;
  if (!clause.condition) return execBlock(interp, clause.body, scope);
  const condition = evalExpr(interp, clause.condition, scope);
  const decided = decide(condition);
  const rest = () => execClauses(interp, clauses, index + 1, scope);
  const taken = () => execBlock(interp, clause.body, scope);
  if (decided !== undefined) {
    const remaining = clauses.slice(index);
    const frame = interp.frames.at(-1);
    if (frame && remaining.some((c) => containsReturn(c.body))) frame.controlEnv = mergeEnv(frame.controlEnv, condition.env);
    const mark = scope.mark();
    if (decided) taken();
    else rest();
    // What the clauses not taken would have assigned holds only because of the condition too.
    const names = new Set(scope.changesSince(mark).keys());
    for (const c of remaining) if (c.body) for (const name of assignedNames(c.body)) names.add(name);
    attachControl(scope, names, condition.env);
    return;
  }
  runBothBranches(interp, scope, taken, rest, condition, clause.condition.text);
}

/** Values assigned under a condition that depends on env vars depend on those vars too. */
function attachControl(scope: Scope, names: Iterable<string>, env: EnvRead[] | undefined): void {
  if (!env?.length) return;
  for (const name of names) {
    const value = scope.values.get(name);
    if (value) scope.set(name, withControl(value, env), scope.assignedAt.get(name));
  }
}

/**
 * A value with a control dependency: the reads go on the value and on its items and dict values
 * too (rules look inside, e.g. at `DATABASES['default']['ENGINE']`, and each part is what it is
 * because of the condition).
 */
function withControl(value: PyValue, env: EnvRead[], depth = 0): PyValue {
  const out = withMeta(value, { env });
  if (depth >= 3) return out;
  if (out.kind === 'list' || out.kind === 'tuple' || out.kind === 'set') return { ...out, items: out.items.map((item) => withControl(item, env, depth + 1)) };
  if (out.kind === 'dict') return { ...out, entries: out.entries.map((e) => ({ key: e.key, value: withControl(e.value, env, depth + 1) })) };
  return out;
}

type Outcome = { kind: 'done' } | { kind: 'raised'; signal: RaiseSignal } | { kind: 'returned'; signal: ReturnSignal };

/**
 * An undecidable condition: run both branches and join what each leaves (see joinValues). A branch
 * that raises is dropped (the other is the only one that lets the settings import). Inside a
 * function, a branch that returns ends its path: its value joins the function's result.
 */
export function runBothBranches(interp: Interpreter, scope: Scope, first: () => void, second: () => void, condition: PyValue, conditionText: string): void {
  // Inside a branch an error raises (as inside a `try`) so that the branch is dropped, not reported:
  // it happens only if production takes that branch.
  const run = (branch: () => void): Outcome => {
    interp.speculative++;
    try {
      branch();
      return { kind: 'done' };
    } catch (error) {
      if (error instanceof RaiseSignal) return { kind: 'raised', signal: error };
      if (error instanceof ReturnSignal) return { kind: 'returned', signal: error };
      throw error;
    } finally {
      interp.speculative--;
    }
  };
  const env = condition.env;
  const reason = condition.kind === 'unknown' ? `depends on ${conditionText} (${condition.reason})` : `depends on ${conditionText}`;
  const mark = scope.mark();
  const a = run(first);
  const firstChanges = scope.changesSince(mark);
  const firstValues = new Map([...firstChanges.keys()].map((name) => [name, { value: scope.values.get(name), at: scope.assignedAt.get(name) }]));
  scope.undo(mark);
  const b = run(second);
  const secondChanges = scope.changesSince(mark);
  const keepFirst = (): void => {
    scope.undo(mark);
    for (const [name, { value, at }] of firstValues) scope.set(name, value, at);
  };
  if (a.kind === 'raised' && b.kind === 'raised') throw a.signal;
  if (a.kind === 'returned' && b.kind === 'returned') throw new ReturnSignal(joinValues(a.signal.value, b.signal.value, reason, env));
  if (a.kind === 'raised' && b.kind === 'returned') throw new ReturnSignal(withMeta(b.signal.value, { env }));
  if (a.kind === 'returned' && b.kind === 'raised') throw new ReturnSignal(withMeta(a.signal.value, { env }));
  if (a.kind !== 'done' || b.kind !== 'done') {
    // One path goes on: the state is the other path's; a value it returned joins the function's result.
    const ended = a.kind !== 'done' ? a : b;
    if (ended === b) keepFirst();
    if (ended.kind === 'returned') interp.frames.at(-1)?.pendingReturns.push(withMeta(ended.signal.value, { env }));
    return attachControl(scope, scope.changesSince(mark).keys(), env);
  }
  for (const name of new Set([...firstChanges.keys(), ...secondChanges.keys()])) {
    const before = firstChanges.get(name) ?? secondChanges.get(name)!;
    const first = firstValues.has(name) ? firstValues.get(name)!.value : before.had ? before.prev : undefined;
    const second = scope.values.get(name);
    const at = scope.assignedAt.get(name) ?? firstValues.get(name)?.at ?? interp.statement;
    if (first === second) continue;
    scope.set(name, joinValues(first, second, reason, env), at);
  }
}

/**
 * The value a name has after one of two paths, not knowing which: the value itself when both paths
 * agree, else unknown. A list/tuple/set keeps, as `certainItems`, the items both paths contain.
 */
export function joinValues(a: PyValue | undefined, b: PyValue | undefined, reason: string, env: EnvRead[] | undefined): PyValue {
  if (a && b && pyEquals(a, b) === true) return withMeta(b, { env });
  const itemsA = a && certainItemsOf(a);
  const itemsB = b && certainItemsOf(b);
  const common = itemsA && itemsB ? itemsA.filter((item) => itemsB.some((other) => pyEquals(item, other) === true)) : [];
  return unknownWithItems(reason, { loc: b?.loc ?? a?.loc, env: mergeEnv(env, a?.env, b?.env) }, common);
}
