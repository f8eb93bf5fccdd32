/** Operators on JsValues: decided when the operands are known, else unknown with the env reads behind them. */
import type { FileLocation } from '../core/location.js';
import type { JsValue } from './types.js';
import { bool, mergeEnv, num, str, truthyOf, unknown } from './values.js';

type Primitive = string | number | boolean | null | undefined;

/** The JS primitive of a known primitive value; `none` when the value is not a known primitive. */
export function primitiveOf(value: JsValue): { ok: true; value: Primitive } | { ok: false } {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return { ok: true, value: value.value };
    case 'null':
      return { ok: true, value: null };
    case 'undefined':
      return { ok: true, value: undefined };
    default:
      return { ok: false };
  }
}

/** A primitive back as a value with the given meta. */
export function fromPrimitive(value: Primitive, loc: FileLocation, env: JsValue['env']): JsValue {
  const meta = env ? { loc, env } : { loc };
  if (typeof value === 'string') return str(value, meta);
  if (typeof value === 'number') return num(value, meta);
  if (typeof value === 'boolean') return bool(value, meta);
  return value === null ? { kind: 'null', ...meta } : { kind: 'undefined', ...meta };
}

/** Whether two values are certainly the same (===), certainly not, or undecidable. */
export function strictEquals(a: JsValue, b: JsValue): boolean | undefined {
  const pa = primitiveOf(a);
  const pb = primitiveOf(b);
  if (pa.ok && pb.ok) return pa.value === pb.value;
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  // What a package call returned may be any value (config.get('env') may be 'production').
  if (a.kind === 'instance' && b.kind === 'instance') return a.id === b.id ? true : undefined;
  if (a.kind === 'instance' || b.kind === 'instance') return undefined;
  if (pa.ok !== pb.ok) return false;
  const byReference = (v: JsValue): boolean => v.kind === 'object' || v.kind === 'array' || v.kind === 'function';
  if (byReference(a) && byReference(b)) return a === b;
  if (a.kind === 'module' && b.kind === 'module') return a.specifier === b.specifier && a.path.join('.') === b.path.join('.') ? true : undefined;
  return a === b ? true : undefined;
}

/** Whether two values are interchangeable results of two code paths (same literal or same object). */
export function sameValue(a: JsValue, b: JsValue): boolean {
  if (a === b) return true;
  if (a.kind === 'unknown' || b.kind === 'unknown') return false;
  return strictEquals(a, b) === true;
}

function looseEquals(a: JsValue, b: JsValue): boolean | undefined {
  const pa = primitiveOf(a);
  const pb = primitiveOf(b);
  // JS's own loose equality on two known primitives is the answer.
  // eslint-disable-next-line eqeqeq
  if (pa.ok && pb.ok) return pa.value == pb.value;
  const nullish = (v: JsValue): boolean => v.kind === 'null' || v.kind === 'undefined';
  if (nullish(a) && b.kind !== 'unknown') return nullish(b);
  if (nullish(b) && a.kind !== 'unknown') return nullish(a);
  return strictEquals(a, b);
}

function decided(result: Primitive | undefined, loc: FileLocation, a: JsValue, b: JsValue, what: string): JsValue {
  const env = mergeEnv(a.env, b.env);
  if (result === undefined && what !== 'undefined') return unknown(`${what} of values not known`, env ? { loc, env } : { loc });
  return fromPrimitive(result, loc, env);
}

export function binary(operator: string, a: JsValue, b: JsValue, loc: FileLocation): JsValue {
  const env = mergeEnv(a.env, b.env);
  const meta = env ? { loc, env } : { loc };
  switch (operator) {
    case '===':
    case '!==': {
      const equal = strictEquals(a, b);
      if (equal === undefined) return unknown('comparison of values not known', meta);
      return bool(operator === '===' ? equal : !equal, meta);
    }
    case '==':
    case '!=': {
      const equal = looseEquals(a, b);
      if (equal === undefined) return unknown('comparison of values not known', meta);
      return bool(operator === '==' ? equal : !equal, meta);
    }
  }
  const pa = primitiveOf(a);
  const pb = primitiveOf(b);
  if (!pa.ok || !pb.ok) {
    if (operator === '+' && (a.kind === 'string' || b.kind === 'string')) return unknown('text of values not known', meta);
    return unknown(`${operator} of values not known`, meta);
  }
  const x = pa.value as never;
  const y = pb.value as never;
  switch (operator) {
    case '+':
      return fromPrimitive((x as string) + (y as string), loc, env);
    case '-':
      return fromPrimitive(x - y, loc, env);
    case '*':
      return fromPrimitive(x * y, loc, env);
    case '/':
      return fromPrimitive(x / y, loc, env);
    case '%':
      return fromPrimitive(x % y, loc, env);
    case '**':
      return fromPrimitive((x as number) ** (y as number), loc, env);
    case '<':
      return fromPrimitive(x < y, loc, env);
    case '>':
      return fromPrimitive(x > y, loc, env);
    case '<=':
      return fromPrimitive(x <= y, loc, env);
    case '>=':
      return fromPrimitive(x >= y, loc, env);
    case '|':
      return fromPrimitive(x | y, loc, env);
    case '&':
      return fromPrimitive(x & y, loc, env);
    default:
      return decided(undefined, loc, a, b, operator);
  }
}

export function unary(operator: string, a: JsValue, loc: FileLocation): JsValue {
  const meta = a.env ? { loc, env: a.env } : { loc };
  switch (operator) {
    case '!': {
      const truth = truthyOf(a);
      return truth === undefined ? unknown('negation of a value not known', meta) : bool(!truth, meta);
    }
    case 'typeof': {
      const type = typeOf(a);
      return type === undefined ? unknown('type not known', meta) : str(type, meta);
    }
    case 'void':
      return { kind: 'undefined', ...meta };
  }
  const p = primitiveOf(a);
  if (!p.ok) return unknown(`${operator} of a value not known`, meta);
  const x = p.value as never;
  if (operator === '-') return fromPrimitive(-x, loc, a.env);
  if (operator === '+') return fromPrimitive(+x, loc, a.env);
  return unknown(`${operator} not modelled`, meta);
}

function typeOf(value: JsValue): string | undefined {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
    case 'function':
      return value.kind;
    case 'null':
    case 'array':
    case 'object':
    case 'regexp':
      return 'object';
    default:
      return undefined;
  }
}

/** String(value) when decidable. */
export function toText(value: JsValue): string | undefined {
  const p = primitiveOf(value);
  if (p.ok) return String(p.value);
  return undefined;
}
