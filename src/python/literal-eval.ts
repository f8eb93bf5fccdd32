import type { FileLocation } from '../core/location.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import { parseModule } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import { Scope } from './scope.js';
import type { PyDict, PyValue } from './value.js';
import { evalExpr } from './expressions.js';
import { dictSet, unknown, withMeta } from './value-ops.js';

/** `ast.literal_eval` of a known string: Python literals only, anything else raises like Python does. */

const LEAVES = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none']);
const CONTAINERS = new Set(['list', 'tuple', 'set', 'dictionary', 'parenthesized_expression']);

export function literalEval(interp: Interpreter, input: PyValue, where: FileLocation): PyValue {
  if (input.kind !== 'str') return unknown(input.kind === 'unknown' ? input.reason : `ast.literal_eval() of ${input.kind} is not modelled`, { loc: where, env: input.env });
  const text = input.value.replace(/^[ \t]+/, '');
  const statements = parseModule(text).namedChildren.filter((c) => c.type !== 'comment');
  const statement = statements[0];
  if (statements.length !== 1 || statement?.type !== 'expression_statement' || statement.hasError || statement.namedChildCount !== 1) {
    return interp.fail('SyntaxError', `SyntaxError: ast.literal_eval() of ${JSON.stringify(shorten(text))}`, where, input.env);
  }
  const expression = statement.namedChildren[0]!;
  if (!isLiteral(expression)) return interp.fail('ValueError', `ValueError: malformed node or string: ${JSON.stringify(shorten(text))}`, where, input.env);
  return relocate(evalExpr(interp, expression, new Scope()), where, input);
}

function isLiteral(node: SyntaxNode): boolean {
  if (LEAVES.has(node.type)) return !node.children.some((c) => c.type === 'interpolation' || c.namedChildren.some((g) => g.type === 'interpolation'));
  if (node.type === 'unary_operator') {
    const argument = node.childForFieldName('argument');
    return (node.childForFieldName('operator')?.text === '-' || node.childForFieldName('operator')?.text === '+') && !!argument && (argument.type === 'integer' || argument.type === 'float');
  }
  if (node.type === 'pair') return node.namedChildren.every(isLiteral);
  if (CONTAINERS.has(node.type)) return node.namedChildren.filter((c) => c.type !== 'comment').every(isLiteral);
  return false;
}

/** The parsed text has its own line numbers: every part of the result is located at the call instead. */
function relocate(value: PyValue, where: FileLocation, input: PyValue): PyValue {
  const meta = { loc: where, env: input.env };
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') {
    return withMeta({ ...value, items: value.items.map((item) => relocate(item, where, { kind: 'none' })) }, meta);
  }
  if (value.kind === 'dict') {
    const out: PyDict = { kind: 'dict', entries: [] };
    for (const entry of value.entries) dictSet(out, relocate(entry.key, where, { kind: 'none' }), relocate(entry.value, where, { kind: 'none' }));
    return withMeta(out, meta);
  }
  return withMeta(value, meta);
}

/** The text may come from a secret: never show more than its start. */
function shorten(text: string): string {
  return text.length > 8 ? `${text.slice(0, 4)}…` : text;
}
