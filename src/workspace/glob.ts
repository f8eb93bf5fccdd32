/**
 * Shell-style globs as regular expressions over `/`-separated paths, for the several glob dialects
 * deploycheck reads (Dockerfile COPY, `.dockerignore`, `.gitignore`, Python's glob, `ignore-paths`).
 * Never throws: a character class no regular expression can hold (`[z-a]`) matches nothing.
 */

export interface GlobOptions {
  /**
   * What `**` means: nothing special (two `*`); `'any'`: `**∕` any number of directories and any other
   * `**` anything (.dockerignore, ignore-paths); `'git'`: `**∕` any directories, a trailing `∕**`
   * everything below, any other `**` two `*` (.gitignore).
   */
  globstar?: 'any' | 'git';
  /** `[…]` is a character class (`[!…]` or `[^…]` negated); otherwise `[` is literal. */
  classes?: boolean;
  /** A backslash makes the next character literal. */
  escapes?: boolean;
  /** An unclosed `[` is a literal `[`, or (`'nothing'`, as git's wildmatch) makes the pattern match nothing. */
  unclosedClass?: 'literal' | 'nothing';
  /** A `*` or `?` at the start of a segment does not match a leading dot (Python's glob). */
  hiddenDots?: boolean;
}

const NOTHING = '(?!)';

function escapeLiteral(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A character as a class member: literal, but an unescaped `-` keeps making ranges. */
function classMember(char: string, escaped: boolean): string {
  if (escaped) return /\w/.test(char) ? char : `\\${char}`;
  return /[\\[\]^]/.test(char) ? `\\${char}` : char;
}

/**
 * The class starting at `open` (a `[`): its regular-expression source and the index of its `]`, or
 * undefined when unclosed. `!` or `^` first negates; a `]` right after them is a member.
 */

function readClass(glob: string, open: number, escapes: boolean): { source: string; close: number } | undefined {
  let i = open + 1;
  let body = '';
  if (glob[i] === '!' || glob[i] === '^') {
    body = '^';
    i++;
  }
  const first = i;
  for (; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === ']' && i > first) {
      const source = `[${body}]`;
      try {
        new RegExp(source);
        return { source, close: i };
      } catch {
        return { source: NOTHING, close: i };
      }
    }
    if (char === '\\' && escapes && i + 1 < glob.length) body += classMember(glob[++i]!, true);
    else body += classMember(char, false);
  }
  return undefined;
}

/** A glob's regular-expression source (unanchored). */
export function globSource(glob: string, options: GlobOptions = {}): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    const segmentStart = i === 0 || glob[i - 1] === '/';
    const dotGuard = options.hiddenDots && segmentStart ? '(?!\\.)' : '';
    if (options.globstar && glob.startsWith('**/', i)) {
      out += '(?:.*/)?';
      i += 2;
    } else if (options.globstar === 'git' && glob.startsWith('/**', i) && i + 3 === glob.length) {
      out += '/.*';
      i += 2;
    } else if (options.globstar === 'any' && glob.startsWith('**', i)) {
      out += '.*';
      i += 1;
    } else if (char === '*') out += `${dotGuard}[^/]*`;
    else if (char === '?') out += `${dotGuard}[^/]`;
    else if (char === '\\' && options.escapes && i + 1 < glob.length) out += escapeLiteral(glob[++i]!);
    else if (char === '[' && options.classes) {
      const found = readClass(glob, i, options.escapes === true);
      if (found) {
        out += found.source;
        i = found.close;
      } else out += options.unclosedClass === 'nothing' ? NOTHING : '\\[';
    } else out += escapeLiteral(char);
  }
  return out;
}

/** A glob matching whole paths (`^…$`). */
export function globRegExp(glob: string, options: GlobOptions = {}): RegExp {
  return new RegExp(`^${globSource(glob, options)}$`);
}
