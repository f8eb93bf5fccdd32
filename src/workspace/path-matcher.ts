/**
 * Path globs for `ignore-paths`, gitignore-style: `*` and `?` stay inside one path segment, `**`
 * spans segments, a pattern without a `/` (other than a trailing one) matches at any depth, and a
 * pattern that names a directory covers everything under it.
 */
import { globSource } from './glob.js';

export function globToRegExp(pattern: string): RegExp {
  const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  const anchored = trimmed.startsWith('/') || trimmed.includes('/');
  const body = globSource(trimmed.replace(/^\//, ''), { globstar: 'any' });
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}(?:/.*)?$`);
}

/** A matcher for a list of globs; paths use forward slashes. */
export function pathMatcher(patterns: readonly string[]): (path: string) => boolean {
  const regexes = patterns.map(globToRegExp);
  return (path) => regexes.some((regex) => regex.test(path));
}
