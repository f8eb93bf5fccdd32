// Wall-clock benchmarks of the CLI, Node start-up included. Prints numbers; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'bin', 'deploycheck.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time in ms of a command over RUNS runs (after one warm-up run). */
function time(command: string, args: string[], cwd: string): { ms: number; status: number | null } {
  let status: number | null = null;
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    if (i > 0) samples.push(performance.now() - start);
    status = result.status;
  }
  return { ms: median(samples), status };
}

function row(label: string, ms: number, note = ''): void {
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms${note ? `  ${note}` : ''}`);
}

/** A git repository of `count` files around a small Django project. */
function generateRepository(count: number): string {
  const root = mkdtempSync(join(tmpdir(), 'deploycheck-bench-'));
  cpSync(join(repo, 'fixtures', 'startproject'), root, { recursive: true });
  for (let i = 0; i < count; i++) {
    const dir = join(root, 'app', `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    const ext = ['py', 'html', 'js', 'txt'][i % 4];
    writeFileSync(join(dir, `file${i}.${ext}`), `# generated file ${i}\nVALUE_${i} = ${i}\n`);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '-A'], { cwd: root });
  execFileSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=bench', 'commit', '-qm', 'bench'], { cwd: root });
  return root;
}

console.log(`deploycheck check: median wall time of ${RUNS} runs (Node start-up included)\n`);
const startup = time(process.execPath, ['-e', ''], repo);
row('node -e "" (Node start-up alone)', startup.ms);
row('deploycheck --version', time(process.execPath, [cli, '--version'], repo).ms);

for (const fixture of readdirSync(join(repo, 'fixtures'), { withFileTypes: true })) {
  if (!fixture.isDirectory()) continue;
  const result = time(process.execPath, [cli, 'check', join('fixtures', fixture.name), '--format', 'json'], repo);
  row(`check fixtures/${fixture.name}`, result.ms, `exit ${result.status}`);
}

const generated = generateRepository(10_000);
try {
  const result = time(process.execPath, [cli, 'check', generated, '--format', 'json'], repo);
  row('check generated repository (10,000 files)', result.ms, `exit ${result.status}`);
} finally {
  rmSync(generated, { recursive: true, force: true });
}

const django = spawnSync('/usr/bin/python3', ['-c', 'import django'], { stdio: 'ignore' });
if (django.status === 0) {
  const copy = mkdtempSync(join(tmpdir(), 'deploycheck-bench-django-'));
  try {
    cpSync(join(repo, 'fixtures', 'startproject'), copy, { recursive: true });
    const ours = time(process.execPath, [cli, 'check', copy, '--format', 'json'], repo);
    const theirs = time('/usr/bin/python3', ['manage.py', 'check', '--deploy'], copy);
    row('startproject: deploycheck check', ours.ms);
    row('startproject: python3 manage.py check --deploy', theirs.ms, `(${(theirs.ms / ours.ms).toFixed(1)}x deploycheck)`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
} else {
  console.log('\n(Django is not installed for /usr/bin/python3: skipping the manage.py check --deploy comparison)');
}
await import('./scan.js');
await import('./secrets.js').then((bench) => bench.benchSecrets());
