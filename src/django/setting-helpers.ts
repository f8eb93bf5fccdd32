import type { FileLocation, Location } from '../core/location.js';
import type { Confidence } from '../core/severity.js';
import type { Settings } from '../python/types.js';
import { confidenceOf, envReadsOf, pyRepr, truthy } from '../python/value.js';
import type { PyValue } from '../python/value.js';

/**
 * Where to report a finding about a setting: the line that last assigned it, else the value's own
 * location, else the top of the settings module (an unset setting takes Django's default).
 */
export function settingLocation(settings: Settings, name: string, value?: PyValue): FileLocation {
  return settings.assignedAt.get(name) ?? value?.loc ?? { file: settings.file, line: 1, column: 1 };
}

/**
 * Related locations that explain an env-dependent value: the env line that set each variable, or
 * a note that it is unset and the code's default applies.
 */
export function envNotes(value: PyValue): { related: { location: FileLocation | { url: string }; message: string }[]; unset: string[] } {
  const related: { location: FileLocation; message: string }[] = [];
  const unset: string[] = [];
  for (const read of envReadsOf(value)) {
    if (!read.set) {
      unset.push(read.name);
      continue;
    }
    if (read.source && 'file' in read.source) {
      related.push({ location: read.source, message: `${read.name} is set here` });
    }
  }
  return { related, unset };
}

/**
 * Django's `item in SETTING` for MIDDLEWARE / INSTALLED_APPS: exact string equality against the
 * items. undefined when an item (or the setting) is unknown and no known item matches; true for an
 * unknown setting that certainly holds the item whichever way it was built (`certainItems`).
 */
export function settingIncludes(settings: Settings, name: string, item: string): boolean | undefined {
  const value = settings.get(name);
  if (value.kind === 'str') return value.value.includes(item);
  if (value.kind === 'unknown') return value.certainItems?.some((entry) => entry.kind === 'str' && entry.value === item) ? true : undefined;
  if (value.kind !== 'list' && value.kind !== 'tuple' && value.kind !== 'set') return undefined;
  let undecided = false;
  for (const entry of value.items) {
    if (entry.kind === 'str' && entry.value === item) return true;
    if (entry.kind === 'unknown') undecided = true;
  }
  return undecided ? undefined : false;
}

/**
 * The setting that lists the middleware Django runs: MIDDLEWARE, or MIDDLEWARE_CLASSES when
 * MIDDLEWARE is None (Django 1.10 and 1.11, where None is the default and means the old-style list).
 */
export function middlewareSetting(settings: Settings): 'MIDDLEWARE' | 'MIDDLEWARE_CLASSES' {
  return settings.get('MIDDLEWARE').kind === 'none' && settings.get('MIDDLEWARE_CLASSES').kind !== 'unknown' ? 'MIDDLEWARE_CLASSES' : 'MIDDLEWARE';
}

export function middlewareOn(settings: Settings, dotted: string): boolean | undefined {
  return settingIncludes(settings, middlewareSetting(settings), dotted);
}

/** 'default' when any of the values holds only because an environment variable is unset. */
export function combinedConfidence(...values: PyValue[]): Confidence {
  return values.some((value) => confidenceOf(value) === 'default') ? 'default' : 'certain';
}

/**
 * A sentence fragment saying what a setting is and why: "SECURE_HSTS_SECONDS is unset, so
 * Django's default 0 applies", "DEBUG is True because DJANGO_DEBUG is unset and the code defaults
 * to True". Never use it for a secret.
 */
export function describeSetting(settings: Settings, name: string, value: PyValue): string {
  const shown = pyRepr(value);
  if (!settings.has(name)) return `${name} is unset, so Django's default ${shown} applies`;
  const { unset } = envNotes(value);
  if (unset.length) {
    const vars = unset.join(', ');
    return `${name} is ${shown} because ${vars} ${unset.length > 1 ? 'are' : 'is'} unset and the code defaults to ${shown}`;
  }
  return `${name} is ${shown}`;
}

/**
 * describeSetting for a check that wants `value is True`: also says why a truthy non-bool (the
 * string 'True', 1) does not count.
 */
export function describeNotTrue(settings: Settings, name: string, value: PyValue): string {
  const text = describeSetting(settings, name, value);
  return truthy(value) ? `${text} (truthy, but Django's check wants the boolean True)` : text;
}

/** Location, confidence and related notes for a finding about one setting. */
export function settingReport(
  settings: Settings,
  name: string,
  value: PyValue,
  ...alsoDependsOn: PyValue[]
): { location: FileLocation; confidence: Confidence; related: { location: Location; message: string }[] } {
  return {
    location: settingLocation(settings, name, value),
    confidence: combinedConfidence(value, ...alsoDependsOn),
    related: envNotes(value).related,
  };
}
