/**
 * Settings that refuse to load without a real SECRET_KEY: `if not os.environ.get('DJANGO_SECRET_KEY'):
 * raise ImproperlyConfigured(...)`, `if SECRET_KEY == 'change-me': raise ...`. The evaluator records
 * such a raise, when production takes it, as an EvalProblem of kind 'raises' (django/settings-error
 * reports it); this finds the one that is about the key.
 */
import type { EvalProblem, Settings } from '../python/types.js';
import { parseModule } from '../python/syntax.js';
import type { PyNode } from '../python/syntax.js';
import type { PyValue } from '../python/value.js';
import { envReadsOf } from '../python/value.js';
import type { Workspace } from '../workspace/types.js';

function mentions(text: string, names: readonly string[]): boolean {
  return names.some((name) => new RegExp(`(?<![A-Za-z0-9_])${name}(?![A-Za-z0-9_])`).test(text));
}

const before = (a: { row: number; column: number }, b: { row: number; column: number }) => a.row < b.row || (a.row === b.row && a.column <= b.column);

/** The conditions under which the `raise` statement at (line, column) runs: the if/elif tests around it. */
function raiseConditions(root: PyNode, line: number, column: number): string[] {
  const point = { row: line - 1, column: column - 1 };
  const conditions: string[] = [];
  for (let node: PyNode | undefined = root; node && node.type !== 'raise_statement'; ) {
    if (node.type === 'if_statement' || node.type === 'elif_clause') {
      const condition = node.childForFieldName('condition');
      if (condition) conditions.push(condition.text);
    }
    node = node.children.find((child) => before(child.startPosition, point) && before(point, child.endPosition));
  }
  return conditions;
}

/**
 * The raise production hits because of the key: its message, or the if/elif tests around the `raise`,
 * name SECRET_KEY or a variable the key is read from. Undefined when the settings load, or fail for
 * another reason (an unset DATABASE_URL does not stop a weak key from being used once it is set).
 */
export function keyGuardRaise(settings: Settings, workspace: Workspace, key: PyValue): EvalProblem | undefined {
  // The key's value also carries the variables of the branches it was chosen in (DJANGO_ENV, DEBUG):
  // a guard about those is not about the key, so only key-like variables count.
  const keyReads = envReadsOf(key).filter((read) => /KEY|SECRET/i.test(read.name));
  const names = ['SECRET_KEY', ...keyReads.map((read) => read.name)].map((name) => name.replace(/\W/g, '')).filter(Boolean);
  const raises = settings.problems.filter((problem) => problem.kind === 'raises');
  const direct = raises.find((problem) => mentions(problem.message, names));
  if (direct) return direct;
  for (const problem of raises) {
    if (!problem.message.startsWith('raise')) continue;
    const source = workspace.readText(problem.location.file);
    if (!source.ok) continue;
    // parseModule caches by source: the settings files the evaluator read are not parsed again.
    if (mentions(raiseConditions(parseModule(source.text), problem.location.line, problem.location.column).join('\n'), names)) return problem;
  }
  return undefined;
}

/** How many nodes the search for a key guard visits per file at most. */
const MAX_NODES = 200_000;

/**
 * Whether any settings file has a `raise` that is about the key (its message or the if/elif tests
 * around it name SECRET_KEY or one of `variables`), whichever way production goes. Used where the
 * evaluation under the chosen environment does not reach the raise: a fallback key that a guard
 * would refuse if the variable went missing.
 */
export function keyGuardInCode(settings: Settings, workspace: Workspace, variables: readonly string[]): boolean {
  const names = ['SECRET_KEY', ...variables].map((name) => name.replace(/\W/g, '')).filter(Boolean);
  for (const file of settings.files) {
    const source = workspace.readText(file);
    if (!source.ok) continue;
    // Parsed once: parseModule caches by source, and the evaluator parsed these files already.
    const root = parseModule(source.text);
    const stack: PyNode[] = [root];
    for (let visited = 0; stack.length && visited < MAX_NODES; visited++) {
      const node = stack.pop()!;
      if (node.type === 'raise_statement') {
        const { row, column } = node.startPosition;
        if (mentions([node.text, ...raiseConditions(root, row + 1, column + 1)].join('\n'), names)) return true;
        continue;
      }
      stack.push(...node.children);
    }
  }
  return false;
}
