import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { PyDict, PyValue } from './value.js';
import { dictSet, mergeEnv, pyEquals, withMeta, unknown } from './value-ops.js';
import { evalExpr, isOsEnviron } from './expressions.js';
import { internalOf } from './internals.js';
import { truthy } from './value.js';

/** Assignment targets: names, unpacking, subscripts and attributes, `del`. */

/** Bind a target (name, tuple pattern, subscript, attribute) to a value; nested patterns are walked iteratively. */
export function assign(interp: Interpreter, target: SyntaxNode, value: PyValue, scope: Scope): void {
  // Python binds left to right: the stack holds the parts still to bind, the next one on top.
  const pending: [SyntaxNode, PyValue][] = [[target, value]];
  while (pending.length) {
    const [node, bound] = pending.pop()!;
    switch (node.type) {
      case 'identifier':
        scope.set(node.text, bound, interp.statement);
        break;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        const parts = node.namedChildren.filter((c): c is SyntaxNode => c !== null);
        const items = bound.kind === 'list' || bound.kind === 'tuple' ? bound.items : undefined;
        const values = parts.map((_, i) =>
          items && items.length === parts.length
            ? withMeta(items[i]!, { env: bound.env })
            : unknown(bound.kind === 'unknown' ? bound.reason : 'unpacked from a value that is not a known sequence', { loc: bound.loc, env: bound.env }),
        );
        for (let i = parts.length - 1; i >= 0; i--) pending.push([parts[i]!, values[i]!]);
        break;
      }
      case 'parenthesized_expression': {
        const inner = node.namedChildren[0];
        if (inner) pending.push([inner, bound]);
        break;
      }
      case 'subscript':
        assignSubscript(interp, node, bound, scope);
        break;
      case 'attribute':
        assignAttribute(interp, node, bound, scope);
        break;
    }
  }
}

export function assignSubscript(interp: Interpreter, target: SyntaxNode, value: PyValue, scope: Scope): void {
  const containerNode = target.childForFieldName('value');
  const keyNode = target.childForFieldName('subscript');
  if (!containerNode || !keyNode) return;
  const key = evalExpr(interp, keyNode, scope);
  if (isOsEnviron(interp, containerNode, scope)) {
    if (key.kind === 'str') {
      interp.noteEnvWrite(key.value, value, interp.statement, true);
      interp.env.assign(key.value, value.kind === 'str' ? value.value : undefined, interp.statement);
    }
    return;
  }
  if (containerNode.type === 'call' && isNamespaceCall(containerNode)) {
    if (key.kind === 'str') namespaceScope(containerNode, scope)?.set(key.value, value, interp.statement);
    return;
  }
  const container = evalExpr(interp, containerNode, scope);
  const updated = withItem(container, key, value);
  writeBack(interp, containerNode, updated, scope);
}

/** A copy of a container with one item set (values are never mutated in place). */
function withItem(container: PyValue, key: PyValue, value: PyValue): PyValue {
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
  // Replacing an item may remove one the unknown container certainly held.
  if (container.kind === 'unknown') return container.certainItems ? unknown(container.reason, { loc: container.loc, env: container.env }) : container;
  return unknown('item assignment that is not modelled', { loc: container.loc, env: mergeEnv(container.env, key.env, value.env) });
}

/** Store a new value at the place an expression names (a name or a chain of subscripts). */
export function writeBack(interp: Interpreter, place: SyntaxNode, value: PyValue, scope: Scope): void {
  if (place.type === 'identifier') {
    // A mutated name lives where it is bound: a helper's `MIDDLEWARE.append(…)` changes the module's
    // list (every scope's writes are journaled, so a branch inside the call is joined like any other).
    (scope.owner(place.text) ?? scope).set(place.text, value, interp.statement);
  } else if (place.type === 'subscript') assignSubscript(interp, place, value, scope);
  else if (place.type === 'attribute') assignAttribute(interp, place, value, scope);
  else if (place.type === 'parenthesized_expression' && place.namedChildren[0]) writeBack(interp, place.namedChildren[0], value, scope);
}

export function assignAttribute(interp: Interpreter, target: SyntaxNode, value: PyValue, scope: Scope): void {
  const objectNode = target.childForFieldName('object');
  const name = target.childForFieldName('attribute')?.text;
  if (!objectNode || !name) return;
  const owner = evalExpr(interp, objectNode, scope);
  const internal = internalOf(owner);
  if (internal?.tag === 'environ.Env') {
    if (name === 'prefix' && value.kind === 'str') internal.prefix = value.value;
    if (name === 'smart_cast') internal.smartCast = truthy(value) !== false;
  } else if (internal?.tag === 'class') internal.scope.set(name, value, interp.statement);
  else if (internal?.tag === 'module') internal.module.scope.set(name, value, interp.statement);
}

export function deleteTarget(interp: Interpreter, target: SyntaxNode, scope: Scope): void {
  if (target.type === 'identifier') scope.set(target.text, undefined);
  else if (target.type === 'expression_list' || target.type === 'tuple') {
    for (const c of target.namedChildren) if (c) deleteTarget(interp, c, scope);
  }
  else if (target.type === 'subscript') {
    const containerNode = target.childForFieldName('value');
    const keyNode = target.childForFieldName('subscript');
    if (!containerNode || !keyNode) return;
    const container = evalExpr(interp, containerNode, scope);
    const key = evalExpr(interp, keyNode, scope);
    let updated: PyValue = unknown('item deletion that is not modelled', { loc: container.loc, env: container.env });
    if (container.kind === 'dict' && key.kind !== 'unknown') {
      updated = { ...container, entries: container.entries.filter((e) => pyEquals(e.key, key) !== true) };
    } else if (container.kind === 'list' && key.kind === 'int') {
      const index = key.value < 0 ? container.items.length + key.value : key.value;
      updated = { ...container, items: container.items.filter((_, i) => i !== index) };
    }
    writeBack(interp, containerNode, updated, scope);
  }
}

/**
 * The namespace `globals()`, `vars()` or `locals()` writes go to: the module's for `globals()`;
 * none for `vars()`/`locals()` in a function (writing that dict creates no local variable).
 */
export function namespaceScope(call: SyntaxNode, scope: Scope): Scope | undefined {
  if (call.childForFieldName('function')?.text === 'globals') return scope.moduleScope();
  return scope.kind === 'function' || scope.kind === 'comprehension' ? undefined : scope;
}

export function isNamespaceCall(node: SyntaxNode): boolean {
  const fn = node.childForFieldName('function');
  return fn?.type === 'identifier' && ['vars', 'globals', 'locals'].includes(fn.text) && (node.childForFieldName('arguments')?.namedChildCount ?? 0) === 0;
}
