/** Suppressions and findings with several places (a secret found in several files is one finding). */
import { describe, expect, it } from 'vitest';
import { applySuppressions, parseSuppressions } from '../../src/engine/suppressions.js';
import type { Suppression } from '../../src/engine/suppressions.js';
import type { Finding } from '../../src/engine/types.js';

const RULE = 'secrets/known-format';
const HASH = { marker: '#', trailing: true } as const;

function finding(file: string, line: number, related: [string, number][]): Finding {
  return {
    rule: RULE,
    severity: 'high',
    confidence: 'certain',
    title: 'secret',
    message: `a key, in ${related.length + 1} places`,
    location: { file, line, column: 1 },
    related: related.map(([path, at]) => ({ location: { file: path, line: at, column: 1 }, message: 'the same value' })),
    fix: '',
    fingerprint: 'f',
  };
}

function suppressions(files: Record<string, string>): Map<string, Suppression[]> {
  return new Map(Object.entries(files).map(([file, text]) => [file, parseSuppressions(file, text, HASH)]));
}

const run = (findings: Finding[], byFile: Map<string, Suppression[]>) => applySuppressions(findings, byFile, new Set([RULE]), new Set([RULE]));
const unused = (result: ReturnType<typeof run>) => result.problems.filter((p) => p.rule === 'meta/unused-suppression').map((p) => p.report.location);

describe('suppressions on the places of a grouped finding', () => {
  const grouped = finding('a.env', 1, [['b.env', 2], ['c.env', 1]]);

  it('a suppression on a related place is used, covers that place, and leaves the finding its own place reports', () => {
    const result = run([grouped], suppressions({ 'b.env': `X=1\nKEY=v  # deploycheck: ignore[${RULE}] test fixture\n` }));
    expect(unused(result)).toEqual([]);
    expect(result.suppressed).toBe(0);
    expect(result.kept[0]?.related.map((r) => r.message)).toEqual(['the same value (suppressed here: test fixture)', 'the same value']);
  });

  it('a suppression on the own place hides the finding, and those on related places are used too', () => {
    const result = run(
      [grouped],
      suppressions({ 'a.env': `KEY=v  # deploycheck: ignore[${RULE}] rotated`, 'c.env': `KEY=v  # deploycheck: ignore[${RULE}] rotated` }),
    );
    expect(result.kept).toEqual([]);
    expect(result.suppressed).toBe(1);
    expect(unused(result)).toEqual([]);
  });

  it('every place suppressed hides the finding; a suppression on none of its places is unused', () => {
    const all = suppressions({
      'a.env': `KEY=v  # deploycheck: ignore[${RULE}] rotated`,
      'b.env': `X=1\nKEY=v  # deploycheck: ignore[${RULE}] rotated`,
      'c.env': `KEY=v  # deploycheck: ignore[${RULE}] rotated`,
    });
    expect(run([grouped], all)).toMatchObject({ kept: [], suppressed: 1 });
    const elsewhere = run([grouped], suppressions({ 'b.env': `KEY=v  # deploycheck: ignore[${RULE}] wrong line\nX=1\n` }));
    expect(elsewhere.kept).toEqual([grouped]);
    expect(unused(elsewhere)).toEqual([{ file: 'b.env', line: 1, column: 8 }]);
  });

  it('a suppression of another rule on a related place covers nothing', () => {
    const other = run([grouped], suppressions({ 'b.env': 'X=1\nKEY=v  # deploycheck: ignore[secrets/high-entropy] other rule\n' }));
    expect(other.kept).toEqual([grouped]);
  });
});
