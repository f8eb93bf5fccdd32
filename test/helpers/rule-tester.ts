/**
 * One rule tester, in the style of ESLint's RuleTester: a table of valid and invalid projects for one rule, each a
 * map of files written to a throwaway directory (runCheck reads a directory, so the project cannot stay in memory).
 * Every case is its own vitest test. A valid case must give no finding at all; an invalid case lists every finding it
 * gives, in the order the check reports them, and the count is checked.
 */
import { describe, expect, it } from 'vitest';
import type { Confidence, Severity } from '../../src/core/severity.js';
import type { CheckOptions } from '../../src/engine/check.js';
import type { CheckRule, Finding } from '../../src/engine/types.js';
import { runCheck } from '../../src/frameworks.js';
import { makeProject, makeRepository, type Files } from './project.js';

export { djangoFiles, settings52, settingsFiles, type Files } from './project.js';

interface Case {
  /** The test's name. */
  name: string;
  /** The project: workspace-relative path → content. */
  files: Files;
  /** Production environment variables (`--set`). */
  set?: Record<string, string>;
  /** Commit the files to a git repository first (every file tracked, ignored ones too). */
  committed?: boolean;
}

export type ValidCase = Case;

/** What one finding must be; every field given is checked. */
export interface ExpectedFinding {
  /** `file:line` of the finding's location. */
  at?: string;
  severity?: Severity;
  confidence?: Confidence;
  /** A fragment the message contains (each one, for a list), or a pattern it matches. */
  message?: string | string[] | RegExp;
  /** The `manage.py check --deploy` id; `undefined` checks that there is none. */
  django?: string | undefined;
  /** Entries `related` contains (asymmetric matchers allowed). */
  related?: Finding['related'];
  /** Anything else about the finding. */
  check?: (finding: Finding) => void;
}

export interface InvalidCase extends Case {
  /** Every finding, in report order. */
  findings: ExpectedFinding[];
  /** Text that must appear nowhere in the findings (an unmasked secret). */
  hidden?: string[];
}

export interface RuleTests {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** The location of a finding as `file:line`, or its URL. */
export function locationOf(finding: Finding): string {
  return 'file' in finding.location ? `${finding.location.file}:${finding.location.line}` : finding.location.url;
}

async function findingsFor(rule: CheckRule | string, testCase: Case): Promise<Finding[]> {
  const root = testCase.committed ? makeRepository(testCase.files) : makeProject(testCase.files);
  const options: CheckOptions = { root, set: testCase.set };
  if (typeof rule === 'string') options.only = [rule];
  else Object.assign(options, { rules: [rule], only: [rule.id] });
  const result = await runCheck(options);
  expect(result.errors).toEqual([]);
  return result.findings;
}

function checkFinding(finding: Finding, expected: ExpectedFinding, ruleId: string): void {
  expect(finding.rule).toBe(ruleId);
  if (expected.at !== undefined) expect(locationOf(finding)).toBe(expected.at);
  if (expected.severity !== undefined) expect(finding.severity).toBe(expected.severity);
  if (expected.confidence !== undefined) expect(finding.confidence).toBe(expected.confidence);
  if (expected.message instanceof RegExp) expect(finding.message).toMatch(expected.message);
  else for (const fragment of [expected.message ?? []].flat()) expect(finding.message).toContain(fragment);
  if ('django' in expected) expect(finding.django).toBe(expected.django);
  for (const related of expected.related ?? []) expect(finding.related).toContainEqual(related);
  expected.check?.(finding);
}

/** Generate a `describe` for the rule with one `it` per case. */
export function ruleTester(rule: CheckRule | string, tests: RuleTests): void {
  const ruleId = typeof rule === 'string' ? rule : rule.id;
  describe(ruleId, () => {
    for (const testCase of tests.valid) {
      it(`valid: ${testCase.name}`, async () => {
        expect((await findingsFor(rule, testCase)).map((finding) => `${finding.rule} ${locationOf(finding)}: ${finding.message}`)).toEqual([]);
      });
    }
    for (const testCase of tests.invalid) {
      it(`invalid: ${testCase.name}`, async () => {
        expect(testCase.findings.length, 'an invalid case states at least one finding').toBeGreaterThan(0);
        const findings = await findingsFor(rule, testCase);
        expect(findings.map((finding) => `${finding.rule} ${locationOf(finding)}`)).toHaveLength(testCase.findings.length);
        findings.forEach((finding, i) => checkFinding(finding, testCase.findings[i]!, ruleId));
        for (const secret of testCase.hidden ?? []) expect(JSON.stringify(findings)).not.toContain(secret);
      });
    }
  });
}
