// Benchmarks of the pre-commit and history paths: `check --staged` and `check --history`, and
// secretlint on the same files for comparison. Prints numbers; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanHistory } from '../src/history/scan.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(repo, 'bin', 'deploycheck.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Versions current on npm when this was written (`npm view secretlint version`). */
const SECRETLINT = 'secretlint@13.0.6';
const SECRETLINT_PRESET = '@secretlint/secretlint-rule-preset-recommend@13.0.7';

function git(cwd: string, args: string[], input?: string): void {
  execFileSync('git', ['-c', 'user.email=b@b', '-c', 'user.name=bench', ...args], { cwd, stdio: [input ? 'pipe' : 'ignore', 'ignore', 'ignore'], ...(input ? { input } : {}) });
}

/** Median wall time in ms over RUNS runs after one warm-up. */
function time(command: string, args: string[], cwd: string): { ms: number; status: number | null; stderr: string } {
  const samples: number[] = [];
  let last = spawnSync(command, args, { cwd });
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    last = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, status: last.status, stderr: String(last.stderr ?? '') };
}

function row(label: string, ms: number, note = ''): void {
  console.log(`${label.padEnd(44)} ${ms.toFixed(1).padStart(8)} ms${note ? `  ${note}` : ''}`);
}

/** A fixture copied into a fresh git repository with one commit. */
function gitProject(fixture: string): string {
  const root = mkdtempSync(join(tmpdir(), 'deploycheck-bench-secrets-'));
  cpSync(join(repo, 'fixtures', fixture), root, { recursive: true });
  git(root, ['init', '-q']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'start']);
  return root;
}

/** `count` generated files committed in one commit, then 5 of them changed and staged. */
function largeStagedRepository(count: number): string {
  const root = gitProject('startproject');
  for (let i = 0; i < count; i++) {
    const dir = join(root, 'app', `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${i}.${['py', 'html', 'js', 'txt'][i % 4]}`), `# generated file ${i}\nVALUE_${i} = ${i}\n`);
  }
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'generated']);
  for (let i = 0; i < 5; i++) writeFileSync(join(root, 'app', `pkg${i}`, `file${i * 100 + 4}.py`), `API_TOKEN = 'changeme'\nVALUE = ${i}\n`);
  git(root, ['add', '-A']);
  return root;
}

/** Real settings modules from the fixtures, as the bulk of a history: ordinary code with few secrets. */
function ordinarySettings(): string {
  return ['startproject/mysite', 'hardened/shop', 'split-environ/config/settings']
    .map((dir) => {
      try {
        return readFileSync(join(repo, 'fixtures', dir, dir.endsWith('settings') ? 'base.py' : 'settings.py'), 'utf8');
      } catch {
        return '';
      }
    })
    .join('\n');
}

/**
 * A repository of `commits` commits made with one `git fast-import`, each rewriting a settings
 * module (ordinary settings, with the secrets fixture's settings in every 50th) and an env file.
 */
function longHistory(commits: number): string {
  const root = mkdtempSync(join(tmpdir(), 'deploycheck-bench-history-'));
  git(root, ['init', '-q']);
  const ordinary = ordinarySettings();
  const secrets = readFileSync(join(repo, 'fixtures', 'secrets', 'shop', 'settings.py'), 'utf8');
  const parts: string[] = [];
  for (let i = 0; i < commits; i++) {
    const settings = `# revision ${i}\n${ordinary.repeat(4)}\n${i % 50 === 0 ? secrets : ''}\nBUILD = ${i}\n`;
    const env = `DEBUG=False\nREVISION=${i}\n${'FEATURE_FLAG_%d=on\n'.replace('%d', String(i)).repeat(200)}`;
    const message = `revision ${i}`;
    parts.push(
      'commit refs/heads/main',
      `committer bench <b@b> ${1_700_000_000 + i} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      `M 100644 inline shop/settings_${i % 10}.py`,
      `data ${Buffer.byteLength(settings)}`,
      settings,
      'M 100644 inline .env.production',
      `data ${Buffer.byteLength(env)}`,
      env,
      '',
    );
  }
  git(root, ['fast-import', '--quiet'], `${parts.join('\n')}\n`);
  return root;
}

/** secretlint (preset-recommend) over the same files, through npx in a scratch directory. */
function secretlint(target: string, label: string): void {
  const rc = join(target, '.secretlintrc.json');
  writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
  const args = ['--yes', '-p', SECRETLINT, '-p', SECRETLINT_PRESET, 'secretlint', '--secretlintrc', rc, '**/*'];
  const probe = spawnSync('npx', args, { cwd: target, encoding: 'utf8', timeout: 180_000 });
  if (probe.error || (probe.status !== 0 && probe.status !== 1)) {
    console.log(`  (secretlint could not run: ${probe.error?.message ?? probe.stderr.split('\n').find((line) => line.trim()) ?? `exit ${probe.status}`})`);
    return;
  }
  const result = time('npx', args, target);
  row(`${label}: npx secretlint`, result.ms, `exit ${result.status} (npx start-up included)`);
}

export async function benchSecrets(): Promise<void> {
  console.log('\ndeploycheck secrets: --staged and --history\n');

  const small = gitProject('hardened');
  try {
    writeFileSync(join(small, '.env'), 'SECRET_KEY=I9fr3Rk3EkUExJl5kafLRkzpEp0ABXoU\n');
    git(small, ['add', '--force', '.env']);
    const result = time(process.execPath, [cli, 'check', '--staged', '--format', 'json'], small);
    row('check --staged (hardened, 1 staged)', result.ms, `exit ${result.status}`);
  } finally {
    rmSync(small, { recursive: true, force: true });
  }

  const large = largeStagedRepository(10_000);
  try {
    const result = time(process.execPath, [cli, 'check', '--staged', '--format', 'json'], large);
    row('check --staged (10,000 files, 5 staged)', result.ms, `exit ${result.status}`);
  } finally {
    rmSync(large, { recursive: true, force: true });
  }

  const history = longHistory(1_000);
  try {
    // Median of RUNS in-process scans after a warm-up; CPU time (this process only, git excluded) is less sensitive to machine load.
    const samples: { ms: number; cpu: number }[] = [];
    let scan = await scanHistory(history); // warm-up
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const cpu = process.cpuUsage();
      scan = await scanHistory(history);
      const used = process.cpuUsage(cpu);
      samples.push({ ms: performance.now() - start, cpu: (used.user + used.system) / 1000 });
    }
    samples.sort((a, b) => a.ms - b.ms);
    const { ms, cpu } = samples[Math.floor(samples.length / 2)]!;
    const mb = scan.bytes / (1024 * 1024);
    row(
      'history scan in-process (1,000 commits)',
      ms,
      `${scan.blobs} blobs, ${mb.toFixed(1)} MB, ${(mb / (ms / 1000)).toFixed(0)} MB/s wall, ${(mb / (cpu / 1000)).toFixed(0)} MB/s of node CPU, load ${loadavg()[0]!.toFixed(1)}`,
    );
    const result = time(process.execPath, [cli, 'check', '--history', '--rule', 'secrets', '--format', 'json'], history);
    row('check --history (1,000 commits)', result.ms, `exit ${result.status}`);
  } finally {
    rmSync(history, { recursive: true, force: true });
  }

  const fixture = gitProject('secrets');
  try {
    const ours = time(process.execPath, [cli, 'check', '--rule', 'secrets', '--rule', 'env', '--format', 'json'], fixture);
    row('fixtures/secrets: deploycheck secrets+env', ours.ms, `exit ${ours.status}`);
    secretlint(fixture, 'fixtures/secrets');
  } finally {
    rmSync(fixture, { recursive: true, force: true });
  }
}
