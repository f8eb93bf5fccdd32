import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planReports } from '../../src/report/index.js';

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: { id?: string; run?: string; uses?: string; if?: string }[] };
}

const action = parse(readFileSync('action.yml', 'utf8')) as Action;
const text = readFileSync('action.yml', 'utf8');

describe('action.yml', () => {
  it('is a composite action whose every referenced input and step exists', () => {
    expect(action.runs.using).toBe('composite');
    for (const [, name] of text.matchAll(/inputs\.([a-z-]+)/g)) expect(action.inputs, name).toHaveProperty(name!);
    const ids = action.runs.steps.flatMap((step) => (step.id ? [step.id] : []));
    for (const [, id] of text.matchAll(/steps\.([a-z-]+)\.outputs/g)) expect(ids, id).toContain(id);
  });

  it('asks for report formats the CLI accepts, one to stdout, and uploads the SARIF it writes', () => {
    const check = action.runs.steps.find((step) => step.id === 'check')!.run!;
    const formats = [...check.matchAll(/--format "?([^"\s]+)"?/g)].map((match) => match[1]!.replace(/\$\w+/g, 'x'));
    expect(formats).toEqual(['github', 'sarif:x/deploycheck.sarif', 'json:x/deploycheck.json', 'markdown:x']);
    expect(() => planReports(formats)).not.toThrow();
    expect(action.runs.steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif'))).toBe(true);
  });
});
