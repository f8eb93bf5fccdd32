/** A JSON file imported by a module (`require('./config.json')`) as a JsValue, depth-bounded. */
import type { FileLocation } from '../core/location.js';
import type { JsValue } from './types.js';
import { unknown } from './values.js';

const MAX_JSON_DEPTH = 64;

function convert(data: unknown, depth: number, loc: FileLocation): JsValue {
  if (data === null) return { kind: 'null', loc };
  if (typeof data === 'string') return { kind: 'string', value: data, loc };
  if (typeof data === 'number') return { kind: 'number', value: data, loc };
  if (typeof data === 'boolean') return { kind: 'boolean', value: data, loc };
  if (depth >= MAX_JSON_DEPTH) return unknown('JSON nested too deeply', { loc });
  if (Array.isArray(data)) return { kind: 'array', loc, items: data.map((item) => convert(item, depth + 1, loc)) };
  const props = new Map<string, JsValue>();
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) props.set(key, convert(value, depth + 1, loc));
  return { kind: 'object', props, loc };
}

export function jsonValue(text: string, file: string): JsValue {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return unknown(`${file} is not valid JSON`, { loc: { file, line: 1, column: 1 } });
  }
  return convert(data, 0, { file, line: 1, column: 1 });
}
