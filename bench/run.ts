// Wall-clock benchmarks of the CLI, Node start-up included. Prints numbers; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'bin', 'deploycheck.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// Every row is a cold run (the whole check, as before the run cache) unless it says "warm": those
// replay a stored run from a cache directory of their own (see docs/startup.md).
process.env.DEPLOYCHECK_NO_CACHE = '1';
const warmCache = mkdtempSync(join(tmpdir(), 'deploycheck-bench-cache-'));
const warmEnv: NodeJS.ProcessEnv = { ...process.env, DEPLOYCHECK_CACHE_DIR: warmCache };
delete warmEnv.DEPLOYCHECK_NO_CACHE;
// The cache is off in CI (see src/run-cache/lookup.ts): the warm rows measure it on.
delete warmEnv.CI;
process.on('exit', () => rmSync(warmCache, { recursive: true, force: true }));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median wall time in ms of a command over RUNS runs (after one warm-up run); `before` runs untimed before each. */
function time(command: string, args: string[], cwd: string, env?: NodeJS.ProcessEnv, before?: () => void): { ms: number; status: number | null } {
  let status: number | null = null;
  const samples: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    before?.();
    const start = performance.now();
    const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
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
  // A first run with the cache on also records what it read and stores the entry.
  const miss = time(process.execPath, [cli, 'check', generated, '--format', 'json'], repo, warmEnv, () => rmSync(warmCache, { recursive: true, force: true }));
  row('  same, first run (run cache miss, stored)', miss.ms, `exit ${miss.status}`);
  const warm = time(process.execPath, [cli, 'check', generated, '--format', 'json'], repo, warmEnv);
  row('  same, warm (run cache hit)', warm.ms, `exit ${warm.status}`);
} finally {
  rmSync(generated, { recursive: true, force: true });
}

/**
 * Median wall times of commands run in turns (A, B, C, A, B, C, …) after one warm-up each: on a shared
 * machine, load that comes and goes then weighs on every command alike, so their ratios hold.
 */
function interleaved(commands: { command: string; args: string[]; cwd: string; env?: NodeJS.ProcessEnv }[]): number[] {
  const samples = commands.map(() => [] as number[]);
  for (let round = 0; round <= RUNS; round++) {
    commands.forEach(({ command, args, cwd, env }, i) => {
      const start = performance.now();
      spawnSync(command, args, { cwd, env, stdio: 'ignore' });
      if (round > 0) samples[i]!.push(performance.now() - start);
    });
  }
  return samples.map(median);
}

/** Issue 16's targets: deploycheck's wall time as a share of `manage.py check --deploy`'s on a fresh startproject. */
const TARGETS = { check: 0.4, staged: 0.45 };

const django = spawnSync('/usr/bin/python3', ['-c', 'import django'], { stdio: 'ignore' });
if (django.status === 0) {
  const copy = mkdtempSync(join(tmpdir(), 'deploycheck-bench-django-'));
  const staged = mkdtempSync(join(tmpdir(), 'deploycheck-bench-django-staged-'));
  try {
    cpSync(join(repo, 'fixtures', 'startproject'), copy, { recursive: true });
    // The pre-commit case: the same project in git, one settings change staged.
    cpSync(join(repo, 'fixtures', 'startproject'), staged, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=bench', ...args], { cwd: staged, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'start');
    writeFileSync(join(staged, 'mysite', 'settings.py'), `${readFileSync(join(staged, 'mysite', 'settings.py'), 'utf8')}\nCONN_MAX_AGE = 60\n`);
    git('add', '-A');
    // Node parses every certificate of NODE_EXTRA_CA_CERTS before running any code (tens of ms for a
    // system bundle): where it is set, deploycheck is also timed without it, to tell its cost apart.
    const { NODE_EXTRA_CA_CERTS: extraCerts, ...withoutCerts } = process.env;
    const [node, ours, oursStaged, oursWarm, oursStagedWarm, theirs, oursWithoutCerts] = interleaved([
      { command: process.execPath, args: ['-e', ''], cwd: repo },
      { command: process.execPath, args: [cli, 'check', copy, '--format', 'json'], cwd: repo },
      { command: process.execPath, args: [cli, 'check', '--staged', '--format', 'json'], cwd: staged },
      // Warm: the warm-up run stores the entry, every timed run replays it.
      { command: process.execPath, args: [cli, 'check', copy, '--format', 'json'], cwd: repo, env: warmEnv },
      { command: process.execPath, args: [cli, 'check', '--staged', '--format', 'json'], cwd: staged, env: warmEnv },
      { command: '/usr/bin/python3', args: ['manage.py', 'check', '--deploy'], cwd: copy },
      ...(extraCerts ? [{ command: process.execPath, args: [cli, 'check', copy, '--format', 'json'], cwd: repo, env: withoutCerts }] : []),
    ]);
    const ratio = (ms: number, target: number) => `${(ms / theirs!).toFixed(2)} x manage.py (target <= ${target}: ${ms / theirs! <= target ? 'met' : 'MISSED'})`;
    console.log(`\nstartproject, against Django's own check (${RUNS} interleaved runs, medians):`);
    row('python3 manage.py check --deploy', theirs!);
    row('node -e "" (Node start-up alone)', node!, `${(node! / theirs!).toFixed(2)} x manage.py`);
    row('deploycheck check', ours!, ratio(ours!, TARGETS.check));
    row('deploycheck check --staged (1 file staged)', oursStaged!, ratio(oursStaged!, TARGETS.staged));
    row('deploycheck check, warm (run cache hit)', oursWarm!, ratio(oursWarm!, TARGETS.check));
    row('deploycheck check --staged, warm', oursStagedWarm!, ratio(oursStagedWarm!, TARGETS.staged));
    if (oursWithoutCerts !== undefined) row('deploycheck check, NODE_EXTRA_CA_CERTS unset', oursWithoutCerts, `${(oursWithoutCerts / theirs!).toFixed(2)} x manage.py`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
    rmSync(staged, { recursive: true, force: true });
  }
} else {
  console.log('\n(Django is not installed for /usr/bin/python3: skipping the manage.py check --deploy comparison)');
}
/** Issue 14's target: `check` on the Express fixture within this factor of `check` on the startproject fixture. */
const NODE_TARGET = 1.2;
const express = join(repo, 'fixtures', 'node-express-insecure');
if (existsSync(express)) {
  const [startproject, expressCheck] = interleaved([
    { command: process.execPath, args: [cli, 'check', join(repo, 'fixtures', 'startproject'), '--format', 'json'], cwd: repo },
    { command: process.execPath, args: [cli, 'check', express, '--format', 'json'], cwd: repo },
  ]);
  const factor = expressCheck! / startproject!;
  console.log(`\nNode against Django (${RUNS} interleaved runs, medians):`);
  row('check on the startproject fixture', startproject!);
  row('check on the Express fixture', expressCheck!, `${factor.toFixed(2)} x startproject (target <= ${NODE_TARGET}: ${factor <= NODE_TARGET ? 'met' : 'MISSED'})`);
} else {
  console.log('\n(fixtures/node-express-insecure is missing: skipping the Express comparison)');
}
await import('./scan.js');
await import('./check-url.js').then((bench) => bench.benchCheckUrl());
await import('./secrets.js').then((bench) => bench.benchSecrets());
