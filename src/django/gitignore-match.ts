import { globRegExp } from '../workspace/glob.js';
import type { Workspace } from '../workspace/types.js';

/**
 * Whether .gitignore lines ignore a path, existing or not, the way git reads them (for when git
 * cannot be asked). Later lines win and `!` re-includes; a pattern with a slash is anchored at the
 * file's directory, one without matches a name at any depth, a trailing slash matches directories only. Not modelled: git's rule that a file under an excluded directory cannot be re-included.
 */

/** Git's pattern syntax: `**` only as `**∕` or a trailing `∕**`, `\\` escapes, `[…]` classes; an unclosed `[` never matches. */
function patternRegex(glob: string): RegExp {
  return globRegExp(glob, { globstar: 'git', classes: true, escapes: true, unclosedClass: 'nothing' });
}

/**
 * What the lines of one .gitignore say about a path relative to its directory: true (ignored),
 * false (re-included by a `!` pattern) or undefined (no pattern matches it).
 */
export function gitignoreVerdict(text: string, path: string): boolean | undefined {
  const segments = path.split('/');
  let verdict: boolean | undefined;
  for (const raw of text.split(/\r?\n/)) {
    let pattern = raw.replace(/(?<!\\)\s+$/, '');
    if (pattern === '' || pattern.startsWith('#')) continue;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.slice(0, -1);
    const anchored = pattern.includes('/');
    const regex = patternRegex(pattern.replace(/^\//, ''));
    // Each leading directory, then the file itself (not for a directory-only pattern).
    const last = directoryOnly ? segments.length - 1 : segments.length;
    for (let length = 1; length <= last; length++) {
      const candidate = anchored ? segments.slice(0, length).join('/') : segments[length - 1]!;
      if (regex.test(candidate)) {
        verdict = !negated;
        break;
      }
    }
  }
  return verdict;
}

export function gitignoreIgnores(text: string, path: string): boolean {
  return gitignoreVerdict(text, path) === true;
}

/**
 * Whether the .gitignore files of a workspace (the top one and those of the path's parent
 * directories, a deeper one's matching pattern winning, as git applies them) ignore a path.
 */
export function gitignoreFilesIgnore(workspace: Workspace, path: string): boolean {
  const segments = path.split('/');
  let ignored = false;
  for (let depth = 0; depth < segments.length; depth++) {
    const dir = segments.slice(0, depth).join('/');
    const file = dir ? `${dir}/.gitignore` : '.gitignore';
    if (!workspace.exists(file)) continue;
    const text = workspace.readText(file);
    const verdict = text.ok ? gitignoreVerdict(text.text, segments.slice(depth).join('/')) : undefined;
    if (verdict !== undefined) ignored = verdict;
  }
  return ignored;
}
