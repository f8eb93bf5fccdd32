import { resolve } from 'node:path';
import type { CheckOptions } from '../engine/check.js';
import { UsageError } from '../core/errors.js';
import { insideGitRepo } from '../workspace/git.js';
import { stagedFiles } from '../workspace/index-source.js';
import { relativePath } from '../workspace/paths.js';

export interface StagedFlags {
  staged?: boolean;
  all?: boolean;
  files?: string[];
  history?: boolean;
}

/**
 * What --staged, --all, --files and --history add to a check: read the git index, and keep only
 * findings in the staged files (or the files a pre-commit framework passes), unless --all.
 */
export function stagedCheckOptions(dir: string, flags: StagedFlags): Pick<CheckOptions, 'source' | 'focus' | 'history'> {
  const root = resolve(dir);
  const options: Pick<CheckOptions, 'source' | 'focus' | 'history'> = {};
  if ((flags.staged || flags.history) && !insideGitRepo(root)) {
    throw new UsageError(`${flags.staged ? '--staged' : '--history'} needs a git repository, and ${dir} is not in one`);
  }
  if (flags.history) options.history = true;
  if (flags.staged) options.source = 'index';
  if (flags.all) return options;
  if (flags.files?.length) {
    // Paths as given on the command line (relative to the current directory), made relative to the checked directory.
    options.focus = flags.files.map((file) => relativePath(root, resolve(file)));
  } else if (flags.staged) {
    const staged = stagedFiles(root);
    if (!staged) throw new UsageError(`cannot read the git index in ${dir}`);
    options.focus = staged;
  }
  return options;
}
