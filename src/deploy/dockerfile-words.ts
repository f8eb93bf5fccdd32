/** Variables visible to a Dockerfile instruction: undefined value = set but not known here. */
export type Scope = ReadonlyMap<string, string | undefined>;

export interface Word {
  /** The word after quote removal, escapes and `$VAR` substitution; undefined when a variable is unknown. */
  value: string | undefined;
  /** The word as written (quotes kept). */
  raw: string;
  /** Offset of the word in the instruction arguments. */
  offset: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Substitute `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` at `text[start]` (a `$`).
 * Returns the replacement (undefined when unknown) and how many characters were consumed.
 */
function substitution(text: string, start: number, scope: Scope): { value: string | undefined; length: number } {
  if (text[start + 1] === '{') {
    const close = text.indexOf('}', start + 2);
    if (close === -1) return { value: '$', length: 1 };
    const inner = text.slice(start + 2, close);
    const name = NAME.exec(inner)?.[0] ?? '';
    const modifier = inner.slice(name.length);
    const known = scope.has(name);
    const value = scope.get(name);
    const length = close - start + 1;
    if (modifier.startsWith(':-')) return { value: known ? value : modifier.slice(2), length };
    if (modifier.startsWith(':+')) return { value: !known ? '' : value === undefined ? undefined : modifier.slice(2), length };
    return { value: known ? value : undefined, length };
  }
  const name = NAME.exec(text.slice(start + 1))?.[0];
  if (!name) return { value: '$', length: 1 };
  return { value: scope.has(name) ? scope.get(name) : undefined, length: name.length + 1 };
}

/**
 * Split instruction arguments into shell-like words: whitespace separates words, single quotes
 * are literal, double quotes allow escapes and substitution, a backslash escapes the next character.
 */
export function splitWords(text: string, scope: Scope): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    const start = i;
    let value: string | undefined = '';
    const append = (part: string | undefined): void => {
      value = value === undefined || part === undefined ? undefined : value + part;
    };
    let quote: string | undefined;
    for (; i < text.length; i++) {
      const char = text[i]!;
      if (quote === "'") {
        if (char === "'") quote = undefined;
        else append(char);
      } else if (char === '\\' && i + 1 < text.length && (quote === undefined || /["\\$]/.test(text[i + 1]!))) {
        append(text[++i]);
      } else if (char === '$') {
        const sub = substitution(text, i, scope);
        append(sub.value);
        i += sub.length - 1;
      } else if (quote === '"') {
        if (char === '"') quote = undefined;
        else append(char);
      } else if (char === '"' || char === "'") {
        quote = char;
      } else if (/\s/.test(char)) {
        break;
      } else {
        append(char);
      }
    }
    words.push({ value, raw: text.slice(start, i), offset: start });
  }
  return words;
}

/** Substitute variables in a whole string (USER, legacy `ENV A value with spaces`). */
export function substitute(text: string, scope: Scope): string | undefined {
  let result: string | undefined = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '$') {
      const sub = substitution(text, i, scope);
      result = result === undefined || sub.value === undefined ? undefined : result + sub.value;
      i += sub.length - 1;
    } else if (result !== undefined) {
      result += text[i];
    }
  }
  return result;
}
