import type { FileLocation } from '../core/location.js';
import type { EnvRead, PyDict, PyValue } from './value.js';
import { internalOf, setInternal } from './internals.js';

/** Constructors and pure operations on PyValues; every result carries its operands' env reads. */

export type Meta = { loc?: FileLocation; env?: EnvRead[] };

export const str = (value: string, meta: Meta = {}): PyValue => ({ kind: 'str', value, ...clean(meta) });
export const int = (value: number, meta: Meta = {}): PyValue => ({ kind: 'int', value, ...clean(meta) });
export const float = (value: number, meta: Meta = {}): PyValue => ({ kind: 'float', value, ...clean(meta) });
export const bool = (value: boolean, meta: Meta = {}): PyValue => ({ kind: 'bool', value, ...clean(meta) });
export const none = (meta: Meta = {}): PyValue => ({ kind: 'none', ...clean(meta) });
export const list = (items: PyValue[], meta: Meta = {}): PyValue => ({ kind: 'list', items, ...clean(meta) });
export const tuple = (items: PyValue[], meta: Meta = {}): PyValue => ({ kind: 'tuple', items, ...clean(meta) });
export const unknown = (reason: string, meta: Meta = {}): PyValue => ({ kind: 'unknown', reason, ...clean(meta) });
export const object = (type: string, meta: Meta = {}, attrs?: Map<string, PyValue>): PyValue => ({
  kind: 'object',
  type,
  ...(attrs ? { attrs } : {}),
  ...clean(meta),
});

/** A str whose text is not known: what an env reader without a cast gives for a variable set with an unknown value. */
export const unknownStr = (reason: string, meta: Meta = {}): PyValue => ({ kind: 'unknown', reason, isStr: true, ...clean(meta) });

/** An unknown list/tuple/set that certainly contains `items` (none: a plain unknown). */
export function unknownWithItems(reason: string, meta: Meta, items: PyValue[]): PyValue {
  const out = unknown(reason, meta);
  return items.length && out.kind === 'unknown' ? { ...out, certainItems: items } : out;
}

/** The items a sequence value certainly contains: all of a known one, `certainItems` of an unknown one. */
export function certainItemsOf(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') return value.items;
  if (value.kind === 'unknown') return value.certainItems;
  return undefined;
}

export function dict(entries: [string, PyValue][], meta: Meta = {}): PyDict {
  return { kind: 'dict', entries: entries.map(([key, value]) => ({ key: str(key), value })), ...clean(meta) };
}

function clean(meta: Meta): Meta {
  const out: Meta = {};
  if (meta.loc) out.loc = meta.loc;
  if (meta.env && meta.env.length) out.env = meta.env;
  return out;
}

/** Union of env reads, deduplicated by name and reader, order kept. */
export function mergeEnv(...groups: (EnvRead[] | undefined)[]): EnvRead[] | undefined {
  let out: EnvRead[] | undefined;
  for (const group of groups) {
    if (!group?.length) continue;
    if (!out) {
      out = [...group];
      continue;
    }
    for (const read of group) {
      if (!out.some((r) => r.name === read.name && r.reader === read.reader)) out.push(read);
    }
  }
  return out;
}

/** A copy of `value` with extra env reads and (when given) a new location. */
export function withMeta(value: PyValue, meta: Meta): PyValue {
  const env = mergeEnv(value.env, meta.env);
  const copy = { ...value } as PyValue;
  if (meta.loc) copy.loc = meta.loc;
  if (env) copy.env = env;
  const internal = internalOf(value);
  if (internal) setInternal(copy, internal);
  return copy;
}

export function envOf(...values: PyValue[]): EnvRead[] | undefined {
  return mergeEnv(...values.map((v) => v.env));
}

const isSeq = (v: PyValue): v is Extract<PyValue, { items: PyValue[] }> =>
  v.kind === 'list' || v.kind === 'tuple' || v.kind === 'set';
const isNum = (v: PyValue): v is Extract<PyValue, { kind: 'int' | 'float' | 'bool' }> =>
  v.kind === 'int' || v.kind === 'float' || v.kind === 'bool';
const numOf = (v: PyValue): number => (v.kind === 'bool' ? (v.value ? 1 : 0) : (v as { value: number }).value);

/** Python `==` on values; undefined when either side is unknown or an opaque object. */
export function pyEquals(a: PyValue, b: PyValue): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (isNum(a) && isNum(b)) return numOf(a) === numOf(b);
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind;
  if ((a.kind === 'str' && b.kind === 'str') || (a.kind === 'bytes' && b.kind === 'bytes') || (a.kind === 'path' && b.kind === 'path'))
    return a.value === b.value;
  if (isSeq(a) && isSeq(b)) {
    if (a.kind !== b.kind || a.items.length !== b.items.length) return false;
    let all: boolean | undefined = true;
    for (let i = 0; i < a.items.length; i++) {
      const eq = pyEquals(a.items[i]!, b.items[i]!);
      if (eq === false) return false;
      if (eq === undefined) all = undefined;
    }
    return all;
  }
  if (a.kind === 'dict' && b.kind === 'dict') {
    if (a.entries.length !== b.entries.length) return false;
    let all: boolean | undefined = true;
    for (const entry of a.entries) {
      const other = b.entries.find((e) => pyEquals(e.key, entry.key) === true);
      if (!other) return false;
      const eq = pyEquals(entry.value, other.value);
      if (eq === false) return false;
      if (eq === undefined) all = undefined;
    }
    return all;
  }
  if (a.kind === 'object' || b.kind === 'object') return undefined;
  return false;
}

/** Python `x in container`; undefined when it cannot be decided. */
export function pyContains(container: PyValue, item: PyValue): boolean | undefined {
  if (container.kind === 'str' && item.kind === 'str') return container.value.includes(item.value);
  if (isSeq(container) || container.kind === 'dict') {
    const keys = container.kind === 'dict' ? container.entries.map((e) => e.key) : container.items;
    let undecided = false;
    for (const key of keys) {
      const eq = pyEquals(key, item);
      if (eq === true) return true;
      if (eq === undefined) undecided = true;
    }
    return undecided ? undefined : false;
  }
  return undefined;
}

function compareOrder(a: PyValue, b: PyValue): number | undefined {
  if (isNum(a) && isNum(b)) return numOf(a) - numOf(b);
  if (a.kind === 'str' && b.kind === 'str') return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
  if ((a.kind === 'tuple' && b.kind === 'tuple') || (a.kind === 'list' && b.kind === 'list')) {
    for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) {
      const eq = pyEquals(a.items[i]!, b.items[i]!);
      if (eq === undefined) return undefined;
      if (!eq) return compareOrder(a.items[i]!, b.items[i]!);
    }
    return a.items.length - b.items.length;
  }
  return undefined;
}

/** One comparison operator; undefined when undecidable. */
export function compare(op: string, a: PyValue, b: PyValue): boolean | undefined {
  switch (op) {
    case '==':
      return pyEquals(a, b);
    case '!=': {
      const eq = pyEquals(a, b);
      return eq === undefined ? undefined : !eq;
    }
    case 'in':
      return pyContains(b, a);
    case 'not in': {
      const c = pyContains(b, a);
      return c === undefined ? undefined : !c;
    }
    case 'is':
    case 'is not': {
      if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
      let same: boolean | undefined;
      if (a.kind === 'none' || b.kind === 'none') same = a.kind === b.kind;
      else if (a.kind === 'bool' && b.kind === 'bool') same = a.value === b.value;
      else if (a.kind === 'bool' || b.kind === 'bool') same = false;
      else same = a === b ? true : undefined;
      if (same === undefined) return undefined;
      return op === 'is' ? same : !same;
    }
    default: {
      const order = compareOrder(a, b);
      if (order === undefined) return undefined;
      if (op === '<') return order < 0;
      if (op === '<=') return order <= 0;
      if (op === '>') return order > 0;
      if (op === '>=') return order >= 0;
      return undefined;
    }
  }
}

/** `str(value)` in Python, or undefined for values without a known text. */
export function pyStr(value: PyValue): string | undefined {
  switch (value.kind) {
    case 'str':
    case 'path':
      return value.value;
    case 'int':
      return String(value.value);
    case 'float':
      return formatFloat(value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'bytes':
      return `b'${value.value}'`;
    case 'list':
    case 'tuple':
    case 'set':
    case 'dict':
      return reprOf(value);
    default:
      return undefined;
  }
}

/** `repr(value)`, or undefined when not known. */
export function reprOf(value: PyValue): string | undefined {
  switch (value.kind) {
    case 'str':
      return value.value.includes("'") && !value.value.includes('"')
        ? `"${value.value}"`
        : `'${value.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    case 'path':
      return `PosixPath('${value.value}')`;
    case 'list':
    case 'tuple':
    case 'set': {
      const parts = value.items.map(reprOf);
      if (parts.some((p) => p === undefined)) return undefined;
      const inner = parts.join(', ');
      if (value.kind === 'list') return `[${inner}]`;
      if (value.kind === 'set') return parts.length ? `{${inner}}` : 'set()';
      return parts.length === 1 ? `(${inner},)` : `(${inner})`;
    }
    case 'dict': {
      const parts = value.entries.map((e) => {
        const k = reprOf(e.key);
        const v = reprOf(e.value);
        return k === undefined || v === undefined ? undefined : `${k}: ${v}`;
      });
      if (parts.some((p) => p === undefined)) return undefined;
      return `{${parts.join(', ')}}`;
    }
    default:
      return pyStr(value);
  }
}

export function formatFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e16) return `${n}.0`;
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** Python `int(text)` for a str: surrounding whitespace, sign and underscores allowed. */
export function parseIntText(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) return undefined;
  return Number.parseInt(t.replace(/_/g, ''), 10);
}

/** Python `float(text)` for a str. */
export function parseFloatText(text: string): number | undefined {
  const t = text.trim().replace(/_/g, '').toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return undefined;
  return Number.parseFloat(t);
}

/** Binary arithmetic on known values; returns undefined when the combination is not modelled. */
export function binaryOp(op: string, a: PyValue, b: PyValue): PyValue | undefined {
  if (op === '+') {
    if (a.kind === 'str' && b.kind === 'str') return str(a.value + b.value);
    if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'tuple' && b.kind === 'tuple'))
      return { kind: a.kind, items: [...a.items, ...b.items] };
  }
  if (op === '*') {
    const seq = a.kind === 'int' ? b : a;
    const n = a.kind === 'int' ? a : b;
    if (n.kind === 'int' && (seq.kind === 'str' || seq.kind === 'list' || seq.kind === 'tuple') && n.value < 10_000) {
      const times = Math.max(0, n.value);
      if (seq.kind === 'str') return str(seq.value.repeat(times));
      return { kind: seq.kind, items: Array.from({ length: times }, () => seq.items).flat() };
    }
  }
  if (op === '|' && a.kind === 'dict' && b.kind === 'dict') return mergeDicts(a, b);
  if (op === '/' && a.kind === 'path') {
    const part = b.kind === 'str' || b.kind === 'path' ? b.value : undefined;
    if (part !== undefined) return { kind: 'path', value: joinPath(a.value, part) };
  }
  if (op === '/' && a.kind === 'str' && b.kind === 'path') return { kind: 'path', value: joinPath(a.value, b.value) };
  if (isNum(a) && isNum(b)) return arithmetic(op, a, b);
  return undefined;
}

function arithmetic(op: string, a: PyValue, b: PyValue): PyValue | undefined {
  const x = numOf(a);
  const y = numOf(b);
  const floaty = a.kind === 'float' || b.kind === 'float';
  const num = (n: number, asFloat = floaty): PyValue => (asFloat ? float(n) : int(n));
  switch (op) {
    case '+':
      return num(x + y);
    case '-':
      return num(x - y);
    case '*':
      return num(x * y);
    case '/':
      return y === 0 ? undefined : float(x / y);
    case '//':
      return y === 0 ? undefined : num(Math.floor(x / y));
    case '%':
      return y === 0 ? undefined : num(((x % y) + y) % y);
    case '**':
      return num(x ** y, floaty || y < 0);
    case '<<':
    case '>>':
    case '&':
    case '|':
    case '^': {
      if (floaty) return undefined;
      const r = op === '<<' ? x * 2 ** y : op === '>>' ? Math.floor(x / 2 ** y) : op === '&' ? x & y : op === '|' ? x | y : x ^ y;
      return int(r);
    }
    default:
      return undefined;
  }
}

export function mergeDicts(a: PyDict, b: PyDict): PyDict {
  const out: PyDict = { kind: 'dict', entries: [...a.entries] };
  for (const entry of b.entries) dictSet(out, entry.key, entry.value);
  return out;
}

/** Set a key in place (keeps the first position of an existing key, like a Python dict). */
export function dictSet(target: PyDict, key: PyValue, value: PyValue): void {
  const index = target.entries.findIndex((e) => pyEquals(e.key, key) === true);
  if (index >= 0) target.entries[index] = { key: target.entries[index]!.key, value };
  else target.entries.push({ key, value });
}

export function dictLookup(target: PyDict, key: PyValue): PyValue | undefined | null {
  let undecided = false;
  for (let i = target.entries.length - 1; i >= 0; i--) {
    const eq = pyEquals(target.entries[i]!.key, key);
    if (eq === true) return target.entries[i]!.value;
    if (eq === undefined) undecided = true;
  }
  return undecided ? null : undefined;
}

/** POSIX path join with pathlib / os.path.join semantics (an absolute part restarts). */
export function joinPath(base: string, part: string): string {
  if (part.startsWith('/')) return normalizePath(part);
  if (base === '') return normalizePath(part);
  return normalizePath(base.endsWith('/') ? base + part : `${base}/${part}`);
}

/** pathlib-style normalisation: collapse `//` and `/./`, drop a trailing slash (keeps `..`). */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** os.path.abspath / Path.resolve on an absolute path: also folds `..`. */
export function resolvePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function dirnamePath(path: string): string {
  const i = path.lastIndexOf('/');
  if (i < 0) return '';
  if (i === 0) return '/';
  return path.slice(0, i);
}

/** The parent of a pathlib path (`Path('a').parent` is `Path('.')`). */
export function parentPath(path: string): string {
  const norm = normalizePath(path);
  if (norm === '/' || norm === '.') return norm;
  const i = norm.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : norm.slice(0, i);
}
