import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { EnvRead, PyValue } from './value.js';
import { RaiseSignal } from './signals.js';
import { decide, evalExpr } from './expressions.js';
import { execBlock } from './statements.js';
import { mergeEnv, pyEquals, withMeta, unknown } from './pyops.js';

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
    const mark = scope.mark();
    if (decided) taken();
    else rest();
    attachControl(interp, scope, mark, condition.env);
    return;
  }
  runBothBranches(interp, scope, taken, rest, condition, clause.condition.text);
}

/** Values assigned under a condition that depends on env vars depend on those vars too. */
export function attachControl(interp: Interpreter, scope: Scope, mark: number, env: EnvRead[] | undefined): void {
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
export function runBothBranches(interp: Interpreter, scope: Scope, first: () => void, second: () => void, condition: PyValue, conditionText: string): void {
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
  if (firstRaised) return attachControl(interp, scope, mark, env);
  if (secondRaised) {
    scope.undo(mark);
    for (const [name, { value, at }] of firstValues) scope.set(name, value, at);
    return attachControl(interp, scope, mark, env);
  }
  const reason = condition.kind === 'unknown' ? `depends on ${conditionText} (${condition.reason})` : `depends on ${conditionText}`;
  for (const name of new Set([...firstChanges.keys(), ...secondChanges.keys()])) {
    const before = firstChanges.get(name) ?? secondChanges.get(name)!;
    const a = firstValues.has(name) ? firstValues.get(name)!.value : before.had ? before.prev : undefined;
    const b = scope.values.get(name);
    const at = scope.assignedAt.get(name) ?? firstValues.get(name)?.at ?? interp.statement;
    if (a === b) continue;
    if (a && b && pyEquals(a, b) === true) scope.set(name, withMeta(b, { env }), at);
    else scope.set(name, unknown(reason, { loc: b?.loc ?? a?.loc, env: mergeEnv(env, a?.env, b?.env) }), at);
  }
}
