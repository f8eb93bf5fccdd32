import { describe, expect, it } from 'vitest';
import { combine } from '../../src/engine/combine.js';
import type { LiveScan } from '../../src/engine/combine.js';
import type { CheckResult } from '../../src/engine/check.js';
import { grade } from '../../src/engine/grade.js';
import type { Finding, ReconcileRuleDefinition } from '../../src/engine/types.js';
import type { Project } from '../../src/core/project.js';
import { splitSelection } from '../../src/cli/check-url.js';
import { loadBuiltInReconcileRules, loadBuiltInRules, loadPolicyRules } from '../../src/engine/registry.js';

const URL = 'https://site.test/';

function finding(rule: string, location: Finding['location'], severity: Finding['severity'] = 'medium'): Finding {
  return { rule, severity, confidence: 'certain', title: rule, message: `${rule} here`, location, related: [], fix: 'fix', fingerprint: rule };
}

function checkOf(findings: Finding[]): CheckResult {
  return { root: '/p', environment: 'production', projects: [], findings, grade: grade(findings), errors: [], rulesRun: 1, rules: [] };
}

function scanOf(findings: Finding[], probeErrors: string[] = []): LiveScan {
  return { target: URL, observations: {}, findings, grade: grade(findings), errors: [], rules: [], probeErrors };
}

const project = { kind: 'demo', root: '' } as unknown as Project;
const settingsLine = { file: 'settings.py', line: 3, column: 1 };

/** The reconcile rule reconcile/demo for demo projects, doing `check`. */
const demoReconcileRule = (check: ReconcileRuleDefinition['check']): ReconcileRuleDefinition => ({
  kind: 'reconcile',
  project: 'demo',
  id: 'reconcile/demo',
  title: 'demo',
  severity: 'high',
  docs: { why: 'w', fix: 'f' },
  check,
});

describe('combine', () => {
  it('reports a problem both halves see once, with both places, and deducts it once', () => {
    const result = combine({
      check: checkOf([finding('demo/hsts-off', settingsLine)]),
      projects: [project],
      scans: [scanOf([finding('web/hsts-missing', { url: URL }), finding('web/csp-missing', { url: URL })])],
      reconcileRules: [],
      twins: { 'demo/hsts-off': ['web/hsts-missing'] },
    });
    expect(result.findings.map((f) => [f.rule, f.origin])).toEqual([
      ['demo/hsts-off', 'both'],
      ['web/csp-missing', 'live'],
    ]);
    expect(result.findings[0]!.related).toEqual([{ location: { url: URL }, message: 'also seen live: web/hsts-missing here' }]);
    expect(result.grade.deductions.map((d) => d.rule)).toEqual(['demo/hsts-off', 'web/csp-missing']);
    expect(result.live).toEqual([{ target: URL, grade: 'B+', probeErrors: [], notes: [] }]);
  });

  it('drops the live findings a reconciliation finding explains, and keeps a crashing rule an error', () => {
    const explains = demoReconcileRule((ctx) => {
      for (const twin of ctx.live) ctx.supersede(twin);
      ctx.report({ message: 'stripped', location: settingsLine, related: [{ location: { url: URL }, message: 'here' }], about: 'hsts' });
    });
    const crashes: ReconcileRuleDefinition = { ...explains, id: 'reconcile/crash', check: () => { throw new Error('boom'); } };
    const otherKind: ReconcileRuleDefinition = { ...explains, id: 'reconcile/other', project: 'rails' };
    const result = combine({
      check: checkOf([]),
      projects: [project],
      scans: [scanOf([finding('web/hsts-missing', { url: URL })])],
      reconcileRules: [explains, crashes, otherKind],
      twins: {},
    });
    expect(result.findings.map((f) => [f.rule, f.origin])).toEqual([['reconcile/demo', 'both']]);
    expect(result.grade.deductions.map((d) => d.rule)).toEqual(['reconcile/demo']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('rule reconcile/crash failed');
  });

  it('reconciles nothing when several projects of the kind could be the site', () => {
    const reports = demoReconcileRule((ctx) => ctx.report({ message: 'guess', location: settingsLine, about: '' }));
    const run = (projects: Project[]) => combine({ check: checkOf([]), projects, scans: [scanOf([])], reconcileRules: [reports], twins: {} });
    expect(run([project]).findings).toHaveLength(1);
    const two = run([project, { ...project, root: 'other' } as Project]);
    expect(two.findings).toEqual([]);
    expect(two.live![0]!.notes).toEqual(['2 demo projects were checked, so which one the site runs is not known: not reconciled']);
  });

  it('keeps a cap that no finding carries (a project not fully read)', () => {
    const check = checkOf([]);
    check.grade = grade([], new Map(), [{ rule: 'production', grade: 'B', reason: 'incomplete' }]);
    const result = combine({ check, projects: [], scans: [scanOf([], ['page https://site.test/: connect: refused'])], reconcileRules: [], twins: {} });
    expect(result.grade.grade).toBe('B');
    expect(result.live![0]!.probeErrors).toEqual(['page https://site.test/: connect: refused']);
  });
});

describe('splitSelection (--rule / --ignore with --url)', () => {
  it('gives each half the patterns that name its rules', () => {
    const halves = splitSelection(['web/hsts-missing', 'django/debug'], ['reconcile']);
    expect(halves.check).toEqual({ only: ['django/debug'], ignore: [], none: false });
    expect(halves.scan).toEqual({ only: ['web/hsts-missing'], ignore: [], none: false });
    expect(halves.reconcile).toEqual({ only: [], ignore: ['reconcile'], none: true });
  });

  it('runs every rule of a half without --rule, and refuses a pattern that names no rule', () => {
    expect(splitSelection().scan).toEqual({ only: [], ignore: [], none: false });
    expect(() => splitSelection(['web/no-such-rule'])).toThrow(/no rule matches/);
  });
});

describe('the reconciliation rules', () => {
  it('load only for check --url: a plain check never loads them (nor the live scan they read)', async () => {
    const plain = [...(await loadBuiltInRules()), ...(await loadPolicyRules())].map((rule) => rule.id);
    expect(plain.filter((id) => id.startsWith('reconcile/') || id.startsWith('web/'))).toEqual([]);
    expect((await loadBuiltInReconcileRules()).map((rule) => [rule.id, rule.kind, rule.project])).toEqual([
      ['reconcile/admin-path-mismatch', 'reconcile', 'django'],
      ['reconcile/allowed-hosts-bogus-accepted', 'reconcile', 'django'],
      ['reconcile/cookie-secure-stripped', 'reconcile', 'django'],
      ['reconcile/debug-page-settings-off', 'reconcile', 'django'],
      ['reconcile/header-stripped', 'reconcile', 'django'],
      ['reconcile/media-signing-mismatch', 'reconcile', 'django'],
      ['reconcile/ssl-redirect-stripped', 'reconcile', 'django'],
    ]);
  });
});
