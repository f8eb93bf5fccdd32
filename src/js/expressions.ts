/** Evaluating JS/TS expressions to JsValues. Never throws on code it does not model: the value is unknown. */
import type * as t from '@babel/types';
import type { EnvRead } from '../core/env-read.js';
import { assign } from './assign.js';
import { evalCall } from './calls.js';
import { makeClass, makeFunction } from './functions.js';
import { globalValue } from './globals.js';
import { type Ctx, here, sourceText } from './context.js';
import { memberOf, propertyKey } from './members.js';
import { binary, sameValue, toText, unary } from './operators.js';
import { readBinding } from './scope.js';
import { MAX_DEPTH } from './state.js';
import type { JsValue } from './types.js';
import { mergeEnv, num, str, truthyOf, unknown } from './values.js';

/** Evaluate an expression (bounded depth and steps). */
export function evalExpr(ctx: Ctx, node: t.Node): JsValue {
  const { it } = ctx;
  it.step(() => here(ctx, node));
  if (it.depth >= MAX_DEPTH) {
    tooDeep(ctx, node);
    return unknown('nested too deeply to follow', { loc: here(ctx, node) });
  }
  it.depth++;
  try {
    return evaluate(ctx, node);
  } finally {
    it.depth--;
  }
}

/** Code nested past MAX_DEPTH is not followed: a problem (once), so rules that need the whole program know. */
export function tooDeep(ctx: Ctx, node: t.Node): void {
  ctx.it.problem({ kind: 'step-budget', message: `code nested more than ${MAX_DEPTH} levels deep was not followed`, location: here(ctx, node) });
}

/** Run code in an undecided branch: its calls are conditional and its writes may not happen. */
export function undecided<T>(ctx: Ctx, run: () => T): T {
  ctx.it.conditional++;
  try {
    return run();
  } finally {
    ctx.it.conditional--;
  }
}

/** The unset variables a decided test read: choosing a branch on them assumes production leaves them unset. */
export function unsetReads(test: JsValue): EnvRead[] {
  return (test.env ?? []).filter((read) => !read.set);
}

/** Run the branch a test on unset variables chose: its calls are `assumed` and its writes carry the reads. */
export function assuming<T>(ctx: Ctx, reads: EnvRead[], run: () => T): T {
  if (!reads.length) return run();
  const before = ctx.it.assumed;
  ctx.it.assumed = mergeEnv(before, reads) ?? before;
  try {
    return run();
  } finally {
    ctx.it.assumed = before;
  }
}

/**
 * Run the branch a test on unset variables left out, without its effects: its writes only weaken what they
 * would change to `default` confidence, its package calls are noted as skipped (production runs them if it sets one).
 */
export function skipping(ctx: Ctx, reads: EnvRead[], run: () => void): void {
  if (!reads.length) return;
  ctx.it.skipped++;
  try {
    assuming(ctx, reads, run);
  } finally {
    ctx.it.skipped--;
  }
}

/** A value with the unset reads the current code assumed (unchanged outside such branches; objects share their properties). */
export function withAssumed(ctx: Ctx, value: JsValue): JsValue {
  const reads = ctx.it.assumed;
  return reads.length ? { ...value, env: mergeEnv(value.env, reads) } : value;
}

function evaluate(ctx: Ctx, node: t.Node): JsValue {
  // The frequent kinds first, without building a location they do not need.
  switch (node.type) {
    case 'Identifier':
      return identifier(ctx, node);
    case 'CallExpression':
    case 'OptionalCallExpression':
    case 'NewExpression':
      return evalCall(ctx, node);
    case 'ObjectExpression':
      return objectLiteral(ctx, node);
    case 'ArrayExpression':
      return arrayLiteral(ctx, node);
    case 'TemplateLiteral':
      return template(ctx, node);
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
      return makeFunction(ctx, node);
    case 'ClassExpression':
      return makeClass(ctx, node);
    case 'LogicalExpression':
      return logical(ctx, node);
    case 'ConditionalExpression':
      return conditional(ctx, node);
    case 'AssignmentExpression':
      return assign(ctx, node);
    case 'AwaitExpression':
      return evalExpr(ctx, node.argument);
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'TSInstantiationExpression':
    case 'TypeCastExpression':
      return evalExpr(ctx, node.expression);
  }
  const loc = here(ctx, node);
  switch (node.type) {
    case 'StringLiteral':
      return str(node.value, { loc });
    case 'NumericLiteral':
      return num(node.value, { loc });
    case 'BooleanLiteral':
      return { kind: 'boolean', value: node.value, loc };
    case 'NullLiteral':
      return { kind: 'null', loc };
    case 'RegExpLiteral':
      return { kind: 'regexp', pattern: node.pattern, flags: node.flags, loc };
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      if (node.object.type === 'Super') return unknown('super', { loc });
      const object = evalExpr(ctx, node.object);
      if ((object.kind === 'undefined' || object.kind === 'null') && node.type === 'OptionalMemberExpression') return { kind: 'undefined', loc };
      if (!node.computed) return memberOf(ctx, object, propertyKey(ctx, node.property, false), loc);
      // `config[process.env.DB_ENV || 'development']`: the key's env reads decide which value this is.
      const key = evalExpr(ctx, node.property);
      return withControlEnv(memberOf(ctx, object, toText(key), loc), key);
    }
    case 'BinaryExpression':
      if (node.left.type === 'PrivateName') return unknown('private name', { loc });
      return binary(node.operator, evalExpr(ctx, node.left), evalExpr(ctx, node.right), loc);
    case 'UnaryExpression':
      if (node.operator === 'typeof' && node.argument.type === 'Identifier' && !ctx.scope.lookup(node.argument.name) && globalValue(ctx, node.argument.name).kind === 'unknown') {
        return str('undefined', { loc });
      }
      return unary(node.operator, evalExpr(ctx, node.argument), loc);
    case 'SequenceExpression': {
      let last: JsValue = { kind: 'undefined', loc };
      for (const expression of node.expressions) last = evalExpr(ctx, expression);
      return last;
    }
    case 'UpdateExpression':
      if (node.argument.type === 'Identifier' || node.argument.type === 'MemberExpression') {
        assign(ctx, { type: 'AssignmentExpression', operator: '=', left: node.argument, right: node.argument } as t.AssignmentExpression, unknown('updated', { loc }));
      }
      return unknown('updated', { loc });
    case 'ThisExpression': {
      const binding = ctx.scope.lookup('this');
      return binding ? readBinding(binding) : unknown('this', { loc });
    }
    default:
      return unknown(`${node.type} not modelled`, { loc });
  }
}

function identifier(ctx: Ctx, node: t.Identifier): JsValue {
  const binding = ctx.scope.lookup(node.name);
  if (binding) return readBinding(binding);
  return globalValue(ctx, node.name, here(ctx, node));
}

function template(ctx: Ctx, node: t.TemplateLiteral): JsValue {
  const loc = here(ctx, node);
  let text = '';
  let env: JsValue['env'];
  let known = true;
  node.quasis.forEach((quasi, index) => {
    text += quasi.value.cooked ?? quasi.value.raw;
    const expression = node.expressions[index];
    if (!expression) return;
    const value = evalExpr(ctx, expression);
    env = mergeEnv(env, value.env);
    // `${process.env.X}` of a variable nothing in the repository sets: production sets it (the platform's
    // secret store), so the text is not the string "undefined".
    const unsetRead = value.kind === 'undefined' && value.env?.some((read) => !read.set);
    const part = unsetRead ? undefined : toText(value);
    if (part === undefined) known = false;
    else text += part;
  });
  const meta = env ? { loc, env } : { loc };
  return known ? str(text, meta) : unknown('text of values not known', meta);
}

function objectLiteral(ctx: Ctx, node: t.ObjectExpression): JsValue {
  const props = new Map<string, JsValue>();
  const value: Extract<JsValue, { kind: 'object' }> = { kind: 'object', props, loc: here(ctx, node) };
  if (ctx.it.conditional) ctx.it.createdAt.set(value, ctx.it.conditional);
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      spreadInto(ctx, value, evalExpr(ctx, property.argument), here(ctx, property));
      continue;
    }
    const key = propertyKey(ctx, property.key, property.computed);
    if (key === undefined) {
      value.partial = true;
      if (property.type === 'ObjectProperty') evalExpr(ctx, property.value);
      continue;
    }
    if (property.type === 'ObjectMethod') {
      props.set(key, property.kind === 'method' ? makeFunction(ctx, property) : unknown(`${property.kind}ter`, { loc: here(ctx, property) }));
    } else {
      props.set(key, evalExpr(ctx, property.value));
    }
  }
  return value;
}

/** `{ ...source }`: its known properties; an unknown source may override any property written before it. */
function spreadInto(ctx: Ctx, target: Extract<JsValue, { kind: 'object' }>, source: JsValue, loc: JsValue['loc']): void {
  if (source.kind === 'object') {
    for (const [key, item] of source.props) target.props.set(key, item);
    if (source.partial) markOverridable(target, source, loc);
  } else if (source.kind === 'array') {
    source.items.forEach((item, index) => target.props.set(String(index), item));
  } else if (source.kind === 'string') {
    [...source.value].forEach((char, index) => target.props.set(String(index), str(char)));
  } else if (source.kind === 'unknown' || source.kind === 'instance' || source.kind === 'module') {
    markOverridable(target, source, loc);
  }
}

function markOverridable(target: Extract<JsValue, { kind: 'object' }>, source: JsValue, loc: JsValue['loc']): void {
  target.partial = true;
  for (const [key, item] of target.props) {
    const env = mergeEnv(item.env, source.env);
    target.props.set(key, unknown('may be overridden by a spread', env ? { loc: item.loc ?? loc, env } : { loc: item.loc ?? loc }));
  }
}

function arrayLiteral(ctx: Ctx, node: t.ArrayExpression): JsValue {
  const items: JsValue[] = [];
  const value: Extract<JsValue, { kind: 'array' }> = { kind: 'array', items, loc: here(ctx, node) };
  if (ctx.it.conditional) ctx.it.createdAt.set(value, ctx.it.conditional);
  for (const element of node.elements) {
    if (!element) {
      items.push({ kind: 'undefined' });
    } else if (element.type === 'SpreadElement') {
      const source = evalExpr(ctx, element.argument);
      if (source.kind === 'array') {
        items.push(...source.items);
        if (source.partial) value.partial = true;
      } else {
        value.partial = true;
      }
    } else {
      items.push(evalExpr(ctx, element));
    }
  }
  return value;
}

/**
 * `left || right`, `left ?? right`, `left && right`. When the left side is an unset variable and the right
 * side is taken, the result is the fallback with the read behind it (confidence `default`).
 */
function logical(ctx: Ctx, node: t.LogicalExpression): JsValue {
  const loc = here(ctx, node);
  const left = evalExpr(ctx, node.left);
  const takeRight = rightTaken(node.operator, left);
  // `process.env.REDIS_URL && connect()`: decided by an unset variable, the right side is an assumption either way.
  const reads = unsetReads(left);
  if (takeRight === false) {
    skipping(ctx, reads, () => evalExpr(ctx, node.right));
    return node.operator === '&&' ? left : withFallbackText(ctx, left, node.right);
  }
  if (takeRight === true) return fallback(ctx, left, assuming(ctx, reads, () => evalExpr(ctx, node.right)), node.right);
  const right = undecided(ctx, () => evalExpr(ctx, node.right));
  const env = mergeEnv(node.operator === '&&' ? left.env : withFallbackText(ctx, left, node.right).env, right.env);
  return unknown('depends on a value not known', env ? { loc, env } : { loc });
}

function rightTaken(operator: t.LogicalExpression['operator'], left: JsValue): boolean | undefined {
  if (operator === '??') {
    if (left.kind === 'unknown') return undefined;
    return left.kind === 'undefined' || left.kind === 'null';
  }
  const truth = truthyOf(left);
  if (truth === undefined) return undefined;
  return operator === '||' ? !truth : truth;
}

/**
 * A set variable's value (known or not) with the fallback the code would use if it went missing
 * (`process.env.SECRET || 'dev'`), as `defaultText` on its reads: what "fails open" rules report.
 */
function withFallbackText(ctx: Ctx, left: JsValue, rightNode: t.Node): JsValue {
  // A variable the code exits without (see requiredByGuard) never reaches its fallback.
  const failsOpen = (read: EnvRead): boolean => read.set && read.defaultText === undefined && !ctx.it.envRequired.has(read.name);
  if (!left.env?.some(failsOpen)) return left;
  if (left.kind === 'object' || left.kind === 'array' || left.kind === 'function' || left.kind === 'instance') return left;
  const defaultText = sourceText(ctx, rightNode);
  if (defaultText === undefined) return left;
  return { ...left, env: left.env.map((read) => (failsOpen(read) ? { ...read, defaultText } : read)) };
}

/** The right side taken because of the left: carries the left's env reads, unset ones with the fallback's text. */
export function fallback(ctx: Ctx, left: JsValue, right: JsValue, rightNode: t.Node): JsValue {
  if (!left.env?.length) return right;
  const defaultText = sourceText(ctx, rightNode);
  const reads = left.env.map((read) => (!read.set && read.defaultText === undefined && defaultText !== undefined ? { ...read, defaultText } : read));
  const env = mergeEnv(reads, right.env);
  if (right.kind === 'object' || right.kind === 'array' || right.kind === 'function' || right.kind === 'instance') {
    // An object taken because a variable is unset (`configs[process.env.DB_ENV] || configs.development`) is a default.
    const unset = reads.filter((read) => !read.set);
    return unset.length ? { ...right, env: mergeEnv(right.env, unset) } : right;
  }
  return { ...right, ...(env ? { env } : {}) };
}

function conditional(ctx: Ctx, node: t.ConditionalExpression): JsValue {
  const loc = here(ctx, node);
  const test = evalExpr(ctx, node.test);
  const truth = truthyOf(test);
  if (truth !== undefined) {
    const reads = unsetReads(test);
    skipping(ctx, reads, () => evalExpr(ctx, truth ? node.alternate : node.consequent));
    const chosen = assuming(ctx, reads, () => evalExpr(ctx, truth ? node.consequent : node.alternate));
    return withControlEnv(chosen, test);
  }
  const [yes, no] = undecided(ctx, () => [evalExpr(ctx, node.consequent), evalExpr(ctx, node.alternate)] as const);
  if (sameValue(yes, no)) return yes;
  const env = mergeEnv(test.env, yes.env, no.env);
  return unknown('depends on a condition not known', env ? { loc, env } : { loc });
}

/**
 * A value chosen by a condition (or a key) that read env variables carries those reads, so its confidence follows
 * them. An object, array or instance carries only the unset ones (a shallow copy sharing its properties):
 * chosen because a variable is unset, it is `default`.
 */
function withControlEnv(value: JsValue, test: JsValue): JsValue {
  if (!test.env?.length) return value;
  if (value.kind === 'object' || value.kind === 'array' || value.kind === 'function' || value.kind === 'instance' || value.kind === 'module') {
    const unset = unsetReads(test);
    return unset.length ? { ...value, env: mergeEnv(value.env, unset) } : value;
  }
  return { ...value, env: mergeEnv(value.env, test.env) };
}
