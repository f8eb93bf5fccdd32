import type { FileLocation } from '../core/location.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import type { Interpreter } from './evaluator.js';
import { Scope } from './scope.js';
import type { EnvRead, PyDict, PyValue } from './value.js';
import { assign } from './targets.js';
import { binaryOp, bool, certainItemsOf, compare, dictLookup, dictSet, envOf, float, int, mergeDicts, mergeEnv, none, object, pyEquals, pyStr, str, tuple, unknown, unknownStr, unknownWithItems, withMeta } from './value-ops.js';
import { classLinearization, internalOf, setInternal } from './internals.js';
import { evalCall } from './calls.js';
import { defineFunction } from './functions.js';
import { joinValues } from './branches.js';
import { chooseClause, chooseKey } from './assumptions.js';
import { evalString } from './string-literals.js';
import { externalAttribute } from './libraries/index.js';
import { percentFormat } from './strings.js';
import { truthy } from './value.js';
import { valueAttribute } from './methods.js';

/** Evaluating expressions to PyValues. */

/** Python truthiness, except that objects standing for library attributes (`sys.argv`) are undecidable. */
export function decide(value: PyValue): boolean | undefined {
  if (value.kind === 'object' && (value.type.startsWith('ext:') || value.type === 'bound-method')) return undefined;
  return truthy(value);
}

/** Deeper expressions become unknown instead of exhausting the JavaScript stack. */
const MAX_DEPTH = 400;

const BUILTIN_NAMES = new Set([
  'bool', 'int', 'float', 'str', 'list', 'tuple', 'dict', 'set', 'frozenset', 'len', 'print', 'range', 'sorted', 'reversed',
  'isinstance', 'open', 'vars', 'locals', 'globals', 'getattr', 'hasattr', 'setattr', 'any', 'all', 'min', 'max', 'sum', 'repr',
  'bytes', 'map', 'filter', 'zip', 'enumerate', 'abs', 'round', 'type', 'object', 'Exception', 'ImportError',
  'ModuleNotFoundError', 'KeyError', 'ValueError', 'TypeError', 'AttributeError', 'LookupError', 'IndexError', 'OSError',
  'FileNotFoundError', 'BaseException', 'NameError', 'RuntimeError', 'exec', 'dir',
]);

export function evalExpr(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  interp.step();
  if (interp.depth >= MAX_DEPTH) return unknown('expression nested too deeply to evaluate', { loc: interp.here(node) });
  interp.depth++;
  try {
    return evalNode(interp, node, scope);
  } finally {
    interp.depth--;
  }
}

export function evalNode(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const where = (): FileLocation => interp.here(node);
  switch (node.type) {
    case 'identifier':
      return lookup(interp, node.text, scope, node);
    case 'string':
    case 'concatenated_string':
      return evalString(interp, node, scope);
    case 'integer': {
      const text = node.text.replace(/_/g, '').toLowerCase().replace(/l$/, '');
      const radix = /^0x/.test(text) ? 16 : /^0o/.test(text) ? 8 : /^0b/.test(text) ? 2 : 10;
      if (text.endsWith('j')) return unknown('complex numbers are not modelled', { loc: where() });
      const value = Number.parseInt(radix === 10 ? text : text.slice(2), radix);
      return int(value, { loc: where() });
    }
    case 'float':
      if (/j$/i.test(node.text)) return unknown('complex numbers are not modelled', { loc: where() });
      return float(Number.parseFloat(node.text.replace(/_/g, '')), { loc: where() });
    case 'true':
      return bool(true, { loc: where() });
    case 'false':
      return bool(false, { loc: where() });
    case 'none':
      return none({ loc: where() });
    case 'ellipsis':
      return object('ellipsis', { loc: where() });
    case 'parenthesized_expression': {
      const inner = node.namedChildren.find((c) => c?.type !== 'comment');
      return inner ? evalExpr(interp, inner, scope) : tuple([], { loc: where() });
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'expression_list':
      return evalSequence(interp, node, scope);
    case 'dictionary':
      return evalDict(interp, node, scope);
    case 'binary_operator': {
      const left = evalExpr(interp, node.childForFieldName('left')!, scope);
      const right = evalExpr(interp, node.childForFieldName('right')!, scope);
      return withMeta(binary(interp, node.childForFieldName('operator')!.text, left, right, node), { loc: where() });
    }
    case 'unary_operator': {
      const operand = evalExpr(interp, node.childForFieldName('argument')!, scope);
      const op = node.childForFieldName('operator')?.text;
      if (operand.kind === 'int' || operand.kind === 'float' || operand.kind === 'bool') {
        const n = operand.kind === 'bool' ? Number(operand.value) : operand.value;
        const meta = { loc: where(), env: operand.env };
        if (op === '-') return operand.kind === 'float' ? float(-n, meta) : int(-n, meta);
        if (op === '+') return operand.kind === 'float' ? float(n, meta) : int(n, meta);
        if (op === '~' && operand.kind !== 'float') return int(~n, meta);
      }
      return propagateUnknown([operand], `unary ${op} on a value that is not a number`, where());
    }
    case 'not_operator': {
      const operand = evalExpr(interp, node.childForFieldName('argument')!, scope);
      const t = decide(operand);
      if (t === undefined) return unknown(operand.kind === 'unknown' ? operand.reason : `not ${node.text}`, { loc: where(), env: operand.env });
      return bool(!t, { loc: where(), env: operand.env });
    }
    case 'boolean_operator': {
      const left = evalExpr(interp, node.childForFieldName('left')!, scope);
      const op = node.childForFieldName('operator')?.text;
      const t = decide(left);
      if (t === undefined) {
        const right = evalExpr(interp, node.childForFieldName('right')!, scope);
        return unknown(left.kind === 'unknown' ? left.reason : `depends on ${node.text}`, { loc: where(), env: envOf(left, right) });
      }
      if ((op === 'and' && !t) || (op === 'or' && t)) return left;
      const right = evalExpr(interp, node.childForFieldName('right')!, scope);
      return withMeta(right, { env: left.env });
    }
    case 'comparison_operator':
      return evalComparison(interp, node, scope);
    case 'conditional_expression': {
      const [whenTrue, test, whenFalse] = node.namedChildren;
      if (!whenTrue || !test || !whenFalse) return unknown('incomplete conditional expression', { loc: where() });
      const chosen = chooseClause(interp, [test, undefined], scope);
      if (chosen !== undefined) return evalExpr(interp, chosen === 0 ? whenTrue : whenFalse, scope);
      const condition = evalExpr(interp, test, scope);
      const t = decide(condition);
      if (t === undefined) {
        const a = evalExpr(interp, whenTrue, scope);
        const b = evalExpr(interp, whenFalse, scope);
        return joinValues(a, b, condition.kind === 'unknown' ? condition.reason : `depends on ${test.text}`, condition.env);
      }
      return withMeta(evalExpr(interp, t ? whenTrue : whenFalse, scope), { env: condition.env });
    }
    case 'attribute': {
      const owner = evalExpr(interp, node.childForFieldName('object')!, scope);
      const name = node.childForFieldName('attribute')!.text;
      return attribute(interp, owner, name, where());
    }
    case 'subscript':
      return evalSubscript(interp, node, scope);
    case 'call':
      return evalCall(interp, node, scope);
    case 'named_expression': {
      const value = evalExpr(interp, node.childForFieldName('value')!, scope);
      const name = node.childForFieldName('name');
      if (name) scope.set(name.text, value, interp.statement);
      return value;
    }
    case 'lambda':
      return defineFunction(interp, node, scope);
    case 'list_comprehension':
    case 'set_comprehension':
    case 'dictionary_comprehension':
    case 'generator_expression':
      return evalComprehension(interp, node, scope);
    default:
      return unknown(`${node.type.replace(/_/g, ' ')} is not evaluated`, { loc: where() });
  }
}

/** A comprehension over known iterables, run in its own scope; anything undecidable makes it unknown. */
export function evalComprehension(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const where = interp.here(node);
  const body = node.childForFieldName('body');
  const clauses = node.namedChildren.filter((c) => c.type === 'for_in_clause' || c.type === 'if_clause');
  const inner = new Scope(scope, 'comprehension');
  const results: PyValue[] = [];
  let env: EnvRead[] | undefined;
  let failure: string | undefined;
  const run = (index: number): void => {
    if (failure) return;
    const clause = clauses[index];
    if (!clause) {
      if (body?.type === 'pair') {
        const key = evalExpr(interp, body.childForFieldName('key')!, inner);
        results.push(key, evalExpr(interp, body.childForFieldName('value')!, inner));
      } else if (body) results.push(evalExpr(interp, body, inner));
      return;
    }
    if (clause.type === 'if_clause') {
      const condition = evalExpr(interp, clause.namedChildren[0]!, inner);
      env = mergeEnv(env, condition.env);
      const decided = decide(condition);
      if (decided === undefined) failure = condition.kind === 'unknown' ? condition.reason : `cannot decide ${clause.text.slice(0, 60)}`;
      else if (decided) run(index + 1);
      return;
    }
    const iterable = evalExpr(interp, clause.childForFieldName('right')!, inner);
    env = mergeEnv(env, iterable.env);
    const items = iterableItems(iterable);
    const left = clause.childForFieldName('left');
    if (!items || !left) {
      failure = iterable.kind === 'unknown' ? iterable.reason : `iterates over a value that is not known: ${clause.text.slice(0, 60)}`;
      return;
    }
    for (const item of items) {
      assign(interp, left, item, inner);
      run(index + 1);
    }
  };
  run(0);
  if (failure) return unknown(failure, { loc: where, env });
  const meta = { loc: where, ...(env ? { env } : {}) };
  if (node.type === 'dictionary_comprehension') {
    const out: PyDict = { kind: 'dict', entries: [], ...meta };
    for (let i = 0; i + 1 < results.length; i += 2) {
      if (results[i]!.kind === 'unknown') return unknown((results[i] as { reason: string }).reason, meta);
      dictSet(out, results[i]!, results[i + 1]!);
    }
    return out;
  }
  if (node.type === 'set_comprehension') {
    const unique: PyValue[] = [];
    for (const item of results) if (!unique.some((u) => pyEquals(u, item) === true)) unique.push(item);
    return { kind: 'set', items: unique, ...meta };
  }
  return { kind: node.type === 'generator_expression' ? 'tuple' : 'list', items: results, ...meta };
}

export function lookup(interp: Interpreter, name: string, scope: Scope, node: SyntaxNode): PyValue {
  const value = scope.get(name);
  if (value) return value;
  if (BUILTIN_NAMES.has(name)) return object(`ext:builtins.${name}`);
  return unknown(`${name} is not defined here`, { loc: interp.here(node) });
}

export function attribute(interp: Interpreter, owner: PyValue, name: string, where: FileLocation): PyValue {
  if (owner.kind === 'unknown') return withMeta(owner, { loc: where });
  // `os.environ.get("HOSTS").split(",")` with HOSTS unset: Python raises, the settings do not import.
  if (owner.kind === 'none') return interp.fail('AttributeError', `AttributeError: 'NoneType' object has no attribute '${name}'`, where, owner.env);
  const internal = internalOf(owner);
  if (internal?.tag === 'module') {
    const value = internal.module.scope.values.get(name);
    if (value) return value;
    const sub = interp.importModule(`${internal.module.name}.${name}`, where);
    if (sub) return sub.object;
    return unknown(`${internal.module.name} has no attribute ${name}`, { loc: where });
  }
  if (internal?.tag === 'class') {
    for (const cls of classLinearization(owner)) {
      const own = internalOf(cls);
      const value = own?.tag === 'class' ? own.scope.values.get(name) : undefined;
      if (value) return value;
    }
    return unknown(`class ${internal.name} has no known attribute ${name}`, { loc: where });
  }
  if (internal?.tag === 'environ.Env' && name === 'prefix') return str(internal.prefix, { loc: where });
  if (owner.kind === 'object' && owner.type.startsWith('ext:')) return externalAttribute(owner.type.slice(4), name, where);
  const fromValue = valueAttribute(interp, owner, name, where);
  if (fromValue) return fromValue;
  if (owner.kind === 'object') {
    const bound = object('bound-method', { loc: where });
    setInternal(bound, { tag: 'bound', self: owner, name });
    return bound;
  }
  return unknown(`attribute ${name} of ${owner.kind} is not modelled`, { loc: where, env: owner.env });
}

export function binary(interp: Interpreter, op: string, left: PyValue, right: PyValue, node: SyntaxNode): PyValue {
  const env = envOf(left, right);
  const meta = { loc: interp.here(node), env };
  const missing = left.kind === 'unknown' ? left : right.kind === 'unknown' ? right : undefined;
  if (missing) {
    // Concatenating sequences keeps what each side certainly holds.
    const leftItems = certainItemsOf(left);
    const rightItems = certainItemsOf(right);
    const items = op === '+' && leftItems && rightItems ? [...leftItems, ...rightItems] : [];
    return unknownWithItems((missing as { reason: string }).reason, meta, items);
  }
  if (op === '%' && left.kind === 'str') {
    const text = percentFormat(left.value, right);
    return text === undefined ? unknown(`% formatting with parts that are not known: ${node.text.slice(0, 60)}`, meta) : str(text, meta);
  }
  const result = binaryOp(op, left, right);
  if (!result) return unknown(`${left.kind} ${op} ${right.kind} is not modelled`, meta);
  return withMeta(result, meta);
}

export function evalComparison(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const operands = node.namedChildren.filter((c): c is SyntaxNode => c !== null);
  const operators = node.childrenForFieldName('operators').map((o) => o!.text.replace(/\s+/g, ' '));
  const values = operands.map((o) => evalExpr(interp, o, scope));
  const env = envOf(...values);
  let result: boolean | undefined = true;
  for (let i = 0; i < operators.length; i++) {
    const op = operators[i]!;
    const right = values[i + 1]!;
    if ((op === 'in' || op === 'not in') && right.kind === 'object' && right.type === 'ext:os.environ') {
      const name = values[i]!;
      if (name.kind !== 'str') return unknown(`${op} os.environ with a name that is not known`, { loc: interp.here(node), env });
      const { hit, read } = interp.env.read(name.value, 'in os.environ');
      if (operators.length > 1) return unknown('chained comparison with os.environ', { loc: interp.here(node), env: mergeEnv(env, [read]) });
      return bool((hit !== undefined) === (op === 'in'), { loc: interp.here(node), env: mergeEnv(env, [read]) });
    }
    const r = compare(op, values[i]!, right);
    if (r === false) return bool(false, { loc: interp.here(node), env });
    if (r === undefined) result = undefined;
  }
  if (result === undefined) {
    const cause = values.find((v) => v.kind === 'unknown') as { reason: string } | undefined;
    return unknown(cause?.reason ?? `cannot decide ${node.text.slice(0, 80)}`, { loc: interp.here(node), env });
  }
  return bool(true, { loc: interp.here(node), env });
}

export function evalSequence(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const items: PyValue[] = [];
  let opaque: PyValue | undefined;
  for (const child of node.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'list_splat') {
      const inner = evalExpr(interp, child.namedChildren[0]!, scope);
      if (inner.kind === 'list' || inner.kind === 'tuple' || inner.kind === 'set') items.push(...inner.items);
      else {
        opaque = inner;
        items.push(...(certainItemsOf(inner) ?? []));
      }
    } else items.push(evalExpr(interp, child, scope));
  }
  const kind = node.type === 'expression_list' ? 'tuple' : (node.type as 'list' | 'tuple' | 'set');
  if (opaque) {
    // `[*unknown, 'x']` still certainly holds 'x' (and what the unknown part certainly holds).
    return unknownWithItems(opaque.kind === 'unknown' ? opaque.reason : 'unpacks a value that is not a sequence', { loc: interp.here(node), env: opaque.env }, items);
  }
  if (kind === 'set') {
    const unique: PyValue[] = [];
    for (const item of items) if (!unique.some((u) => pyEquals(u, item) === true)) unique.push(item);
    return { kind, items: unique, loc: interp.here(node) };
  }
  return { kind, items, loc: interp.here(node) };
}

export function evalDict(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  let out: PyDict = { kind: 'dict', entries: [], loc: interp.here(node) };
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'pair') {
      const key = evalExpr(interp, child.childForFieldName('key')!, scope);
      const value = evalExpr(interp, child.childForFieldName('value')!, scope);
      if (key.kind === 'unknown') return unknown(`dict key: ${key.reason}`, { loc: interp.here(node), env: key.env });
      dictSet(out, key, value);
    } else if (child.type === 'dictionary_splat') {
      const inner = evalExpr(interp, child.namedChildren[0]!, scope);
      if (inner.kind !== 'dict') return unknown(inner.kind === 'unknown' ? inner.reason : '** of a value that is not a dict', { loc: interp.here(node), env: inner.env });
      out = mergeDicts(out, inner);
      out.loc = interp.here(node);
    }
  }
  return out;
}

export function evalSubscript(interp: Interpreter, node: SyntaxNode, scope: Scope): PyValue {
  const containerNode = node.childForFieldName('value')!;
  const keyNode = node.childForFieldName('subscript');
  if (!keyNode) return unknown('empty subscript', { loc: interp.here(node) });
  if (isOsEnviron(interp, containerNode, scope)) {
    const key = evalExpr(interp, keyNode, scope);
    if (key.kind !== 'str') return unknown('os.environ[] with a name that is not known', { loc: interp.here(node), env: key.env });
    return osEnvironItem(interp, key.value, interp.here(node));
  }
  const container = evalExpr(interp, containerNode, scope);
  const where = interp.here(node);
  if (keyNode.type === 'slice') return evalSlice(interp, container, keyNode, scope, where);
  let key = evalExpr(interp, keyNode, scope);
  // `{'production': …, 'dev': …}[ENV]` with ENV undecided: the key naming production.
  if (container.kind === 'dict') key = chooseKey(interp, container, key, where) ?? key;
  if (container.kind === 'unknown' || key.kind === 'unknown') {
    const cause = container.kind === 'unknown' ? container : key;
    return unknown((cause as { reason: string }).reason, { loc: where, env: envOf(container, key) });
  }
  if (container.kind === 'dict') {
    const found = dictLookup(container, key);
    if (found) return withMeta(found, { env: container.env });
    if (found === null) return unknown(`cannot decide which key ${keyNode.text} is`, { loc: where, env: container.env });
    return interp.fail('KeyError', `KeyError: ${pyStr(key) ?? keyNode.text} is not in ${containerNode.text.slice(0, 60)}`, where, container.env);
  }
  if ((container.kind === 'list' || container.kind === 'tuple' || container.kind === 'str') && (key.kind === 'int' || key.kind === 'bool')) {
    const length = container.kind === 'str' ? container.value.length : container.items.length;
    const raw = key.kind === 'bool' ? Number(key.value) : key.value;
    const index = raw < 0 ? length + raw : raw;
    if (index < 0 || index >= length) return interp.fail('IndexError', `IndexError: index ${raw} out of range in ${containerNode.text.slice(0, 60)}`, where, container.env);
    if (container.kind === 'str') return str(container.value[index]!, { loc: where, env: envOf(container, key) });
    return withMeta(container.items[index]!, { env: envOf(container, key) });
  }
  const internal = internalOf(container);
  if (container.kind === 'object' && container.type === 'path-parents' && internal?.tag === 'parents' && key.kind === 'int') {
    const parent = internal.paths[key.value];
    if (parent !== undefined) return { kind: 'path', value: parent, loc: where, ...(container.env ? { env: container.env } : {}) };
  }
  return unknown(`subscript of ${container.kind === 'object' ? container.type : container.kind} is not modelled`, { loc: where, env: envOf(container, key) });
}

export function evalSlice(interp: Interpreter, container: PyValue, sliceNode: SyntaxNode, scope: Scope, where: FileLocation): PyValue {
  const parts: (number | undefined)[] = [];
  let current: number | undefined;
  let known = true;
  for (const child of sliceNode.children) {
    if (!child) continue;
    if (child.type === ':') {
      parts.push(current);
      current = undefined;
    } else {
      const v = evalExpr(interp, child, scope);
      if (v.kind === 'int') current = v.value;
      else if (v.kind !== 'none') known = false;
    }
  }
  parts.push(current);
  const [start, stop, stepValue] = parts;
  if (!known || (stepValue !== undefined && stepValue !== 1)) return unknown('slice is not modelled', { loc: where, env: container.env });
  const cut = <T>(items: T[]): T[] => items.slice(start ?? 0, stop ?? items.length);
  if (container.kind === 'str') return str(cut([...container.value]).join(''), { loc: where, env: container.env });
  if (container.kind === 'list' || container.kind === 'tuple') return { kind: container.kind, items: cut(container.items), loc: where, ...(container.env ? { env: container.env } : {}) };
  return unknown(container.kind === 'unknown' ? container.reason : 'slice is not modelled', { loc: where, env: container.env });
}

export function isOsEnviron(interp: Interpreter, node: SyntaxNode, scope: Scope): boolean {
  if (node.type !== 'attribute' && node.type !== 'identifier') return false;
  const value = evalExpr(interp, node, scope);
  return value.kind === 'object' && value.type === 'ext:os.environ';
}

/** `os.environ['X']`: required (KeyError when unset, see Interpreter.requiredRead). */
export function osEnvironItem(interp: Interpreter, name: string, where: FileLocation): PyValue {
  const { hit, read } = interp.env.read(name, 'os.environ[]');
  if (!hit) return interp.requiredRead('KeyError', `${name} is not set: os.environ['${name}'] raises KeyError`, where, read, true);
  if (hit.value === undefined) return unknownStr(`${name} is set by ${hit.sourceLabel ?? 'the platform'}, value not known here`, { loc: where, env: [read] });
  return str(hit.value, { loc: where, env: [read] });
}

/** The items a `for` would visit, or undefined when not known. */
export function iterableItems(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') return value.items;
  if (value.kind === 'dict') return value.entries.map((e) => e.key);
  if (value.kind === 'str') return [...value.value].map((c) => str(c));
  return undefined;
}

export function propagateUnknown(values: PyValue[], reason: string, where: FileLocation): PyValue {
  const cause = values.find((v) => v.kind === 'unknown') as { reason: string } | undefined;
  return unknown(cause?.reason ?? reason, { loc: where, env: envOf(...values) });
}
