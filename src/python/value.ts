import type { EnvRead } from '../core/env-read.js';
import type { FileLocation } from '../core/location.js';
import type { Confidence } from '../core/severity.js';

export type { EnvRead } from '../core/env-read.js';

interface Meta {
  /** The source range that produced the value (the expression, or the assignment). */
  loc?: FileLocation;
  /** Environment reads the value depends on. */
  env?: EnvRead[];
  /**
   * For an assigned value that reads set variables with a code default: what the same expression
   * gives when those variables are unset (its "fails open" value), e.g. False for
   * `os.getenv('DEBUG', 'True').lower() == 'true'` with DEBUG='false', True once DEBUG goes missing.
   */
  ifUnset?: { value: PyValue; names: string[] };
  /**
   * For an assigned value that reads variables: what the same expression gives when they are set to
   * the string 'False' (`value`) and to the empty string (`whenEmpty`). True for 'False' and false for
   * '' means the code judges the text by its emptiness (`env('DEBUG')` without a bool cast, bool() of it).
   */
  ifOff?: { value: PyValue; whenEmpty?: PyValue; names: string[] };
}

export type PyStr = Meta & { kind: 'str'; value: string };
export type PyInt = Meta & { kind: 'int'; value: number };
export type PyFloat = Meta & { kind: 'float'; value: number };
export type PyBool = Meta & { kind: 'bool'; value: boolean };
export type PyNone = Meta & { kind: 'none' };
export type PyBytes = Meta & { kind: 'bytes'; value: string };
export type PySequence = Meta & { kind: 'list' | 'tuple' | 'set'; items: PyValue[] };
export type PyDict = Meta & { kind: 'dict'; entries: { key: PyValue; value: PyValue }[] };
/** A pathlib.Path (POSIX form). */
export type PyPath = Meta & { kind: 'path'; value: string };
/**
 * A value of a known type whose content the evaluator models by name only: modules, functions,
 * classes, `environ.Env` instances, `timedelta`, … `attrs` holds what is known of it.
 */
export type PyObject = Meta & { kind: 'object'; type: string; attrs?: Map<string, PyValue> };
/**
 * Something the evaluator could not follow; `reason` says why. `certainItems`: when the value is a
 * list/tuple/set whose exact content depends on something undecidable (an `if` whose branches build
 * different lists), the items every possibility contains. Never a claim that anything is absent.
 */
export type PyUnknown = Meta & {
  kind: 'unknown';
  reason: string;
  certainItems?: PyValue[];
  /** True when the value is certainly a str whose text is not known: an env read without a cast (`os.environ['X']`). */
  isStr?: true;
};

export type PyValue =
  | PyStr
  | PyInt
  | PyFloat
  | PyBool
  | PyNone
  | PyBytes
  | PySequence
  | PyDict
  | PyPath
  | PyObject
  | PyUnknown;

/** Python truthiness, or undefined when it cannot be decided. */
export function truthy(value: PyValue): boolean | undefined {
  switch (value.kind) {
    case 'str':
    case 'bytes':
      return value.value.length > 0;
    case 'int':
    case 'float':
      return value.value !== 0;
    case 'bool':
      return value.value;
    case 'none':
      return false;
    case 'list':
    case 'tuple':
    case 'set':
      return value.items.length > 0;
    case 'dict':
      return value.entries.length > 0;
    case 'path':
      return true;
    case 'object':
      return true;
    case 'unknown':
      return undefined;
  }
}

/** `value is True` in Python: a real bool True (not 1, not 'true'). */
export function isTrue(value: PyValue): boolean | undefined {
  if (value.kind === 'unknown') return undefined;
  return value.kind === 'bool' && value.value;
}


/** `certain` unless the value depends on an env variable that the environment leaves unset. */
export function confidenceOf(value: PyValue): Confidence {
  return (value.env ?? []).some((read) => !read.set) ? 'default' : 'certain';
}

/** The env reads a value depends on, its items' included. */
export function envReadsOf(value: PyValue): EnvRead[] {
  const reads = [...(value.env ?? [])];
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') {
    for (const item of value.items) reads.push(...envReadsOf(item));
  } else if (value.kind === 'dict') {
    for (const entry of value.entries) reads.push(...envReadsOf(entry.value));
  }
  const seen = new Set<string>();
  return reads.filter((read) => {
    const key = `${read.name}\0${read.reader}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Look up a string key in a dict value. */
export function dictGet(value: PyValue, key: string): PyValue | undefined {
  if (value.kind !== 'dict') return undefined;
  for (let i = value.entries.length - 1; i >= 0; i--) {
    const entry = value.entries[i]!;
    if (entry.key.kind === 'str' && entry.key.value === key) return entry.value;
  }
  return undefined;
}

/** The string items of a list/tuple/set, skipping items that are not known strings. */
export function stringItems(value: PyValue): string[] {
  if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return [];
  return value.items.flatMap((item) => (item.kind === 'str' ? [item.value] : []));
}

/** A short Python-like rendering for messages (never used for secrets: mask those first). */
export function pyRepr(value: PyValue, depth = 0): string {
  switch (value.kind) {
    case 'str':
      return `'${value.value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
    case 'bytes':
      return `b'${value.value}'`;
    case 'int':
    case 'float':
      return String(value.value);
    case 'bool':
      return value.value ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'path':
      return `Path('${value.value}')`;
    case 'list':
    case 'tuple':
    case 'set': {
      if (depth > 2) return '…';
      const inner = value.items.map((item) => pyRepr(item, depth + 1)).join(', ');
      if (value.kind === 'list') return `[${inner}]`;
      if (value.kind === 'set') return value.items.length ? `{${inner}}` : 'set()';
      return value.items.length === 1 ? `(${inner},)` : `(${inner})`;
    }
    case 'dict': {
      if (depth > 2) return '{…}';
      return `{${value.entries.map((e) => `${pyRepr(e.key, depth + 1)}: ${pyRepr(e.value, depth + 1)}`).join(', ')}}`;
    }
    case 'object':
      return `<${value.type}>`;
    case 'unknown':
      return `<unknown: ${value.reason}>`;
  }
}
