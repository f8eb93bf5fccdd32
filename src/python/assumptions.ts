import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { Assumption } from './types.js';
import type { FileLocation } from '../core/location.js';
import type { PyDict, PyValue } from './value.js';
import { evalExpr } from './expressions.js';
import { str } from './value-ops.js';
import { plainStringValue } from './strings.js';

/**
 * Selecting on an environment variable the environment leaves undecided: `if ENV == 'production':
 * from .production import * else: from .development import *` with ENV unset. Python would take the
 * development branch (or raise), but production sets the variable somewhere deploycheck cannot see,
 * so the branch whose literal names production is taken and the choice recorded as an assumption.
 * Development-like names (`dev`, `local`, `test`, `ci`, …) are never chosen this way.
 */

export const BRANCH_NAMES_PRODUCTION = 'the branch that names production';
export const MODULE_NAMES_PRODUCTION = 'the module that names production';
export const CODE_DEFAULT = "the code's default";
const KEY_NAMES_PRODUCTION = 'the key that names production';

const PRODUCTION_WORDS = new Set([
  'production', 'prod', 'prd', 'live', 'heroku', 'fly', 'flyio', 'render', 'railway', 'koyeb', 'dokku',
  'pythonanywhere', 'vercel', 'aws', 'gcp', 'azure', 'digitalocean', 'deploy', 'deployed', 'deployment', 'release',
]);
const NOT_PRODUCTION_WORDS = new Set([
  'dev', 'develop', 'development', 'local', 'test', 'tests', 'testing', 'ci', 'debug', 'staging', 'stage', 'stg',
  'pre', 'preprod', 'qa', 'uat', 'demo', 'sandbox', 'example', 'sample', 'docker', 'base', 'common', 'default',
]);

/** Whether a name (an environment's, or a module's last segment) names production: `production`, `prod`, `heroku`, `prod_eu`. */
export function namesProduction(name: string): boolean {
  const words = name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  return words.some((w) => PRODUCTION_WORDS.has(w)) && !words.some((w) => NOT_PRODUCTION_WORDS.has(w));
}

/** The report's wording: `assumed DJANGO_ENV=production (the branch that names production; pass --set DJANGO_ENV=… to choose another)`. */
export function describeAssumption(assumption: Assumption): string {
  return `assumed ${assumption.variable}=${assumption.value} (${assumption.reason}; pass \`--set ${assumption.variable}=…\` to choose another)`;
}

/**
 * Whether the environment leaves a variable undecided: not set, set by the platform with a value not
 * known here, or set only by the code's own `os.environ.setdefault` (a default, like `getenv`'s).
 * Assumed variables are decided.
 */
export function isUndecided(interp: Interpreter, name: string): boolean {
  const hit = interp.env.lookup(name);
  if (!hit || hit.value === undefined) return true;
  const source = hit.source;
  return !!source && 'file' in source && interp.envWrites.some((w) => w.name === name && !w.forced && w.at.file === source.file && w.at.line === source.line && w.at.column === source.column);
}

/** The first variable a value depends on that the environment leaves undecided (see isUndecided). */
export function undecidedVariable(interp: Interpreter, value: PyValue): string | undefined {
  return (value.env ?? []).find((read) => isUndecided(interp, read.name))?.name;
}

/** `X == 'a'`, `X != 'a'`, `X in ('a', 'b')`, `X not in […]`, and `or` of those over one X. */
interface LiteralTest {
  operand: SyntaxNode;
  /** The test holds when X is one of `literals` (or, when negated, none of them). */
  literals: string[];
  negated: boolean;
}

function stringItems(node: SyntaxNode): string[] | undefined {
  if (node.type !== 'tuple' && node.type !== 'list' && node.type !== 'set') return undefined;
  const items = node.namedChildren.filter((c) => c.type !== 'comment').map(plainStringValue);
  return items.every((i) => i !== undefined) ? (items as string[]) : undefined;
}

/** The literal tests a condition is the disjunction of, or undefined when it is not one (found syntactically). */
function literalTests(node: SyntaxNode, depth = 0): LiteralTest[] | undefined {
  if (depth > 20) return undefined;
  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren.find((c) => c.type !== 'comment');
    return inner ? literalTests(inner, depth + 1) : undefined;
  }
  if (node.type === 'boolean_operator' && node.childForFieldName('operator')?.text === 'or') {
    const left = literalTests(node.childForFieldName('left')!, depth + 1);
    const right = literalTests(node.childForFieldName('right')!, depth + 1);
    return left && right ? [...left, ...right] : undefined;
  }
  if (node.type !== 'comparison_operator') return undefined;
  const operands = node.namedChildren.filter((c) => c.type !== 'comment');
  const operators = node.childrenForFieldName('operators').map((o) => o.text.replace(/\s+/g, ' '));
  if (operands.length !== 2 || operators.length !== 1) return undefined;
  const [left, right] = operands as [SyntaxNode, SyntaxNode];
  const op = operators[0]!;
  if (op === '==' || op === '!=') {
    const [literal, operand] = plainStringValue(right) !== undefined ? [plainStringValue(right)!, left] : [plainStringValue(left), right];
    if (literal === undefined || plainStringValue(operand) !== undefined) return undefined;
    return [{ operand, literals: [literal], negated: op === '!=' }];
  }
  if (op === 'in' || op === 'not in') {
    const literals = stringItems(right);
    return literals && plainStringValue(left) === undefined ? [{ operand: left, literals, negated: op === 'not in' }] : undefined;
  }
  return undefined;
}

function holds(tests: LiteralTest[], value: string): boolean {
  return tests.some((t) => t.literals.includes(value) !== t.negated);
}

/**
 * For an `if`/`elif`/`else` chain (or a conditional expression: one condition, then the else) whose
 * conditions test one operand against string literals: when the operand depends on an undecided
 * variable, the index of the clause to run under the assumption that the variable names production
 * (-1: none runs), recording the assumption. Undefined: evaluate the chain as usual. Records the
 * variables such chains select on (`interp.selectors`) either way.
 */
export function chooseClause(interp: Interpreter, conditions: (SyntaxNode | undefined)[], scope: Scope): number | undefined {
  const first = conditions[0];
  const tests = first ? literalTests(first) : undefined;
  if (!first || !tests) return undefined;
  const operandText = tests[0]!.operand.text;
  if (tests.some((t) => t.operand.text !== operandText)) return undefined;
  const chain: (LiteralTest[] | 'else' | undefined)[] = conditions.map((c) => {
    if (!c) return 'else';
    const own = literalTests(c);
    return own && own.every((t) => t.operand.text === operandText) ? own : undefined;
  });
  const operand = evalExpr(interp, tests[0]!.operand, scope);
  const literals = chain.flatMap((c) => (Array.isArray(c) ? c.flatMap((t) => t.literals) : []));
  const variable = (operand.env ?? [])[0]?.name;
  if (variable) interp.noteSelector(variable, literals);
  const undecided = undecidedVariable(interp, operand);
  if (!undecided) return undefined;
  const assumed = interp.assumedValue(undecided);
  const value = assumed ?? literals.find(namesProduction);
  if (value === undefined) return undefined;
  let chosen = -1;
  for (let i = 0; i < chain.length; i++) {
    const clause = chain[i];
    if (clause === undefined) return undefined;
    if (clause === 'else' || holds(clause, value)) {
      chosen = i;
      break;
    }
  }
  if (assumed === undefined) interp.assume({ variable: undecided, value, location: interp.here(first), reason: BRANCH_NAMES_PRODUCTION });
  return chosen;
}

/**
 * A dict looked up by a value that depends on an undecided variable (`SETTINGS = {'production': …,
 * 'dev': …}[ENV]`, `.get(ENV, default)`): the key that names production, as a value to look up with
 * (the assumption recorded). Undefined: look up as usual. Records the keys as the selector's choices.
 */
export function chooseKey(interp: Interpreter, dict: PyDict, key: PyValue, where: FileLocation): PyValue | undefined {
  const variable = (key.env ?? [])[0]?.name;
  if (!variable) return undefined;
  const keys = dict.entries.flatMap((e) => (e.key.kind === 'str' ? [e.key.value] : []));
  interp.noteSelector(variable, keys);
  const undecided = undecidedVariable(interp, key);
  if (!undecided) return undefined;
  const assumed = interp.assumedValue(undecided);
  const value = assumed ?? keys.find(namesProduction);
  if (value === undefined) return undefined;
  if (assumed === undefined) interp.assume({ variable: undecided, value, location: where, reason: KEY_NAMES_PRODUCTION });
  return str(value, { loc: where });
}
