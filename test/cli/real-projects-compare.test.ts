/** bench/real-projects/compare.mjs scores a report against labels: a problem at a finding's related location is found. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'deploycheck-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for deploycheck that prints one fixed report. */
function fakeBin(report: unknown): string {
  const bin = join(dir, `bin-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(bin, `process.stdout.write(${JSON.stringify(JSON.stringify(report))});\n`);
  return bin;
}

function compare(label: unknown, report: unknown): { found: number; missed: { id: string }[]; false: number } {
  const labels = mkdtempSync(join(dir, 'labels-'));
  const root = mkdtempSync(join(dir, 'root-'));
  writeFileSync(join(labels, 'owner--app.json'), JSON.stringify(label));
  mkdirSync(join(root, 'owner--app'));
  const run = spawnSync(process.execPath, ['bench/real-projects/compare.mjs', '--json', '--root', root, '--labels', labels, '--bin', fakeBin(report)], { encoding: 'utf8' });
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout).repositories[0];
}

const KEY_PROBLEMS = [
  { id: 'p1', rules: ['secrets/known-format'], file: 'deploy.sh', line: 3 },
  { id: 'p2', rules: ['secrets/known-format'], file: 'app/old_settings.py', line: 9 },
];
const keyFinding = (related: { file: string }[]) => ({
  rule: 'secrets/known-format',
  severity: 'critical',
  location: { file: 'deploy.sh', line: 3, column: 1 },
  related: related.map((location) => ({ location: { ...location, line: 9, column: 1 }, message: 'the same value' })),
});

describe('real-projects compare', () => {
  it('counts a labelled place among a finding’s related locations as found', () => {
    const row = compare({ slug: 'owner--app', problems: KEY_PROBLEMS }, { findings: [keyFinding([{ file: 'app/old_settings.py' }])] });
    expect(row.found).toBe(2);
    expect(row.missed).toEqual([]);
  });

  it('still misses a place the finding does not name, and a related place of another rule', () => {
    const row = compare({ slug: 'owner--app', problems: KEY_PROBLEMS }, { findings: [keyFinding([{ file: 'app/settings.py' }])] });
    expect(row.missed.map((problem) => problem.id)).toEqual(['p2']);
    const other = compare(
      { slug: 'owner--app', problems: [{ id: 'p1', rules: ['django/debug'], file: 'app/old_settings.py' }] },
      { findings: [keyFinding([{ file: 'app/old_settings.py' }])] },
    );
    expect(other.found).toBe(0);
  });
});
