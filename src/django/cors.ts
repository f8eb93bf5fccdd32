/** How django-cors-headers reads its settings, for django/cors-allow-all. */
import type { Settings } from '../python/types.js';
import type { PyValue } from '../python/value.js';

/** django-cors-headers reads the new name first and falls back to the old one (`conf.py`). */
export function corsSetting(settings: Settings, name: string, oldName: string): { name: string; value: PyValue } | undefined {
  if (settings.has(name)) return { name, value: settings.get(name) };
  if (settings.has(oldName)) return { name: oldName, value: settings.get(oldName) };
  return undefined;
}

/**
 * Python `re.match(pattern, text)`, when JavaScript can run the pattern: named groups and \A / \Z
 * are rewritten, a leading `(?i)` becomes the i flag; anything else JavaScript rejects is undefined.
 */
export function pythonMatch(pattern: string, text: string): boolean | undefined {
  const inline = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  if (inline && /[^i]/.test(inline[1]!)) return undefined;
  const body = pattern
    .slice(inline ? inline[0].length : 0)
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  try {
    return new RegExp(`^(?:${body})`, inline ? 'i' : '').test(text);
  } catch {
    return undefined;
  }
}

/** Paths of ordinary pages: a CORS_URLS_REGEX matching one of them covers the site, not just an API. */
const PAGE_PATHS = ['/', '/accounts/login/', '/admin/'];

/**
 * Which requests get CORS headers: the middleware acts only where `re.match(CORS_URLS_REGEX,
 * request.path_info)` (default `^.*$`, every path). `narrowed`: the regex leaves ordinary pages out
 * (an API prefix); `unknown`: the value or pattern cannot be followed.
 */
export type CorsScope = { kind: 'site'; regex?: PyValue } | { kind: 'narrowed'; regex: PyValue; pattern: string } | { kind: 'unknown'; regex: PyValue };

export function corsScope(settings: Settings): CorsScope {
  if (!settings.has('CORS_URLS_REGEX')) return { kind: 'site' };
  const regex = settings.get('CORS_URLS_REGEX');
  if (regex.kind !== 'str') return { kind: 'unknown', regex };
  const matches = PAGE_PATHS.map((path) => pythonMatch(regex.value, path));
  if (matches.includes(true)) return { kind: 'site', regex };
  if (matches.includes(undefined)) return { kind: 'unknown', regex };
  return { kind: 'narrowed', regex, pattern: regex.value };
}
