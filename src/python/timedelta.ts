import type { PyValue } from './value.js';
import type { Meta } from './value-ops.js';
import { int, object, unknown } from './value-ops.js';

/** `datetime.timedelta` as the evaluator and the storage reader model it: an object with a known `total_seconds`. */

/** Seconds per unit, in the order of timedelta's positional parameters. */
const UNITS: [string, number][] = [
  ['days', 86400],
  ['seconds', 1],
  ['microseconds', 0.000001],
  ['milliseconds', 0.001],
  ['minutes', 60],
  ['hours', 3600],
  ['weeks', 604800],
];

/** `timedelta(*positional, **keywords)`; unknown when a value is not a known number or a unit does not exist (Python raises TypeError). */
export function timedeltaOf(positional: readonly PyValue[], keywords: Iterable<[string, PyValue]>, meta: Meta): PyValue {
  const all: [[string, number] | undefined, PyValue][] = positional.map((value, i) => [UNITS[i], value]);
  for (const [name, value] of keywords) all.push([UNITS.find(([unit]) => unit === name), value]);
  let seconds = 0;
  for (const [unit, value] of all) {
    if (!unit || (value.kind !== 'int' && value.kind !== 'float')) return unknown('timedelta() of values that are not known', meta);
    seconds += value.value * unit[1];
  }
  return object('datetime.timedelta', meta, new Map([['total_seconds', int(Math.round(seconds))]]));
}

/** Seconds in a timedelta (or a plain number of seconds); undefined when not known. */
export function durationSeconds(value: PyValue): number | undefined {
  if (value.kind === 'int' || value.kind === 'float') return value.value;
  if (value.kind !== 'object' || value.type !== 'datetime.timedelta') return undefined;
  const total = value.attrs?.get('total_seconds');
  return total?.kind === 'int' || total?.kind === 'float' ? total.value : undefined;
}
