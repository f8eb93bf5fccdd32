import { envReadsOf } from '../python/value.js';
import type { PyValue } from '../python/value.js';

export const INSECURE_PREFIX = 'django-insecure-';
const MIN_LENGTH = 50;
const MIN_DISTINCT = 5;

/** Why Django's `_check_secret_key` rejects a key (each clause it fails), empty when it passes. */
export function weakKeyReasons(key: string): string[] {
  const reasons: string[] = [];
  const length = [...key].length;
  const distinct = new Set(key).size;
  if (key.startsWith(INSECURE_PREFIX)) reasons.push(`starts with '${INSECURE_PREFIX}' (the throwaway key startproject writes)`);
  if (length < MIN_LENGTH) reasons.push(`is only ${length} characters long (Django wants at least ${MIN_LENGTH})`);
  if (distinct < MIN_DISTINCT) reasons.push(`has only ${distinct} distinct characters (Django wants at least ${MIN_DISTINCT})`);
  return reasons;
}

/** Whether the value came from the code (a literal or a code default) rather than a variable the environment sets. */
export function writtenInCode(value: PyValue): boolean {
  return !envReadsOf(value).some((read) => read.set);
}
