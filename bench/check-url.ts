// `check --url` against `check` and `scan` run one after the other, on fixtures/livesite served by
// gunicorn on 127.0.0.1 (the insecure settings, plain HTTP, as the live tests run it). Issue 15's
// target: check --url costs no more than check + scan, since it runs the two halves side by side.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { gunicornAvailable, scratchDir, startGunicorn } from '../test/live/livesite.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'bin', 'deploycheck.js');
const RUNS = Number(process.env.BENCH_CHECK_URL_RUNS ?? 5);

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

/** Median wall times of the commands run in turns after one warm-up round, so passing load weighs on all alike. */
function interleaved(commands: string[][]): number[] {
  const samples = commands.map(() => [] as number[]);
  for (let round = 0; round <= RUNS; round++) {
    commands.forEach((args, i) => {
      const start = performance.now();
      spawnSync(process.execPath, [cli, ...args], { cwd: repo, stdio: 'ignore' });
      if (round > 0) samples[i]!.push(performance.now() - start);
    });
  }
  return samples.map(median);
}

const row = (label: string, ms: number, note = '') => console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms${note ? `  ${note}` : ''}`);

export async function benchCheckUrl(): Promise<void> {
  if (!gunicornAvailable()) {
    console.log('\n(gunicorn with Django under /usr/bin/python3 is not installed: skipping the check --url comparison)');
    return;
  }
  const scratch = scratchDir();
  const gunicorn = await startGunicorn('insecure', scratch.path);
  try {
    const url = `http://127.0.0.1:${gunicorn.port}/`;
    const project = ['fixtures/livesite', '--settings', 'livesite.settings.insecure'];
    const [check, scan, both] = interleaved([
      ['check', ...project, '--format', 'json'],
      ['scan', url, '--format', 'json'],
      ['check', ...project, '--url', url, '--format', 'json'],
    ]);
    console.log(`\ncheck --url: fixtures/livesite under gunicorn on 127.0.0.1 (${RUNS} interleaved runs, medians)`);
    row('deploycheck check', check!);
    row('deploycheck scan', scan!);
    row('deploycheck check --url', both!, `${(both! / (check! + scan!)).toFixed(2)} x (check + scan) (target <= 1: ${both! <= check! + scan! ? 'met' : 'MISSED'})`);
  } finally {
    await gunicorn.stop();
    scratch.remove();
  }
}
