import { describe, expect, it } from 'vitest';
import { globRegExp } from '../../src/workspace/glob.js';
import { globToRegExp } from '../../src/workspace/path-matcher.js';
import { gitignoreIgnores } from '../../src/django/gitignore-match.js';

describe('globRegExp', () => {
  it('matches classes, negated classes, a leading ] member and escapes', () => {
    expect(globRegExp('s[a-c].sh', { classes: true }).test('sb.sh')).toBe(true);
    expect(globRegExp('s[a-c].sh', { classes: true }).test('sd.sh')).toBe(false);
    expect(globRegExp('s[!a-c].sh', { classes: true }).test('sd.sh')).toBe(true);
    expect(globRegExp('[]x]', { classes: true }).test(']')).toBe(true);
    expect(globRegExp('a\\*b', { escapes: true }).test('a*b')).toBe(true);
    expect(globRegExp('a\\*b', { escapes: true }).test('axb')).toBe(false);
    expect(globRegExp('s[a-c].sh').test('s[a-c].sh')).toBe(true);
  });

  it('never throws: an invalid class matches nothing, an unclosed one is literal', () => {
    for (const glob of ['sc[z-a].sh', '[z-a]', '[\\]', '(', '[', 'a[', '**/[z-a]/**', '\\', '[!z-a]']) {
      for (const options of [{}, { classes: true }, { classes: true, escapes: true, globstar: 'any' as const }, { classes: true, globstar: 'git' as const, hiddenDots: true }]) {
        expect(() => globRegExp(glob, options), `${glob} ${JSON.stringify(options)}`).not.toThrow();
      }
    }
    expect(globRegExp('sc[z-a].sh', { classes: true }).test('scz.sh')).toBe(false);
    expect(globRegExp('a[b', { classes: true }).test('a[b')).toBe(true);
  });

  it('keeps Python glob hidden files out and spans directories only with a globstar', () => {
    expect(globRegExp('c/*.py', { hiddenDots: true }).test('c/.x.py')).toBe(false);
    expect(globRegExp('c/*.py').test('c/.x.py')).toBe(true);
    expect(globRegExp('**/x', { globstar: 'any' }).test('a/b/x')).toBe(true);
    expect(globRegExp('**/x').test('a/b/x')).toBe(false);
    expect(globRegExp('a/**', { globstar: 'git' }).test('a/b/c')).toBe(true);
  });

  it('ignore-paths globs take [ literally and never throw', () => {
    expect(globToRegExp('a[z-a]').test('a[z-a]')).toBe(true);
    expect(globToRegExp('docs/[x').test('docs/[x/y')).toBe(true);
  });

  it('reads escapes inside a class when the dialect has escapes, and an unclosed class as git does', () => {
    expect(globRegExp('a[\\]]', { classes: true, escapes: true }).test('a]')).toBe(true);
    expect(globRegExp('a[\\d]', { classes: true, escapes: true }).test('a5')).toBe(false);
    expect(globRegExp('a[\\d]', { classes: true, escapes: true }).test('ad')).toBe(true);
    expect(globRegExp('a[\\-z]', { classes: true, escapes: true }).test('ab')).toBe(false);
    expect(globRegExp('a[', { classes: true, unclosedClass: 'nothing' }).test('a[')).toBe(false);
  });

  it('.gitignore lines with odd classes never throw and match nothing', () => {
    expect(() => gitignoreIgnores('[z-a]\nfoo[\n**/[z-a]/**\n', '.env')).not.toThrow();
    expect(gitignoreIgnores('[z-a]\nfoo[\n', 'z')).toBe(false);
    expect(gitignoreIgnores('[z-a]\n.env\n', '.env')).toBe(true);
    expect(gitignoreIgnores('.env[.]*\n', '.env.prod')).toBe(true);
  });
});
