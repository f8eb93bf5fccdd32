/**
 * The composite GitHub Action (action.yml) run step by step with the environment a runner gives
 * it, from a clone of the working tree as `uses: owner/deploycheck@ref` checks it out: its install
 * step really runs `npm ci`, its check step really writes the outputs, the job summary and the
 * SARIF file the upload step is handed.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompositeAction } from '../helpers/composite-action.js';
import type { ActionRun } from '../helpers/composite-action.js';
import { requireSystem } from '../helpers/integration.js';
import { commitWorkingTree, hasCommand } from '../helpers/package-tree.js';
import { loadSchemaValidator } from '../report/sarif-schema.js';

const skip = requireSystem('npm and git', hasCommand('npm') && hasCommand('git'));

describe.skipIf(skip)('the GitHub Action under a runner\'s environment', () => {
  let work: string;
  let actionPath: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'deploycheck-action-'));
    actionPath = commitWorkingTree(work).dir;
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function runOn(fixture: string, inputs: Record<string, string>): ActionRun {
    const workspace = join(work, `workspace-${fixture}`);
    cpSync(join('fixtures', fixture), workspace, { recursive: true });
    return runCompositeAction({ actionPath, workspace, inputs });
  }

  const step = (run: ActionRun, name: string) => run.steps.find((s) => s.name === name || s.id === name)!;

  it('fails the job on a project that is not deployable, with outputs, summary, annotations and a valid SARIF', () => {
    const run = runOn('startproject', { 'fail-on': 'high' });
    expect(step(run, 'Install deploycheck').outcome).toBe('success');
    const check = step(run, 'check');
    expect(check.outcome).toBe('success');
    expect(check.stdout).toMatch(/^::error file=[^,]+,line=\d+.*django\/debug/m);

    expect(run.outputs['exit-code']).toBe('1');
    expect(run.outputs.grade).toMatch(/^[A-F][+-]?$/);
    expect(run.outputs.grade).not.toMatch(/^A/);
    const sarif = JSON.parse(readFileSync(run.outputs.sarif!, 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
    const validate = loadSchemaValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0]!.results.map((result) => result.ruleId)).toContain('django/debug');

    const upload = step(run, 'Upload SARIF');
    expect(upload.outcome).toBe('not-run');
    expect(upload.uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
    expect(upload.with?.sarif_file).toBe(run.outputs.sarif);

    expect(run.summary).toContain('django/debug');
    expect(run.summary).toMatch(/grade/i);
    expect(step(run, 'deploycheck scan').outcome).toBe('skipped');
    const policy = step(run, 'Apply the policy');
    expect(policy.outcome).toBe('failure');
    expect(policy.exitCode).toBe(1);
    expect(policy.stdout).toContain('::error title=deploycheck::the deployment-readiness policy failed');
    expect(run.failed).toBe(true);
  }, 600_000);

  it('passes the job on a hardened project and still uploads its SARIF', () => {
    const run = runOn('hardened', {});
    expect(run.outputs['exit-code']).toBe('0');
    expect(step(run, 'Upload SARIF').outcome).toBe('not-run');
    expect(step(run, 'Apply the policy').outcome).toBe('success');
    expect(run.failed).toBe(false);
  }, 600_000);

  it('turns the inputs into check flags: an unknown --fail-on is a usage error that fails the job with exit 2', () => {
    const run = runOn('hardened', { 'fail-on': 'severe' });
    expect(run.outputs['exit-code']).toBe('2');
    expect(step(run, 'Upload SARIF').outcome).toBe('skipped');
    const policy = step(run, 'Apply the policy');
    expect(policy.exitCode).toBe(2);
    expect(policy.stdout).toContain('could not run (exit 2)');
  }, 600_000);
});
