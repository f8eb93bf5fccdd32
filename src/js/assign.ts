/** Assignments and destructuring: to bindings, object properties, `module.exports`, `process.env.X`, app properties. */
import type * as t from '@babel/types';
import type { FileLocation } from '../core/location.js';
import { type Ctx, here } from './context.js';
import { evalExpr, fallback, undecided, withAssumed } from './expressions.js';
import { memberOf, propertyKey } from './members.js';
import { binary, sameValue } from './operators.js';
import type { Binding } from './scope.js';
import type { JsValue } from './types.js';
import { mergeEnv, truthyOf, unknown } from './values.js';

/** What a write that may not happen (inside an undecided branch) leaves: the value when both agree, else unknown. */
function mayWrite(old: JsValue | undefined, value: JsValue, loc: FileLocation): JsValue {
  if (old && sameValue(old, value)) return value;
  const env = mergeEnv(old?.env, value.env);
  return unknown('set in a branch that may not run', env ? { loc, env } : { loc });
}

/**
 * What a write in a branch skipped because a variable is unset leaves: the old value, with the unset reads
 * (`default` confidence: production writes it if it sets the variable); a missing one becomes undefined with them.
 */
function skippedWrite(ctx: Ctx, old: JsValue | undefined, loc: FileLocation): JsValue {
  return { ...(old ?? { kind: 'undefined', loc }), env: mergeEnv(old?.env, ctx.it.assumed) };
}

/** The value a write stores: under an undecided branch it may not happen; under an assumed one it carries the reads. */
function written(ctx: Ctx, uncertain: boolean, old: JsValue | undefined, value: JsValue, loc: FileLocation): JsValue {
  if (ctx.it.skipped) return skippedWrite(ctx, old, loc);
  return uncertain ? mayWrite(old, value, loc) : withAssumed(ctx, value);
}

function writeBinding(ctx: Ctx, binding: Binding, value: JsValue, loc: FileLocation): void {
  if (binding.live) return;
  binding.value = written(ctx, ctx.it.conditional > binding.depth, binding.value, value, loc);
}

function writeName(ctx: Ctx, name: string, value: JsValue, loc: FileLocation): void {
  const binding = ctx.scope.lookup(name);
  if (binding) writeBinding(ctx, binding, value, loc);
  else if (!ctx.it.skipped) ctx.mod.scope.declare(name, written(ctx, ctx.it.conditional > 0, undefined, value, loc), 0);
}

/** `target[key] = value`. */
export function setMember(ctx: Ctx, target: JsValue, key: string | undefined, value: JsValue, loc: FileLocation): void {
  const { it } = ctx;
  const uncertain = (container: object): boolean => it.conditional > (it.createdAt.get(container) ?? 0);
  if (target.kind === 'object') {
    if (key === undefined) {
      target.partial = true;
      return;
    }
    target.props.set(key, written(ctx, uncertain(target), target.props.get(key), value, loc));
  } else if (target.kind === 'array') {
    const index = Number(key);
    if (key === undefined || !Number.isInteger(index) || index < 0) return;
    if (it.skipped && index >= target.items.length) return;
    target.items[index] = written(ctx, uncertain(target), target.items[index], value, loc);
    for (let i = 0; i < index; i++) target.items[i] ??= { kind: 'undefined' };
  } else if (target.kind === 'instance' && key !== undefined) {
    const app = it.apps.find((candidate) => candidate.id === target.id);
    let props = app?.props ?? it.instanceProps.get(target.id);
    if (!props) it.instanceProps.set(target.id, (props = new Map()));
    if (!(it.skipped && !props.has(key))) props.set(key, written(ctx, it.conditional > 0, props.get(key), value, loc));
  } else if (target.kind === 'module' && target.specifier === 'process' && target.path.join('.') === 'env' && key !== undefined && !it.skipped) {
    it.envWrites.set(key, it.conditional ? mayWrite(it.envWrites.get(key), value, loc) : value);
  }
}

const LOGICAL_ASSIGN: Record<string, '||' | '&&' | '??'> = { '||=': '||', '&&=': '&&', '??=': '??' };

/** An assignment expression; `value` replaces the right side's evaluation when given. */
export function assign(ctx: Ctx, node: t.AssignmentExpression, given?: JsValue): JsValue {
  const loc = here(ctx, node);
  let value: JsValue;
  if (given) value = given;
  else if (node.operator === '=') value = evalExpr(ctx, node.right);
  else {
    const current = evalExpr(ctx, node.left as t.Expression);
    const logical = LOGICAL_ASSIGN[node.operator];
    if (logical) {
      const truth = truthyOf(current);
      const nullish = current.kind === 'unknown' ? undefined : current.kind === 'undefined' || current.kind === 'null';
      const takeRight = logical === '??' ? nullish : logical === '&&' ? truth : truth === undefined ? undefined : !truth;
      if (takeRight === false) return current;
      value = takeRight === true ? fallback(ctx, current, evalExpr(ctx, node.right), node.right) : unknown('depends on a value not known', { loc });
    } else {
      value = binary(node.operator.slice(0, -1), current, evalExpr(ctx, node.right), loc);
    }
  }
  bindPattern(ctx, node.left, value, (name, item, at) => writeName(ctx, name, item, at));
  return value;
}

export type Declare = (name: string, value: JsValue, loc: FileLocation) => void;

/** Bind a declaration or assignment target (identifier, destructuring pattern, member) to a value. */
export function bindPattern(ctx: Ctx, pattern: t.Node, value: JsValue, declare: Declare): void {
  const loc = here(ctx, pattern);
  switch (pattern.type) {
    case 'Identifier':
      declare(pattern.name, value, loc);
      return;
    case 'AssignmentPattern': {
      const chosen = value.kind === 'undefined' ? fallback(ctx, value, evalExpr(ctx, pattern.right), pattern.right) : value;
      if (value.kind === 'unknown') undecided(ctx, () => evalExpr(ctx, pattern.right));
      bindPattern(ctx, pattern.left, chosen, declare);
      return;
    }
    case 'ObjectPattern': {
      const used: string[] = [];
      for (const property of pattern.properties) {
        if (property.type === 'RestElement') {
          bindPattern(ctx, property.argument, restOf(value, used, loc), declare);
          continue;
        }
        const key = propertyKey(ctx, property.key, property.computed);
        if (key !== undefined) used.push(key);
        bindPattern(ctx, property.value, memberOf(ctx, value, key, here(ctx, property)), declare);
      }
      return;
    }
    case 'ArrayPattern':
      pattern.elements.forEach((element, index) => {
        if (!element) return;
        if (element.type === 'RestElement') {
          const rest: JsValue = value.kind === 'array' ? { kind: 'array', items: value.items.slice(index), loc } : unknown('rest of a value not known', { loc });
          bindPattern(ctx, element.argument, rest, declare);
        } else {
          bindPattern(ctx, element, memberOf(ctx, value, String(index), here(ctx, element)), declare);
        }
      });
      return;
    case 'RestElement':
      bindPattern(ctx, pattern.argument, value, declare);
      return;
    case 'TSParameterProperty':
      bindPattern(ctx, pattern.parameter, value, declare);
      return;
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      if (pattern.object.type === 'Super') return;
      const target = evalExpr(ctx, pattern.object);
      setMember(ctx, target, propertyKey(ctx, pattern.property, pattern.computed), value, loc);
      return;
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TSTypeAssertion':
    case 'ParenthesizedExpression':
      bindPattern(ctx, pattern.expression, value, declare);
      return;
    default:
      return;
  }
}

function restOf(value: JsValue, used: string[], loc: FileLocation): JsValue {
  if (value.kind !== 'object') return unknown('rest of a value not known', { loc });
  const props = new Map([...value.props].filter(([key]) => !used.includes(key)));
  return value.partial ? { kind: 'object', props, partial: true, loc } : { kind: 'object', props, loc };
}
