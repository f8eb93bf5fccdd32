import type { FileLocation } from '../core/location.js';
import type { Settings } from '../python/types.js';
import { envReadsOf } from '../python/value.js';
import type { PyValue } from '../python/value.js';
import type { Environment } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import { keyGuardInCode, keyGuardRaise } from './key-guard.js';
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

/** The text of a plain Python string literal (`'abc'`, `"abc"`, `r'abc'`), else undefined (escapes, f-strings, concatenation). */
function plainStringLiteral(text: string): string | undefined {
  const match = /^([rRuU]?)(['"])([^'"\n]*)\2$/.exec(text.trim());
  if (!match || ((match[1] === '' || /u/i.test(match[1]!)) && match[3]!.includes('\\'))) return undefined;
  return match[3];
}

/** A key written in the code as the fallback of a variable production sets. */
export interface FallbackKey {
  key: string;
  location: FileLocation;
  file: string;
  variable: string;
  /** Where production sets the variable, for the message. */
  setBy: string | undefined;
  /** The key is a deploy file's default for the variable (compose `${SECRET_KEY:-…}`), not the code's. */
  inDeployFile?: boolean;
}

/**
 * SECRET_KEY read from a variable production sets, whose code default is a key written in the code
 * (`os.environ.get('SECRET_KEY', 'django-insecure-…')` with the variable in render.yaml): the site
 * uses the published key the day the variable goes missing. Not when a `raise` about the key guards
 * it, nor in a gitignored file.
 */
export function fallbackKey(settings: Settings, workspace: Workspace): FallbackKey | undefined {
  if (!settings.has('SECRET_KEY')) return undefined;
  const value = settings.get('SECRET_KEY');
  // The reads that produce the value itself, not those of the branches it was chosen in.
  const read = (value.env ?? []).find((candidate) => candidate.set && candidate.defaultText !== undefined);
  const key = read?.defaultText === undefined ? undefined : plainStringLiteral(read.defaultText);
  if (!read || !key) return undefined;
  const location = value.loc ?? settingLocation(settings, 'SECRET_KEY', value);
  if (workspace.isIgnored(location.file) === true) return undefined;
  if (keyGuardInCode(settings, workspace, [read.name])) return undefined;
  const setBy = read.sourceLabel ?? (read.source && 'file' in read.source ? read.source.file : undefined);
  return { key, location, file: location.file, variable: read.name, setBy };
}

/**
 * A key written in a deploy file as the host default of the variable SECRET_KEY is read from
 * (compose `SECRET_KEY: ${SECRET_KEY:-change-me}`): the variable is always set for the app, so the
 * code has no fallback to judge, but a host that leaves it unset runs the site with the written key.
 */
export function deployFallbackKey(settings: Settings, environment: Environment, workspace: Workspace): FallbackKey | undefined {
  if (!settings.has('SECRET_KEY')) return undefined;
  for (const read of envReadsOf(settings.get('SECRET_KEY'))) {
    const variable = read.set ? environment.get(read.name) : undefined;
    const fallback = variable?.fallback;
    if (!variable || !fallback?.value || !fallback.location) continue;
    if (workspace.isIgnored(fallback.location.file) === true) continue;
    return { key: fallback.value, location: fallback.location, file: fallback.location.file, variable: read.name, setBy: variable.source.label, inDeployFile: true };
  }
  return undefined;
}
