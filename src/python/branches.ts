import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Mark, Scope } from './scope.js';
import type { FileLocation } from '../core/location.js';
import type { EnvRead, PyValue } from './value.js';
import { RaiseSignal, ReturnSignal } from './signals.js';
import { containsReturn } from './functions.js';
import { chooseClause } from './assumptions.js';
import { decide, evalExpr } from './expressions.js';
import { assignedNames, execBlock, placeOf, writtenNames } from './statements.js';
import { certainItemsOf, mergeEnv, pyEquals, tuple, unknownWithItems, withMeta } from './value-ops.js';

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
  const chosen = chooseClause(interp, clauses.map((c) => c.condition), scope);
  if (chosen === undefined) execClauses(interp, clauses, 0, scope);
  else if (chosen >= 0) execBlock(interp, clauses[chosen]!.body, scope);
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
    const places = changedPlaces(scope, mark);
    for (const c of remaining) {
      if (!c.body) continue;
      const written = writtenNames(c.body);
      for (const name of assignedNames(c.body)) addPlace(places, placeOf(scope, name, written), name);
    }
    attachControl(places, condition.env);
    return;
  }
  const reason = condition.kind === 'unknown' ? `depends on ${clause.condition.text} (${condition.reason})` : `depends on ${clause.condition.text}`;
  runBothBranches(interp, scope, taken, rest, reason, condition.env);
}

/** Names by the scope that binds them. */
type Places = Map<Scope, Set<string>>;

function addPlace(places: Places, scope: Scope, name: string): void {
  const names = places.get(scope);
  if (names) names.add(name);
  else places.set(scope, new Set([name]));
}

/** Every name written since `mark`, in any scope that existed then (module names a function sets through `global` too). */
function changedPlaces(scope: Scope, mark: Mark): Places {
  const places: Places = new Map();
  for (const [owner, names] of scope.allChangesSince(mark)) for (const name of names.keys()) addPlace(places, owner, name);
  return places;
}

/** What was assigned since `mark` depends on `env` too (a handler run because a variable is unset). */
export function attachControlSince(scope: Scope, mark: Mark, env: EnvRead[] | undefined): void {
  attachControl(changedPlaces(scope, mark), env);
}

/** Values assigned under a condition that depends on env vars depend on those vars too. */
function attachControl(places: Places, env: EnvRead[] | undefined): void {
  if (!env?.length) return;
  for (const [owner, names] of places) {
    for (const name of names) {
      const value = owner.values.get(name);
      if (value) owner.set(name, withControl(value, env), owner.assignedAt.get(name));
    }
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
 * An undecidable condition: run both branches and join what each leaves (see joinValues), in every
 * scope either wrote. A branch that raises is dropped (the other is the only one that lets the
 * settings import). Inside a function, a branch that returns ends its path: its value joins the
 * function's result. `reason` says what the choice depends on; `env`, the reads it was made from.
 */
export function runBothBranches(interp: Interpreter, scope: Scope, first: () => void, second: () => void, reason: string, env: EnvRead[] | undefined): void {
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
  const mark = scope.mark();
  const a = run(first);
  const firstChanges = scope.allChangesSince(mark);
  const firstValues = new Map<Scope, Map<string, { value: PyValue | undefined; at: FileLocation | undefined }>>();
  for (const [owner, names] of firstChanges) {
    firstValues.set(owner, new Map([...names.keys()].map((name) => [name, { value: owner.values.get(name), at: owner.assignedAt.get(name) }])));
  }
  scope.undo(mark);
  const b = run(second);
  const secondChanges = scope.allChangesSince(mark);
  const keepFirst = (): void => {
    scope.undo(mark);
    for (const [owner, names] of firstValues) for (const [name, { value, at }] of names) owner.set(name, value, at);
  };
  /**
   * The joins of what the two paths left, for every scope either wrote except `skip`, computed
   * while the second path's state is in place (the first one's is in firstValues).
   */
  const joins = (skip?: Scope): [Scope, string, PyValue, FileLocation | undefined][] => {
    const result: [Scope, string, PyValue, FileLocation | undefined][] = [];
    for (const owner of new Set([...firstChanges.keys(), ...secondChanges.keys()])) {
      if (owner === skip) continue;
      const firstNames = firstChanges.get(owner);
      const secondNames = secondChanges.get(owner);
      const ownFirstValues = firstValues.get(owner);
      for (const name of new Set([...(firstNames?.keys() ?? []), ...(secondNames?.keys() ?? [])])) {
        const before = firstNames?.get(name) ?? secondNames!.get(name)!;
        const firstValue = ownFirstValues?.has(name) ? ownFirstValues.get(name)!.value : before.had ? before.prev : undefined;
        const secondValue = owner.values.get(name);
        const at = owner.assignedAt.get(name) ?? ownFirstValues?.get(name)?.at ?? interp.statement;
        if (firstValue === secondValue) continue;
        result.push([owner, name, joinValues(firstValue, secondValue, reason, env), at]);
      }
    }
    return result;
  };
  const apply = (joined: ReturnType<typeof joins>) => {
    for (const [owner, name, value, at] of joined) owner.set(name, value, at);
  };

  if (a.kind === 'raised' && b.kind === 'raised') throw a.signal;
  // A path that returns ends the function, but what it wrote outside the function (a module name
  // through `global`, a mutated module list) stays: those writes join the other path's. Its locals die.
  if (a.kind === 'returned' && b.kind === 'returned') {
    apply(joins(scope));
    throw new ReturnSignal(joinValues(a.signal.value, b.signal.value, reason, env));
  }
  if (a.kind === 'raised' && b.kind === 'returned') throw new ReturnSignal(withMeta(b.signal.value, { env }));
  if (a.kind === 'returned' && b.kind === 'raised') {
    keepFirst();
    throw new ReturnSignal(withMeta(a.signal.value, { env }));
  }
  if (a.kind !== 'done' || b.kind !== 'done') {
    // One path goes on: the state is the other path's; a value it returned joins the function's result.
    const ended = a.kind !== 'done' ? a : b;
    const outer = ended.kind === 'returned' ? joins(scope) : [];
    if (ended === b) keepFirst();
    apply(outer);
    if (ended.kind === 'returned') interp.frames.at(-1)?.pendingReturns.push({ value: withMeta(ended.signal.value, { env }), reason });
    return attachControl(changedPlaces(scope, mark), env);
  }
  apply(joins());
}

/**
 * The value a name has after one of two paths, not knowing which: the value itself when both paths
 * agree, else unknown. A list/tuple/set keeps, as `certainItems`, the items both paths contain.
 */
export function joinValues(a: PyValue | undefined, b: PyValue | undefined, reason: string, env: EnvRead[] | undefined, depth = 0): PyValue {
  if (a && b && pyEquals(a, b) === true) return withMeta(b, { env });
  // Two tuples of one length (a function returning `apps, middleware` either way): item by item.
  if (a?.kind === 'tuple' && b?.kind === 'tuple' && a.items.length === b.items.length && depth < 3) {
    return tuple(a.items.map((item, i) => joinValues(item, b.items[i], reason, undefined, depth + 1)), { loc: b.loc ?? a.loc, env: mergeEnv(env, a.env, b.env) });
  }
  const itemsA = a && certainItemsOf(a);
  const itemsB = b && certainItemsOf(b);
  const common = itemsA && itemsB ? itemsA.filter((item) => itemsB.some((other) => pyEquals(item, other) === true)) : [];
  return unknownWithItems(reason, { loc: b?.loc ?? a?.loc, env: mergeEnv(env, a?.env, b?.env) }, common);
}
