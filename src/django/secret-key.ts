import type { FileLocation } from '../engine/types.js';
import type { Settings } from '../python/types.js';
import { envReadsOf } from '../python/value.js';
import type { PyValue } from '../python/value.js';
import type { Workspace } from '../workspace/types.js';
import { keyGuardRaise } from './key-guard.js';
import { settingLocation } from './setting-helpers.js';

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

/** The SECRET_KEY production runs with when it is written in the repository (a literal or a code fallback). */
export interface CommittedKey {
  key: string;
  value: PyValue;
  location: FileLocation;
  /** The file the key is written in. */
  file: string;
  /** Variables whose absence makes production use the written key (empty for a plain literal). */
  unset: string[];
}

/**
 * The key django/secret-key-committed reports, shared so django/secret-key-weak can leave the same
 * value to it: a non-empty string SECRET_KEY that no set variable provides, in a file git tracks
 * (a gitignored local settings file is not in the repository), and that the settings do not raise over.
 */
export function committedKey(settings: Settings, workspace: Workspace): CommittedKey | undefined {
  if (!settings.has('SECRET_KEY')) return undefined;
  const value = settings.get('SECRET_KEY');
  // An empty key is django/secret-key-weak's (Django refuses to start); a non-string is not a key we know.
  if (value.kind !== 'str' || value.value === '') return undefined;
  const reads = envReadsOf(value);
  if (reads.some((read) => read.set)) return undefined;
  const location = value.loc ?? settingLocation(settings, 'SECRET_KEY', value);
  if (workspace.isIgnored(location.file) === true) return undefined;
  // The settings refuse this very key in production: no site ever runs with it.
  if (keyGuardRaise(settings, workspace, value)) return undefined;
  return { key: value.value, value, location, file: location.file, unset: reads.map((read) => read.name) };
}
