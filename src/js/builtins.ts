/**
 * The few built-ins configuration code uses on its values: `Object.assign`, `Number(…)`, `parseInt`,
 * string and array methods (`split(',')`, `includes`), `path.join`/`path.resolve`, `process.cwd()`.
 */
import { posix } from 'node:path';
import type { FileLocation } from '../core/location.js';
import { setMember } from './assign.js';
import type { Ctx } from './context.js';
import { invoke } from './functions.js';
import { GLOBAL_SPECIFIER, rootedPath } from './globals.js';
import { fromPrimitive, primitiveOf, strictEquals, toText } from './operators.js';
import type { JsValue } from './types.js';
import { bool, mergeEnv, num, str, truthyOf, unknown } from './values.js';

function meta(loc: FileLocation, ...values: (JsValue | undefined)[]): { loc: FileLocation; env?: JsValue['env'] } {
  const env = mergeEnv(...values.map((value) => value?.env));
  return env ? { loc, env } : { loc };
}

/** A call of a global built-in (`Object.assign`, `Number`, …); unknown when not modelled. */
export function callGlobal(ctx: Ctx, path: string[], args: JsValue[], loc: FileLocation): JsValue {
  const [first] = args;
  switch (path.join('.')) {
    case 'Object.assign': {
      const target = args[0];
      if (target?.kind !== 'object') return unknown('Object.assign of a value not known', { loc });
      for (const source of args.slice(1)) {
        if (source.kind === 'object') {
          for (const [key, value] of source.props) setMember(ctx, target, key, value, loc);
          if (source.partial) target.partial = true;
        } else if (source.kind !== 'undefined' && source.kind !== 'null') {
          target.partial = true;
        }
      }
      return target;
    }
    case 'Object.freeze':
      return first ?? { kind: 'undefined', loc };
    case 'String': {
      const text = first ? toText(first) : '';
      return text === undefined ? unknown('String of a value not known', meta(loc, first)) : str(text, meta(loc, first));
    }
    case 'Number':
    case 'parseInt':
    case 'parseFloat': {
      const p = first ? primitiveOf(first) : { ok: true as const, value: undefined };
      if (!p.ok) return unknown(`${path[0]} of a value not known`, meta(loc, first));
      const convert = path[0] === 'Number' ? Number : path[0] === 'parseInt' ? (x: unknown) => parseInt(String(x), 10) : (x: unknown) => parseFloat(String(x));
      return fromPrimitive(convert(p.value), loc, first?.env);
    }
    case 'Boolean': {
      const truth = truthyOf(first ?? { kind: 'undefined' });
      return truth === undefined ? unknown('Boolean of a value not known', meta(loc, first)) : bool(truth, meta(loc, first));
    }
    case 'Array.isArray':
      return first && first.kind !== 'unknown' ? bool(first.kind === 'array', { loc }) : unknown('Array.isArray', { loc });
    default:
      return unknown(`${path.join('.')}() not modelled`, { loc });
  }
}

/** `path.join`/`path.resolve`/`path.dirname`/`path.basename` on known strings (`__dirname` is rooted at the workspace). */
export function callPath(ctx: Ctx, method: string, args: JsValue[], loc: FileLocation): JsValue | undefined {
  const texts = args.map((arg) => (arg.kind === 'string' ? arg.value : undefined));
  if (texts.some((text) => text === undefined)) return undefined;
  const parts = texts as string[];
  const m = meta(loc, ...args);
  switch (method) {
    case 'join':
      return str(posix.join(...parts), m);
    case 'resolve': {
      const from = parts.findLastIndex((part) => part.startsWith('/'));
      return str(posix.join(...(from === -1 ? [rootedPath(ctx.it.cwd), ...parts] : parts.slice(from))), m);
    }
    case 'dirname':
      return parts[0] === undefined ? undefined : str(posix.dirname(parts[0]), m);
    case 'basename':
      return parts[0] === undefined ? undefined : str(posix.basename(parts[0], parts[1]), m);
    default:
      return undefined;
  }
}

/** Items mapped or filtered through a callback; a callback that is not a project function keeps the result unknown. */
const MAX_CALLBACK_ITEMS = 64;

function iterate(ctx: Ctx, target: Extract<JsValue, { kind: 'array' }>, method: 'map' | 'filter' | 'forEach', callback: JsValue | undefined, loc: FileLocation): JsValue | undefined {
  const closure = callback?.kind === 'function' ? ctx.it.closures.get(callback.fn) : undefined;
  const isBoolean = callback?.kind === 'module' && callback.specifier === GLOBAL_SPECIFIER && callback.path.join('.') === 'Boolean';
  if ((!closure && !isBoolean) || target.items.length > MAX_CALLBACK_ITEMS) return undefined;
  const results = target.items.map((item, index) => (closure ? invoke(ctx, closure, [item, num(index), target]) : item));
  if (method === 'forEach') return { kind: 'undefined', loc };
  if (method === 'map') return target.partial ? { kind: 'array', items: results, partial: true, loc } : { kind: 'array', items: results, loc };
  const items: JsValue[] = [];
  let partial = target.partial;
  results.forEach((result, index) => {
    const keep = truthyOf(result);
    if (keep === undefined) partial = true;
    else if (keep) items.push(target.items[index]!);
  });
  return partial ? { kind: 'array', items, partial: true, loc } : { kind: 'array', items, loc };
}

/** A method of a known string or array value; undefined when not modelled (the caller makes it unknown). */
export function callValueMethod(ctx: Ctx, target: JsValue, method: string, args: JsValue[], loc: FileLocation): JsValue | undefined {
  const [first] = args;
  if (target.kind === 'string') {
    const text = target.value;
    const m = meta(loc, target, first);
    const arg = first?.kind === 'string' ? first.value : undefined;
    switch (method) {
      case 'trim':
        return str(text.trim(), m);
      case 'toLowerCase':
        return str(text.toLowerCase(), m);
      case 'toUpperCase':
        return str(text.toUpperCase(), m);
      case 'toString':
        return target;
      case 'split':
        if (arg === undefined) return undefined;
        return { kind: 'array', items: text.split(arg).map((part) => str(part, m)), ...m };
      case 'includes':
      case 'startsWith':
      case 'endsWith':
        return arg === undefined ? undefined : bool(text[method](arg), m);
    }
    return undefined;
  }
  if (target.kind === 'array') {
    switch (method) {
      case 'push':
        if (ctx.it.conditional > (ctx.it.createdAt.get(target) ?? 0)) target.partial = true;
        else target.items.push(...args);
        return undefined;
      case 'includes': {
        if (!first) return undefined;
        const matches = target.items.map((item) => strictEquals(item, first));
        if (matches.includes(true)) return bool(true, meta(loc, first));
        if (!target.partial && matches.every((match) => match === false)) return bool(false, meta(loc, first));
        return undefined;
      }
      case 'join': {
        const texts = target.items.map((item) => (item.kind === 'undefined' || item.kind === 'null' ? '' : toText(item)));
        if (target.partial || texts.some((text) => text === undefined)) return undefined;
        const separator = first?.kind === 'string' ? first.value : ',';
        return str(texts.join(separator), meta(loc, ...target.items));
      }
      case 'concat': {
        const items = [...target.items];
        let partial = target.partial;
        for (const arg of args) {
          if (arg.kind === 'array') {
            items.push(...arg.items);
            partial ||= arg.partial;
          } else items.push(arg);
        }
        return partial ? { kind: 'array', items, partial: true, loc } : { kind: 'array', items, loc };
      }
      case 'map':
      case 'filter':
      case 'forEach':
        return iterate(ctx, target, method, first, loc);
    }
  }
  return undefined;
}
