import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { EnvRead, PyValue } from './value.js';
import { applyFormatSpec, decodeEscapes, stringPrefix } from './strings.js';
import { evalExpr } from './expressions.js';
import { mergeEnv, pyStr, reprOf, str, unknown, unknownStr } from './value-ops.js';

/** String literals: prefixes, escapes, implicit concatenation and f-strings. */

/** Evaluate a string literal (all prefixes, implicit concatenation, f-strings with known parts). */
export function evalString(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const parts = node.type === 'concatenated_string' ? node.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string') : [node];
  let text = '';
  let isBytes = false;
  let env: EnvRead[] | undefined;
  let missing: PyValue | undefined;
  for (const part of parts) {
    const prefix = stringPrefix(part);
    const raw = prefix.includes('r');
    const formatted = prefix.includes('f');
    if (prefix.includes('b')) isBytes = true;
    for (const child of part.children) {
      if (!child) continue;
      if (child.type === 'string_content') {
        let content = raw ? child.text : decodeEscapes(child.text, prefix.includes('b'));
        if (content === undefined) return unknownStr('a \\N{…} escape: the character names are not modelled', { loc: interp.here(node) });
        if (formatted) content = content.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
        text += content;
      } else if (child.type === 'interpolation') {
        const piece = evalInterpolation(interp, child, scope);
        env = mergeEnv(env, piece.value.env);
        if (piece.text === undefined) missing ??= piece.value;
        else text += piece.text;
      }
    }
  }
  const meta = { loc: interp.here(node), env };
  if (missing) {
    return unknown(missing.kind === 'unknown' ? `f-string part: ${missing.reason}` : `f-string part ${missing.kind} has no known text`, meta);
  }
  return isBytes ? { kind: 'bytes', value: text, ...meta } : str(text, meta);
}

export function evalInterpolation(interp: Interpreter, node: SyntaxNode, scope: Scope): { value: PyValue; text: string | undefined } {
  const expression = node.childForFieldName('expression');
  if (!expression) return { value: unknown('empty f-string part'), text: undefined };
  const value = evalExpr(interp, expression, scope);
  const conversion = node.childForFieldName('type_conversion')?.text;
  const specNode = node.childForFieldName('format_specifier');
  const self = node.children.some((c) => c?.type === '=') ? `${expression.text}=` : '';
  let spec = '';
  if (specNode) {
    spec = specNode.text.replace(/^:/, '');
    for (const child of specNode.namedChildren) {
      if (child?.type !== 'format_expression') continue;
      const inner = child.childForFieldName('expression');
      const v = inner ? evalExpr(interp, inner, scope) : undefined;
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
