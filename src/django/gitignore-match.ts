import type { Workspace } from '../workspace/types.js';

/**
 * Whether .gitignore lines ignore a path, existing or not, the way git reads them (for when git
 * cannot be asked). Later lines win and `!` re-includes; a pattern with a slash is anchored at the
 * file's directory, one without matches a name at any depth, a trailing slash matches directories only. Not modelled: git's rule that a file under an excluded directory cannot be re-included.
 */

function globSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      out += '/.*';
      i += 2;
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '\\' && i + 1 < glob.length) out += `\\${glob[++i]}`;
    else if (char === '[' && glob[i + 1] === '!') {
      out += '[^'; // git negates a class with `[!…]`, a regex with `[^…]`
      i++;
    } else out += /[.+^$(){}|]/.test(char) ? `\\${char}` : char;
  }
  return out;
}

function patternRegex(glob: string): RegExp | undefined {
  try {
    return new RegExp(`^${globSource(glob)}$`);
  } catch {
    return undefined; // an unbalanced [ that git would ignore as well
  }
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
    if (!regex) continue;
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
