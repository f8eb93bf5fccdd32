import type { PyNode as SyntaxNode } from './syntax.js';
import type { Args, Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { PyValue } from './value.js';
import { attribute, evalExpr } from './expressions.js';
import { callExternal, callObject } from './libraries/index.js';
import { callMethod } from './methods.js';
import { internalOf } from './internals.js';
import { callFunction } from './functions.js';
import { callWithScope } from './dynamic-imports.js';
import { isNamespaceCall, namespaceScope, writeBack } from './targets.js';
import { none, object, unknown, withMeta } from './value-ops.js';

/** Calls: argument lists, `vars().update()`, and dispatch to methods, libraries and project functions. */

export function evalArgs(interp: Interpreter, node: SyntaxNode | null, scope: Scope): Args {
  const args: Args = { positional: [], positionalNodes: [], keywords: new Map(), keywordNodes: new Map(), opaque: false };
  if (!node) return args;
  if (node.type === 'generator_expression') {
    args.positional.push(evalExpr(interp, node, scope));
    args.positionalNodes.push(node);
    return args;
  }
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name')!.text;
      const valueNode = child.childForFieldName('value')!;
      args.keywords.set(name, evalExpr(interp, valueNode, scope));
      args.keywordNodes.set(name, valueNode);
    } else if (child.type === 'list_splat') {
      const inner = evalExpr(interp, child.namedChildren[0]!, scope);
      if (inner.kind === 'list' || inner.kind === 'tuple') {
        args.positional.push(...inner.items);
        args.positionalNodes.push(...inner.items.map(() => undefined));
      } else args.opaque = true;
    } else if (child.type === 'dictionary_splat') {
      const inner = evalExpr(interp, child.namedChildren[0]!, scope);
      if (inner.kind === 'dict') {
        for (const entry of inner.entries) if (entry.key.kind === 'str') args.keywords.set(entry.key.value, entry.value);
      } else args.opaque = true;
    } else {
      args.positional.push(evalExpr(interp, child, scope));
      args.positionalNodes.push(child);
    }
  }
  return args;
}

export function evalCall(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const fnNode = node.childForFieldName('function')!;
  const where = interp.here(node);
  const args = evalArgs(interp, node.childForFieldName('arguments'), scope);
  if (fnNode.type === 'attribute') {
    const receiverNode = fnNode.childForFieldName('object')!;
    const name = fnNode.childForFieldName('attribute')!.text;
    if (name === 'update' && receiverNode.type === 'call' && isNamespaceCall(receiverNode)) {
      const target = namespaceScope(receiverNode, scope);
      const update = args.positional[0];
      if (update?.kind === 'dict') {
        for (const entry of update.entries) if (entry.key.kind === 'str') target?.set(entry.key.value, withMeta(entry.value, { env: update.env }), interp.statement);
      }
      for (const [key, value] of args.keywords) target?.set(key, value, interp.statement);
      return none({ loc: where });
    }
    const receiver = evalExpr(interp, receiverNode, scope);
    if (!(receiver.kind === 'object' && (receiver.type.startsWith('ext:') || internalOf(receiver)?.tag === 'module' || internalOf(receiver)?.tag === 'class'))) {
      const outcome = callMethod(interp, receiver, name, args, where);
      if (outcome) {
        if (outcome.updated) writeBack(interp, receiverNode, outcome.updated, scope);
        return outcome.result;
      }
    }
    const method = attribute(interp, receiver, name, interp.here(fnNode));
    return callWithScope(interp, method, args, node, scope) ?? call(interp, method, args, node);
  }
  if (fnNode.type === 'identifier' && isNamespaceCall(node) && !scope.get(fnNode.text)) {
    return object('namespace', { loc: where });
  }
  const fn = evalExpr(interp, fnNode, scope);
  return callWithScope(interp, fn, args, node, scope) ?? call(interp, fn, args, node);
}

export function call(interp: Interpreter, fn: PyValue, args: Args, node: SyntaxNode): PyValue {
  const where = interp.here(node);
  if (fn.kind === 'unknown') return unknown(fn.reason, { loc: where, env: fn.env });
  if (fn.kind === 'object' && fn.type.startsWith('ext:')) return callExternal(interp, fn.type.slice(4), args, node);
  const internal = internalOf(fn);
  if (internal?.tag === 'function') {
    if (internal.definition) return callFunction(interp, internal.name, internal.definition, args, node);
    return unknown(`calls ${internal.name}(), a decorated function of the project`, { loc: where });
  }
  if (internal?.tag === 'class') return unknown(`instance of class ${internal.name}`, { loc: where });
  if (internal?.tag === 'bound') {
    const outcome = callMethod(interp, internal.self, internal.name, args, where);
    if (outcome) return outcome.result;
  }
  return callObject(interp, fn, args, node) ?? unknown(`calling ${fn.kind === 'object' ? fn.type : fn.kind} is not modelled`, { loc: where });
}
