/** Building JsValues and the value helpers rules use (exported by src/api/node.ts). */
import type { EnvRead } from '../core/env-read.js';
import type { FileLocation } from '../core/location.js';
import type { JsApp, JsCall, JsProgram, JsValue } from './types.js';

type Meta = { loc?: FileLocation; env?: EnvRead[] };

export function str(value: string, meta: Meta = {}): JsValue {
  return { kind: 'string', value, ...meta };
}
export function num(value: number, meta: Meta = {}): JsValue {
  return { kind: 'number', value, ...meta };
}
export function bool(value: boolean, meta: Meta = {}): JsValue {
  return { kind: 'boolean', value, ...meta };
}
export function unknown(reason: string, meta: Meta = {}): JsValue {
  return { kind: 'unknown', reason, ...meta };
}

/** Env reads of several values, deduplicated by name and reader; undefined when none. */
export function mergeEnv(...groups: (EnvRead[] | undefined)[]): EnvRead[] | undefined {
  let out: EnvRead[] | undefined;
  for (const group of groups) {
    for (const read of group ?? []) {
      out ??= [];
      if (!out.some((seen) => seen.name === read.name && seen.reader === read.reader)) out.push(read);
    }
  }
  return out;
}

/** The value at an object path (`prop(options, 'cookie', 'secure')`), or undefined when a step is missing or not an object. */
export function prop(value: JsValue | undefined, ...path: string[]): JsValue | undefined {
  let current = value;
  for (const key of path) {
    if (current?.kind !== 'object') return undefined;
    current = current.props.get(key);
  }
  return current;
}

/** The text of a string value, or undefined. */
export function stringValue(value: JsValue | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

/** JS truthiness, or undefined when it cannot be decided. */
export function truthyOf(value: JsValue | undefined): boolean | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'string':
      return value.value.length > 0;
    case 'number':
      return value.value !== 0 && !Number.isNaN(value.value);
    case 'boolean':
      return value.value;
    case 'null':
    case 'undefined':
      return false;
    case 'unknown':
    case 'instance':
      // What a package call returned may be any value, falsy ones included.
      return undefined;
    default:
      return true;
  }
}

/** 'certain' for a value written in code, 'default' when an env read behind it is unset, undefined for an unknown value. */
export function confidenceOf(value: JsValue | undefined): 'certain' | 'default' | undefined {
  if (!value || value.kind === 'unknown') return undefined;
  return (value.env ?? []).some((read) => !read.set) ? 'default' : 'certain';
}

export function locationOf(value: JsValue | undefined, fallback: FileLocation): FileLocation {
  return value?.loc ?? fallback;
}

/** Calls by canonical callee name, the calls on listening apps first (then evaluation order). */
export function callsTo(program: JsProgram, callee: string): JsCall[] {
  const calls = program.calls.filter((call) => call.callee === callee);
  const listening = new Set(program.apps.filter((app) => app.listens).map((app) => app.id));
  const rank = (call: JsCall): number => {
    const app = appOf(program, call);
    return app && listening.has(app.id) ? 0 : 1;
  };
  return calls.map((call, index) => ({ call, index, rank: rank(call) })).sort((a, b) => a.rank - b.rank || a.index - b.index).map((entry) => entry.call);
}

/** Whether a value is, or holds in (nested) arrays, the given call result; cyclic arrays are walked once. */
function holds(value: JsValue, result: JsValue): boolean {
  const same = (item: JsValue): boolean => item === result || (result.kind === 'instance' && item.kind === 'instance' && item.id === result.id);
  const stack = [value];
  const seen = new Set<JsValue>();
  while (stack.length) {
    const current = stack.pop()!;
    if (same(current)) return true;
    if (current.kind !== 'array' || seen.has(current)) continue;
    seen.add(current);
    stack.push(...current.items);
  }
  return false;
}

/**
 * The app a call belongs to: its own app for a '#' call, else the app of the call that received its result,
 * directly or in an array: `app.use(session(…))`, or through a router mounted on the app
 * (`router.use(session(…)); app.use('/api', router)`).
 */
export function appOf(program: JsProgram, call: JsCall): JsApp | undefined {
  const seen = new Set<JsCall>();
  let current: JsCall | undefined = call;
  for (let depth = 0; current && depth < 8 && !seen.has(current); depth++) {
    seen.add(current);
    if (current.app !== undefined) {
      const id = current.app;
      return program.apps.find((app) => app.id === id);
    }
    const value: JsValue | undefined = current.on !== undefined ? { kind: 'instance', of: '', id: current.on } : current.result;
    if (!value) return undefined;
    current = program.calls.find((other) => other.callee.includes('#') && other.args.some((arg) => holds(arg, value)));
  }
  return undefined;
}

/** All env reads behind a value and, bounded, the values inside it. */
export function envReadsOf(value: JsValue): EnvRead[] {
  const out: EnvRead[] = [];
  const stack: { value: JsValue; depth: number }[] = [{ value, depth: 0 }];
  const seen = new Set<JsValue>();
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    out.push(...(current.env ?? []));
    if (depth >= 8) continue;
    if (current.kind === 'array') for (const item of current.items) stack.push({ value: item, depth: depth + 1 });
    if (current.kind === 'object') for (const item of current.props.values()) stack.push({ value: item, depth: depth + 1 });
  }
  return mergeEnv(out) ?? [];
}
