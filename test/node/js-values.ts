/** Hand-built evaluator values for helper tests: what src/js hands over for small literals. */
import type { FileLocation } from '../../src/core/location.js';
import type { EnvRead } from '../../src/core/env-read.js';
import type { JsCall, JsProgram, JsValue } from '../../src/js/types.js';

export const at = (line: number, file = 'app.js'): FileLocation => ({ file, line, column: 1 });

/** A JS value from a plain literal: strings, numbers, booleans, arrays and objects. */
export function js(literal: unknown, loc?: FileLocation): JsValue {
  const meta = loc ? { loc } : {};
  if (typeof literal === 'string') return { kind: 'string', value: literal, ...meta };
  if (typeof literal === 'number') return { kind: 'number', value: literal, ...meta };
  if (typeof literal === 'boolean') return { kind: 'boolean', value: literal, ...meta };
  if (literal === undefined) return { kind: 'undefined', ...meta };
  if (literal === null) return { kind: 'null', ...meta };
  if (Array.isArray(literal)) return { kind: 'array', items: literal.map((item) => js(item)), ...meta };
  if (typeof literal === 'object' && 'kind' in literal) return literal as JsValue;
  return { kind: 'object', props: new Map(Object.entries(literal as object).map(([key, value]) => [key, js(value)])), ...meta };
}

/** A string read from an unset variable's literal fallback. */
export function fallback(value: string, name: string, loc?: FileLocation): JsValue {
  const read: EnvRead = { name, reader: 'process.env', set: false, defaultText: `'${value}'` };
  return { kind: 'string', value, env: [read], ...(loc ? { loc } : {}) };
}

/** A function value that returns `returns`. */
export function fnReturning(returns: JsValue | undefined, loc = at(1)): JsValue {
  return { kind: 'function', fn: { file: loc.file, loc, params: [], node: {}, ...(returns ? { returns } : {}) }, loc };
}

/** A program with these calls. */
export function programOf(calls: Omit<JsCall, 'location'>[]): JsProgram {
  return {
    entries: ['app.js'],
    files: ['app.js'],
    calls: calls.map((call, index) => ({ location: at(index + 1), ...call })),
    apps: [],
    dotenv: [],
    problems: [],
    exportsOf: () => undefined,
  };
}
