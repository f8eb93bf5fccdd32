import { GitError, runGit } from '../workspace/git.js';
import { UsageError } from '../core/errors.js';
import type { Finding } from './types.js';
import { isFileLocation } from '../core/location.js';

/**
 * Workspace-relative files changed since `ref`: committed since the merge base of `ref` and HEAD
 * (what `git diff REF...HEAD` shows), plus staged, unstaged and untracked changes.
 */
export function changedFiles(root: string, ref: string): Set<string> {
  let base: string;
  try {
    runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    base = runGit(root, ['merge-base', ref, 'HEAD']).toString('utf8').trim();
  } catch (error) {
    throw new UsageError(`--changed-since ${ref}: ${(error instanceof GitError && error.stderr) || 'no such revision'}`);
  }
  // Diffing the work tree against the merge base covers the commits since then and uncommitted edits.
  const diffed = runGit(root, ['diff', '--name-only', '-z', '--no-renames', '--relative', base]).toString('utf8');
  const untracked = runGit(root, ['ls-files', '-z', '--others', '--exclude-standard']).toString('utf8');
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
