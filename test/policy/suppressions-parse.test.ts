import { describe, expect, it } from 'vitest';
import { commentSyntax, parseSuppressions } from '../../src/engine/suppressions.js';

const HASH = commentSyntax('app/settings.py')!;

describe('suppression comments', () => {
  it('reads the rule ids and the reason of a trailing comment, covering its own line', () => {
    const [s] = parseSuppressions('s.py', 'x = 1\nDEBUG = True  # deploycheck: ignore[django/debug, django/template-debug] staging only\n', HASH);
    expect(s).toMatchObject({ line: 2, covers: 2, column: 15, rules: ['django/debug', 'django/template-debug'], reason: 'staging only' });
  });

  it('lets a comment on its own line cover the next line, and stacked comments the first line after them', () => {
    const text = '# deploycheck: ignore[a/b] one\n  # deploycheck: ignore[c/d] -- two\nX = 1\n# deploycheck: ignore[e/f]\n\nY = 2\n';
    const found = parseSuppressions('s.py', text, HASH);
    expect(found.map((s) => [s.line, s.covers, s.reason])).toEqual([
      [1, 3, 'one'],
      [2, 3, 'two'],
      [4, 5, ''],
    ]);
  });

  it('accepts a missing bracket or an empty list as a suppression that names no rule', () => {
    const found = parseSuppressions('s.py', 'A = 1  # deploycheck: ignore because\nB = 2  # deploycheck: ignore[] x\n', HASH);
    expect(found.map((s) => s.rules)).toEqual([[], []]);
  });

  it('ignores text that only mentions the directive outside a comment', () => {
    expect(parseSuppressions('s.py', "X = 'deploycheck: ignore[a/b]'\nY = 1#deploycheck: ignore[a/b]\n", HASH)).toEqual([]);
  });

  it('uses // in JavaScript, # in env files, Procfiles and YAML, whole lines only in Dockerfiles, nothing in JSON', () => {
    expect(commentSyntax('web/next.config.js')).toEqual({ marker: '//', trailing: true });
    expect(commentSyntax('server.ts')?.marker).toBe('//');
    for (const file of ['.env', '.env.production', 'deploy/prod.env', 'Procfile', 'render.yaml', 'fly.toml']) expect(commentSyntax(file)?.marker, file).toBe('#');
    expect(commentSyntax('docker/Dockerfile.prod')).toEqual({ marker: '#', trailing: false });
    expect(commentSyntax('app.json')).toBeUndefined();

    const js = parseSuppressions('a.js', 'const debug = true; // deploycheck: ignore[node/debug] demo\n', commentSyntax('a.js')!);
    expect(js.map((s) => s.rules)).toEqual([['node/debug']]);
    const docker = commentSyntax('Dockerfile')!;
    expect(parseSuppressions('Dockerfile', 'ENV DEBUG=1 # deploycheck: ignore[django/debug] x\n', docker)).toEqual([]);
    expect(parseSuppressions('Dockerfile', '# deploycheck: ignore[django/debug] x\nENV DEBUG=1\n', docker)[0]?.covers).toBe(2);
  });
});
