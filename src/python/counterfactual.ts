import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { PyValue } from './value.js';
import { BudgetSignal, RaiseSignal, ReturnSignal } from './signals.js';
import { evalExpr } from './expressions.js';

/** Steps one what-if may take: a settings value is a few dozen; a helper that loops is not worth more. */
const WHAT_IF_STEPS = 2000;

/** Kinds whose what-if values a rule can judge (flags, numbers, words, or what could not be read). */
const JUDGED = new Set<PyValue['kind']>(['bool', 'int', 'float', 'str', 'none', 'unknown']);
/** Lists whose fail-open value a rule judges too (ALLOWED_HOSTS falling back to `'*'`); an "off" word means nothing to them. */
const SEQUENCES = new Set<PyValue['kind']>(['list', 'tuple', 'set']);

/**
 * The assigned `value` of `node`, with two what-ifs for the variables it reads: `ifUnset` (the set
 * ones with a code default unset; for lists too) and, for scalars, `ifOff` (all of them, set or not,
 * set to 'False' and to ''). Any derived form
 * (`.lower() == 'true'`, `in (...)`, `int(...)`, `bool(...)`, a helper function) then shows what a
 * missing variable or an "off" word does, without rules re-deriving Python.
 */
export function withWhatIfs(interp: Interpreter, node: SyntaxNode, scope: Scope, value: PyValue): PyValue {
  const sequence = SEQUENCES.has(value.kind);
  if ((!JUDGED.has(value.kind) && !sequence) || !value.env?.length) return value;
  const result = { ...value } as PyValue;
  const defaulted = [...new Set(value.env.filter((read) => read.set && read.defaultText !== undefined).map((read) => read.name))];
  const unset = defaulted.length ? reevaluate(interp, node, scope, () => interp.env.whileUnset(defaulted, () => evalExpr(interp, node, scope))) : undefined;
  if (unset) result.ifUnset = { value: unset, names: defaulted };
  if (sequence) return result;
  const names = [...new Set(value.env.map((read) => read.name))];
  const setTo = (text: string) => reevaluate(interp, node, scope, () => interp.env.whileSetTo(names, text, () => evalExpr(interp, node, scope)));
  const off = setTo('False');
  if (off) {
    const empty = setTo('');
    result.ifOff = { value: off, ...(empty ? { whenEmpty: empty } : {}), names };
  }
  return result;
}

/**
 * A speculative second evaluation: its scope writes are undone, an error drops the answer, and the
 * env writes, library calls and assumptions it makes are forgotten. It has its own small step budget and gives the
 * module's back, so what-ifs never starve the real evaluation. Undefined when it gives nothing judgeable.
 */
function reevaluate(interp: Interpreter, node: SyntaxNode, scope: Scope, run: () => PyValue): PyValue | undefined {
  const mark = scope.mark();
  const kept = { envWrites: interp.envWrites.length, libraryCalls: interp.libraryCalls.length, assumptions: interp.assumptions.length, steps: interp.steps };
  interp.steps = Math.max(interp.steps, interp.options.maxSteps - WHAT_IF_STEPS);
  interp.speculative++;
  try {
    const other = run();
    return other.kind === 'unknown' ? undefined : other;
  } catch (error) {
    if (error instanceof RaiseSignal || error instanceof ReturnSignal || error instanceof BudgetSignal) return undefined;
    throw error;
  } finally {
    interp.speculative--;
    interp.steps = kept.steps;
    scope.undo(mark);
    interp.envWrites.length = kept.envWrites;
    interp.libraryCalls.length = kept.libraryCalls;
    interp.assumptions.length = kept.assumptions;
  }
}
