import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseDotenv } from 'dotenv';
import type { OracleCase } from './variants.js';

/** The interpreter with Debian's Django 3.2 (the `python3` on PATH has no Django). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

const HELPER = fileURLToPath(new URL('./run_django_checks.py', import.meta.url));

/** Whether SYSTEM_PYTHON can import Django 3.2, the version the fixtures pin. */
export function djangoAvailable(): boolean {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import django, sys; sys.exit(django.VERSION[:2] != (3, 2))'], {
    stdio: 'ignore',
    timeout: 20_000,
  });
  return probe.status === 0;
}

export interface DjangoJob {
  /** Absolute project directory (put on sys.path). */
  project: string;
  settings: string;
  /** The complete environment of the check (PATH is kept besides). */
  env: Record<string, string>;
}

export interface DjangoMessage {
  id: string;
  level: string;
}

export type DjangoResult = { messages: DjangoMessage[] } | { error: string; traceback?: string };

export function fixturePath(fixture: string): string {
  return join(FIXTURES_DIR, fixture);
}

/** The environment Django sees for a case: everything production has, with concrete values. */
export function djangoEnvironment(oracleCase: OracleCase): Record<string, string> {
  const fromFiles = (oracleCase.fixtureEnvFiles ?? []).map((file) =>
    parseDotenv(readFileSync(join(fixturePath(oracleCase.fixture), file))),
  );
  return Object.assign({}, ...fromFiles, oracleCase.fixtureEnv, oracleCase.platformEnv, oracleCase.set);
}

export function jobFor(oracleCase: OracleCase): DjangoJob {
  return { project: fixturePath(oracleCase.fixture), settings: oracleCase.settings, env: djangoEnvironment(oracleCase) };
}

function runBatch(jobs: DjangoJob[], timeoutMs: number): Promise<DjangoResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, [HELPER, '--batch'], { timeout: timeoutMs, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`Django oracle exited with ${signal ?? code}: ${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(stdout) as DjangoResult[]);
    });
    child.stdin.end(JSON.stringify(jobs));
  });
}

/**
 * Run Django's checks for each job, in `concurrency` helper processes; each helper imports
 * Django once and forks a fresh child per job. Results come back in the order of `jobs`.
 */
export async function runDjangoChecks(
  jobs: DjangoJob[],
  { concurrency = 2, timeoutMs = 120_000 }: { concurrency?: number; timeoutMs?: number } = {},
): Promise<DjangoResult[]> {
  const batches: { index: number; job: DjangoJob }[][] = Array.from({ length: Math.max(1, concurrency) }, () => []);
  jobs.forEach((job, index) => batches[index % batches.length]!.push({ index, job }));
  const results: DjangoResult[] = new Array<DjangoResult>(jobs.length);
  await Promise.all(
    batches
      .filter((batch) => batch.length > 0)
      .map(async (batch) => {
        const output = await runBatch(
          batch.map((entry) => entry.job),
          timeoutMs,
        );
        batch.forEach((entry, position) => (results[entry.index] = output[position]!));
      }),
  );
  return results;
}
