import { describe, expect, it } from 'vitest';
import { pathMatcher } from '../../src/workspace/path-matcher.js';

describe('ignore-paths globs', () => {
  it('matches gitignore-style: bare names at any depth, anchored paths, directories and **', () => {
    const match = pathMatcher(['/legacy/', 'vendor/', 'docs/*.py', '**/test_settings.py', '.env.*', 'a/**/b.toml']);
    expect(match('legacy/old/settings.py')).toBe(true);
    expect(match('src/legacy/settings.py')).toBe(false);
    expect(match('src/vendor/settings.py')).toBe(true);
    expect(match('docs/conf.py')).toBe(true);
    expect(match('docs/deep/conf.py')).toBe(false);
    expect(match('shop/test_settings.py')).toBe(true);
    expect(match('test_settings.py')).toBe(true);
    expect(match('deploy/.env.staging')).toBe(true);
    expect(match('a/b.toml')).toBe(true);
    expect(match('a/x/y/b.toml')).toBe(true);
    expect(match('shop/settings.py')).toBe(false);
    expect(pathMatcher(['shop/settings?py'])('shop/settings.py')).toBe(true);
    expect(pathMatcher(['shop/settings?py'])('shop/settings/py')).toBe(false);
  });
});
