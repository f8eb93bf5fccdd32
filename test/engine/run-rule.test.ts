import { describe, expect, it } from 'vitest';
import { runRule } from '../../src/engine/run-rule.js';
import { judge } from '../../src/probe/scan.js';
import type { ScanObservations } from '../../src/probe/types.js';
import type { Report, ScanRuleDefinition } from '../../src/engine/types.js';

const docs = { why: 'w', fix: 'f' };
const report: Report = { message: 'm', location: { url: 'https://example.com/' }, about: 'x' };

describe('runRule', () => {
  it('turns reports into findings and times the rule', () => {
    const run = runRule({ id: 'x/ok', title: 't', severity: 'low', docs, check: (ctx: { n: number; report(r: Report): void }) => ctx.report({ ...report, message: `n=${ctx.n}` }) }, { n: 3 });
    expect(run.findings.map((finding) => [finding.rule, finding.message, finding.severity])).toEqual([['x/ok', 'n=3', 'low']]);
    expect(run.error).toBeUndefined();
    expect(run.ms).toBeGreaterThanOrEqual(0);
  });

  it('keeps what a crashing rule reported before it threw and names the rule and where it ran', () => {
    const run = runRule(
      { id: 'x/crash', title: 't', severity: 'low', docs, check: (ctx: { report(r: Report): void }) => { ctx.report(report); throw new Error('boom'); } },
      {},
      'shop',
    );
    expect(run.findings).toHaveLength(1);
    expect(run.error).toMatch(/^rule x\/crash failed on shop: Error: boom/);
  });

  it('is what a live scan runs its rules with: a crash is attributed to the rule and the URL, the other rules still run', () => {
    const rule = (id: string, check: ScanRuleDefinition['check']): ScanRuleDefinition => ({ id, kind: 'scan', title: 't', severity: 'medium', docs, check });
    const observations = { target: 'https://example.com/', probes: {}, assets: [] } as unknown as ScanObservations;
    const result = judge(observations, [rule('web/a', () => { throw new Error('bad'); }), rule('web/b', (ctx) => ctx.report(report))]);
    expect(result.errors).toEqual([expect.stringMatching(/^rule web\/a failed on https:\/\/example.com\/: Error: bad/)]);
    expect(result.findings.map((finding) => finding.rule)).toEqual(['web/b']);
    expect(Object.keys(result.timings).sort()).toEqual(['web/a', 'web/b']);
  });
});
