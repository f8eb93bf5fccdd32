import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { probeExists, recordGit } from '../run-cache/record.js';
import { inVendoredDir, VIRTUALENV_MARKER } from './vendored.js';

const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

export interface GitListing {
  files: string[];
  tracked: Set<string>;
}

/** Whether `dir` is inside a git work tree (a `.git` directory or file in it or an ancestor). */
export function insideGitRepo(dir: string): boolean {
  let current = dir;
  while (true) {
    if (probeExists(join(current, '.git'))) return true;
    const parent = dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}

/** Why a git command failed: its exit status (undefined when git did not run) and the first line of its stderr. */
export class GitError extends Error {
  constructor(
    readonly status: number | undefined,
    readonly stderr: string,
  ) {
    super(stderr || (status === undefined ? 'git did not run' : `git exited with status ${status}`));
  }
}

export interface GitOptions {
  /** Written to git's standard input. */
  input?: string;
  /** Most bytes of output accepted; more is a failure. */
  maxBuffer?: number;
}

/** Run git in `cwd` and return its standard output. Throws a GitError when git fails or cannot run. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions = {}): Buffer {
  let output: Buffer;
  try {
    output = execFileSync('git', args, {
      cwd,
      maxBuffer: options.maxBuffer ?? MAX_GIT_OUTPUT,
      ...(options.input !== undefined ? { input: options.input } : {}),
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { status, stderr } = error as { status?: number | null; stderr?: Buffer | string };
    const err = String(stderr ?? '').trim().split('\n')[0]!;
    recordGit(cwd, args, options.input, { ok: false, status: status ?? null, err });
    throw new GitError(status ?? undefined, err);
  }
  recordGit(cwd, args, options.input, { ok: true, out: output });
  return output;
}

/** runGit, with undefined when git fails (not installed, not a repository, unsafe directory, …). */
export function tryGit(cwd: string, args: readonly string[], options?: GitOptions): Buffer | undefined {
  try {
    return runGit(cwd, args, options);
  } catch {
    return undefined;
  }
}

/**
 * Files under `dir` that git tracks or would track (not ignored), relative to `dir`, in one
 * `git ls-files` call. `-t` tags each path so tracked and untracked are told apart, and deleted
 * files (tag R) are dropped. Untracked files in vendored directories and virtualenvs are skipped.
 * undefined when git fails (not installed, unsafe directory, …).
 */
export function gitListFiles(dir: string): GitListing | undefined {
  const output = tryGit(dir, ['ls-files', '-z', '-t', '--cached', '--others', '--deleted', '--exclude-standard']);
  if (output === undefined) return undefined;
  const tracked = new Set<string>();
  const untracked: string[] = [];
  const deleted = new Set<string>();
  for (const entry of output.toString('utf8').split('\0')) {
    if (entry.length < 3) continue;
    const tag = entry[0];
    const path = entry.slice(2);
    if (tag === '?') untracked.push(path);
    else if (tag === 'R') deleted.add(path);
    else tracked.add(path);
  }
  const virtualenvs = untracked
    .filter((path) => path.endsWith(`/${VIRTUALENV_MARKER}`))
    .map((path) => path.slice(0, path.length - VIRTUALENV_MARKER.length));
  const files: string[] = [];
  for (const path of tracked) if (!deleted.has(path)) files.push(path);
  for (const path of untracked) {
    if (inVendoredDir(path)) continue;
    if (virtualenvs.some((prefix) => path.startsWith(prefix))) continue;
    files.push(path);
  }
  return { files, tracked };
}

/**
 * Untracked paths that .gitignore excludes, relative to `dir`; ignored directories end with `/`
 * and stand for everything inside them. undefined when git fails.
 */
export function gitListIgnored(dir: string): Set<string> | undefined {
  const output = tryGit(dir, ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory']);
  if (output === undefined) return undefined;
  return new Set(output.toString('utf8').split('\0').filter((path) => path !== ''));
}

/**
 * Which of `paths` (workspace-relative, existing or not) git's ignore rules exclude: every
 * .gitignore on the way down, .git/info/exclude and the global excludes. undefined when git fails.
 */
export function gitCheckIgnore(dir: string, paths: readonly string[]): Set<string> | undefined {
  if (!paths.length) return new Set();
  try {
    const output = runGit(dir, ['check-ignore', '--no-index', '-z', '--stdin'], { input: `${paths.join('\0')}\0` });
    return new Set(output.toString('utf8').split('\0').filter((path) => path !== ''));
  } catch (error) {
    // Status 1: none of them is ignored.
    return error instanceof GitError && error.status === 1 ? new Set() : undefined;
  }
}
