/**
 * The launcher's half of the run cache (built alone as dist/run-cache.cjs, run before the bundle is
 * loaded): finds the entry of this very `check` (same build, Node, platform, directory, arguments and
 * output-changing environment), checks every input the recorded run depended on, and on a hit writes
 * the recorded output and exit code without loading the bundle. Any doubt is a miss: the normal run
 * then proceeds and rewrites the entry. Loads only node:fs, node:path and node:os (node:child_process
 * only to re-run a recorded git command).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { decodeEntry, ENTRY_SUFFIX, fnv1a64, listDirectory, pathKind, readHead, realPath, replayableGit } from './format.js';
import type { Entry, Input, RunKey, Span } from './format.js';
import type * as ChildProcess from 'node:child_process';

/** Where a run that missed writes its entry (the bundle's recorder gets this). */
export interface RunCacheTarget {
  dir: string;
  file: string;
  key: RunKey;
}

export type RunCacheLookup = { hit: true; code: number } | { hit: false; target?: RunCacheTarget };

/**
 * Variables whose value changes what `check` prints: colour; the locale (localeCompare's collation)
 * and the time zone (how a TOML date would read); NODE_OPTIONS and NODE_PATH (what Node runs and
 * resolves); LOG_STREAM and LOG_TOKENS (the bundled yaml parser prints its tokens when they are set).
 */
const OUTPUT_VARIABLES = ['NO_COLOR', 'FORCE_COLOR', 'LC_ALL', 'LC_COLLATE', 'LC_MESSAGES', 'LANG', 'TZ', 'NODE_OPTIONS', 'NODE_PATH', 'LOG_STREAM', 'LOG_TOKENS'];

/** Node options that run code of their own before ours: its files are not inputs the cache sees. */
const PRELOAD = /(?:^|\s)(?:-r|--require|--import|--loader|--experimental-loader)(?:[=\s]|$)/;

/** The cache directory: $DEPLOYCHECK_CACHE_DIR, else the platform's user cache directory. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | undefined {
  if (env.DEPLOYCHECK_CACHE_DIR) return env.DEPLOYCHECK_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'deploycheck');
  if (platform === 'win32') return env.LOCALAPPDATA ? join(env.LOCALAPPDATA, 'deploycheck', 'Cache') : undefined;
  let home: string;
  try {
    home = homedir();
  } catch {
    return undefined;
  }
  if (!home) return undefined;
  return platform === 'darwin' ? join(home, 'Library', 'Caches', 'deploycheck') : join(home, '.cache', 'deploycheck');
}

/** Why the cache is not used for this command line at all, or undefined when it is. */
function offReason(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  if (argv[2] !== 'check') return 'not check';
  if (argv.includes('--no-cache')) return '--no-cache';
  if (env.DEPLOYCHECK_NO_CACHE && env.DEPLOYCHECK_NO_CACHE !== '0') return 'DEPLOYCHECK_NO_CACHE';
  // A fresh run would print the code cache's state or the packages it loads, which a replay cannot know.
  if (env.DEPLOYCHECK_DEBUG_CODE_CACHE) return 'DEPLOYCHECK_DEBUG_CODE_CACHE';
  if (env.DEPLOYCHECK_DEBUG_LAZY) return 'DEPLOYCHECK_DEBUG_LAZY';
  // A CI gate runs once per fresh machine, and a cache restored from another job must not pass it.
  if (env.CI && env.CI !== 'false' && env.CI !== '0') return 'CI';
  if (PRELOAD.test(`${env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`)) return 'code preloaded into Node';
  return undefined;
}

/** The bundle's build id, from its last line, reading only its last 64 bytes. */
export function readBuildId(bundle: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(bundle, 'r');
    const size = fstatSync(fd).size;
    const length = Math.min(64, size);
    const tail = Buffer.alloc(length);
    if (readSync(fd, tail, 0, length, size - length) !== length) return undefined;
    return /\n\/\/ deploycheck-build ([0-9a-f]{16})\n$/.exec(tail.toString('latin1'))?.[1];
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function runKey(build: string, bundle: string, argv: readonly string[]): RunKey {
  const env: Record<string, string | null> = {};
  for (const name of OUTPUT_VARIABLES) env[name] = process.env[name] ?? null;
  return {
    build,
    // Another installation of the same bundle has other files beside it (its package.json, node_modules).
    bundle,
    // What the user may read: a cache directory shared between users must not replay another's run.
    user: process.getuid ? `${process.getuid()}:${process.getgid?.()}:${process.getgroups?.().join(',')}` : null,
    node: process.version,
    // The ICU data decides localeCompare's collation, and builds of one Node version can differ in it.
    icu: process.versions.icu ?? null,
    platform: process.platform,
    arch: process.arch,
    execArgv: process.execArgv,
    cwd: process.cwd(),
    argv: argv.slice(2),
    env,
    stdoutTty: Boolean(process.stdout.isTTY),
    stderrTty: Boolean(process.stderr.isTTY),
  };
}

export function entryFile(dir: string, key: RunKey): string {
  return join(dir, `${fnv1a64(JSON.stringify(key))}${ENTRY_SUFFIX}`);
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isStrings = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function isSpan(value: unknown, blobLength: number): value is Span {
  if (!Array.isArray(value) || value.length !== 2) return false;
  const [offset, length] = value as unknown[];
  return Number.isSafeInteger(offset) && Number.isSafeInteger(length) && (offset as number) >= 0 && (length as number) >= 0 && (offset as number) + (length as number) <= blobLength;
}

function isInput(value: unknown, blobLength: number): value is Input {
  if (typeof value !== 'object' || value === null) return false;
  const input = value as Record<string, unknown>;
  switch (input.t) {
    case 'file':
      return isString(input.p) && isNumber(input.size) && isNumber(input.mtime) && isNumber(input.ctime) && isNumber(input.ino) && (input.head === undefined || isSpan(input.head, blobLength));
    case 'kind':
      return isString(input.p) && isString(input.k);
    case 'dir':
      return isString(input.p) && (input.e === null || isStrings(input.e));
    case 'real':
      return isString(input.p) && (input.r === null || isString(input.r));
    case 'git':
      // Only the commands deploycheck runs, as it runs them: an entry could be forged (see replayableGit).
      if (!isString(input.cwd) || !isStrings(input.args) || !replayableGit(input.args) || (input.input !== undefined && !isString(input.input))) return false;
      return input.ok === true ? isSpan(input.out, blobLength) : input.ok === false && (input.status === null || Number.isSafeInteger(input.status)) && isString(input.err);
    default:
      return false;
  }
}

function isEntry(value: unknown, blobLength: number): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.key === 'object' &&
    entry.key !== null &&
    Number.isSafeInteger(entry.code) &&
    Array.isArray(entry.output) &&
    entry.output.every((chunk) => Array.isArray(chunk) && chunk.length === 3 && (chunk[0] === 1 || chunk[0] === 2) && isSpan(chunk.slice(1), blobLength)) &&
    Array.isArray(entry.inputs) &&
    entry.inputs.every((input) => isInput(input, blobLength))
  );
}

const bytesOf = (blob: Buffer, [offset, length]: Span): Buffer => blob.subarray(offset, offset + length);

let childProcess: typeof ChildProcess | undefined;

/**
 * Whether `git` gives the recorded result again, run as src/workspace/git.ts runs it (execFileSync:
 * no shell, stdin only when there is input; failure = did not run or a non-zero status).
 */
function sameGit(input: Extract<Input, { t: 'git' }>, blob: Buffer): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when an entry has a git command
  childProcess ??= require('node:child_process') as typeof ChildProcess;
  const result = childProcess.spawnSync('git', input.args, {
    cwd: input.cwd,
    // One byte more than recorded: longer output is a difference, not a failure to compare.
    maxBuffer: input.ok ? input.out[1] + 1 : 1024 * 1024,
    ...(input.input !== undefined ? { input: input.input } : {}),
    stdio: [input.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const ok = !result.error && result.status === 0;
  if (input.ok) return ok && result.stdout.equals(bytesOf(blob, input.out));
  // A recorded failure without a status is git not running at all (not a command cut short now).
  if (input.status === null) return (result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  return !ok && result.status === input.status && String(result.stderr ?? '').trim().split('\n')[0] === input.err;
}

/** The first input that is not as recorded, described; undefined when all are. */
function changedInput(inputs: readonly Input[], blob: Buffer): string | undefined {
  for (const input of inputs) {
    switch (input.t) {
      case 'file': {
        let stat;
        try {
          stat = statSync(input.p);
        } catch {
          return `${input.p} is gone`;
        }
        if (!stat.isFile() || stat.size !== input.size || stat.mtimeMs !== input.mtime || stat.ctimeMs !== input.ctime || stat.ino !== input.ino) {
          return `${input.p} changed`;
        }
        if (input.head) {
          const recorded = bytesOf(blob, input.head);
          const now = readHead(input.p, recorded.length);
          if (!now?.equals(recorded)) return `${input.p} changed (content)`;
        }
        break;
      }
      case 'kind':
        if (pathKind(input.p) !== input.k) return `${input.p} is no longer ${input.k}`;
        break;
      case 'dir': {
        const now = listDirectory(input.p);
        if (now === null || input.e === null ? now !== input.e : now.join('/') !== input.e.join('/')) return `${input.p} listing changed`;
        break;
      }
      case 'real':
        if (realPath(input.p) !== input.r) return `${input.p} now resolves elsewhere`;
        break;
      case 'git':
        if (!sameGit(input, blob)) return `git ${input.args.join(' ')} differs`;
        break;
    }
  }
  return undefined;
}

/** Reads and checks the entry; the entry when every input is as recorded, else why not. */
function validEntry(file: string, keyText: string): { entry: Entry; blob: Buffer } | string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return 'no entry';
  }
  const decoded = decodeEntry(bytes);
  if (typeof decoded === 'string') return decoded;
  const { json, blob } = decoded;
  if (!isEntry(json, blob.length)) return 'malformed entry';
  if (JSON.stringify(json.key) !== keyText) return 'another key';
  const changed = changedInput(json.inputs, blob);
  return changed ?? { entry: json, blob };
}

function debug(message: string): void {
  if (process.env.DEPLOYCHECK_DEBUG_RUN_CACHE) process.stderr.write(`deploycheck: run cache ${message}\n`);
}

/**
 * Looks this command line up: on a hit, writes the recorded output (stdout and stderr chunks in their
 * order) and returns the recorded exit code; on a miss, where the run should record its entry (none
 * when the cache is off or has no directory). Never throws.
 */
export function lookupRun(argv: readonly string[], bundle: string): RunCacheLookup {
  const found = findEntry(argv, bundle);
  if (!('entry' in found)) return found;
  // Outside findEntry's catch: a failed write must not turn into a second, fresh run after part of the output.
  for (const [fd, offset, length] of found.entry.output) (fd === 1 ? process.stdout : process.stderr).write(found.blob.subarray(offset, offset + length));
  return { hit: true, code: found.entry.code };
}

function findEntry(argv: readonly string[], bundle: string): { hit: false; target?: RunCacheTarget } | { entry: Entry; blob: Buffer } {
  try {
    const off = offReason(argv, process.env);
    if (off) {
      if (off !== 'not check') debug(`off (${off})`);
      return { hit: false };
    }
    const dir = cacheDirectory();
    const build = readBuildId(bundle);
    if (!dir || !build) {
      debug(`off (${dir ? 'the bundle has no build id' : 'no cache directory'})`);
      return { hit: false };
    }
    const key = runKey(build, bundle, argv);
    const keyText = JSON.stringify(key);
    const file = entryFile(dir, key);
    const found = validEntry(file, keyText);
    if (typeof found === 'string') {
      debug(`miss (${found})`);
      return { hit: false, target: { dir, file, key } };
    }
    debug('hit');
    return found;
  } catch (error) {
    debug(`miss (${error instanceof Error ? error.message : String(error)})`);
    return { hit: false };
  }
}
