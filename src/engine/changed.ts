import { execFileSync } from 'node:child_process';
import { UsageError } from './errors.js';
import type { Finding } from './types.js';
import { isFileLocation } from './types.js';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function gitError(error: unknown): string {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  return stderr ? stderr.split('\n')[0]! : 'no such revision';
}

/**
 * Workspace-relative files changed since `ref`: committed since the merge base of `ref` and HEAD
 * (what `git diff REF...HEAD` shows), plus staged, unstaged and untracked changes.
 */
export function changedFiles(root: string, ref: string): Set<string> {
  let base: string;
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    base = git(root, ['merge-base', ref, 'HEAD']).trim();
  } catch (error) {
    throw new UsageError(`--changed-since ${ref}: ${gitError(error)}`);
  }
  // Diffing the work tree against the merge base covers the commits since then and uncommitted edits.
  const diffed = git(root, ['diff', '--name-only', '-z', '--no-renames', '--relative', base]);
  const untracked = git(root, ['ls-files', '-z', '--others', '--exclude-standard']);
  return new Set([...diffed.split('\0'), ...untracked.split('\0')].filter(Boolean));
}

/**
 * Whether a finding concerns a changed file: its own file or a related one (a settings finding
 * caused by an edited env file counts). Findings about URLs are always kept.
 */
export function touchesChanged(finding: Finding, changed: ReadonlySet<string>): boolean {
  if (!isFileLocation(finding.location)) return true;
  return [finding.location, ...finding.related.map((related) => related.location)].some(
    (location) => isFileLocation(location) && changed.has(location.file),
  );
}
