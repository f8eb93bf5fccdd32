/**
 * Docker Compose's `env_file` reader (compose-go's dotenv, Compose v2): `export` and spaces around
 * the key are allowed, `NAME: value` too; an unquoted value runs to the end of the line and a ` #`
 * starts a comment (a `#` not after a space stays); single-quoted values are literal (only `\'`
 * unescapes), double-quoted ones resolve `\n`, `\t`, `\\`, `\"`, `\$`, …; both may span lines.
 * Unquoted and double-quoted values expand `$NAME`, `${NAME}`, `${NAME:-default}`, … (`$$` is `$`).
 * A bare `NAME` takes the variable from the environment Compose runs in. An invalid line (bad key,
 * unterminated quote) makes Compose reject the whole file.
 */
import { GO_WS } from './lines.js';
import type { DialectParse, ParseOptions, RawEntry } from './types.js';

const SPACE = new Set(['\t', '\v', '\f', '\r', ' ', '\x85', '\xa0']);
const ANY_SPACE = new RegExp(`[${GO_WS}]`);
const TRAILING_SPACE = new RegExp(`[${GO_WS}]+$`);
const KEY_CHAR = /[\p{L}\p{N}_.\-[\]]/u;
const ESCAPES = /\\(?:[abcfnrtv$"\\]|0\d{0,3})/g;
const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\' };
const REFERENCE = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)(?:(:?[-+?])([^}]*))?\}|(\{))/gi;

type Lookup = (name: string) => string | undefined | null;

function resolveEscapes(value: string): string {
  return value.replace(ESCAPES, (escape) => {
    const char = escape[1]!;
    if (char === '$') return '$$'; // a literal `$`, kept from expansion
    // `\0123` is the octal escape `\123`; anything else after `\0` stays as written.
    if (char === '0') return /^[0-3][0-7]{2}$/.test(escape.slice(2)) ? String.fromCharCode(parseInt(escape.slice(2), 8)) : escape;
    return SIMPLE_ESCAPES[char] ?? escape;
  });
}

/** Compose's variable expansion; undefined when a referenced variable is not known here or the template is invalid. */
function expand(value: string, lookup: Lookup): string | undefined {
  let unknown = false;
  const expanded = value.replace(REFERENCE, (_m, dollar?: string, named?: string, braced?: string, operator?: string, argument?: string, invalid?: string) => {
    if (dollar) return '$';
    if (invalid !== undefined) {
      unknown = true;
      return '';
    }
    const found = lookup((named ?? braced)!);
    if (found === undefined) {
      unknown = true;
      return '';
    }
    if (!operator) return found ?? '';
    const unsetOrEmpty = operator.startsWith(':') ? !found : found === null;
    if (operator.endsWith('-')) return unsetOrEmpty ? (argument ?? '') : found!;
    if (operator.endsWith('+')) return unsetOrEmpty ? '' : (argument ?? '');
    if (unsetOrEmpty) unknown = true; // `${NAME:?message}`: Compose stops with the message
    return found ?? '';
  });
  return unknown ? undefined : expanded;
}

export function parseCompose(text: string, options: ParseOptions = {}): DialectParse {
  const entries: RawEntry[] = [];
  const known = new Map<string, string | undefined>();
  // Compose looks a name up in its own environment first, then in the file's earlier lines.
  const lookup: Lookup = (name) => {
    const outside = options.environment?.get(name);
    if (outside !== undefined) return outside;
    if (known.has(name)) return known.get(name);
    return options.environment ? null : undefined;
  };
  let pos = 0;
  const lineOf = (offset: number): number => text.slice(0, offset).split('\n').length;
  for (;;) {
    // The start of the next statement: skip whitespace and `#` comment lines.
    while (pos < text.length) {
      if (ANY_SPACE.test(text[pos]!)) pos++;
      else if (text[pos] === '#') {
        const end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length : end;
      } else break;
    }
    if (pos >= text.length) break;
    if (/^export[\t\n\f\r ]/.test(text.slice(pos, pos + 7))) {
      pos += 6;
      while (pos < text.length && SPACE.has(text[pos]!)) pos++;
    }
    const keyStart = pos;
    let end = pos;
    let separator: string | undefined;
    for (; end < text.length; end++) {
      const char = text[end]!;
      if (SPACE.has(char)) continue;
      if (char === '=' || char === ':' || char === '\n') {
        separator = char;
        break;
      }
      if (!KEY_CHAR.test(char)) return { entries, error: `line ${lineOf(end)}: unexpected character ${JSON.stringify(char)} in a variable name` };
    }
    const name = text.slice(keyStart, end).replace(TRAILING_SPACE, '');
    // A bare name on the last line, without a line end: compose-go misreads it; nothing useful is set.
    if (separator === undefined) break;
    pos = end + 1;
    if (name.includes(' ')) return { entries, error: `line ${lineOf(keyStart)}: a variable name cannot contain a space` };
    if (separator !== '=' && separator !== ':') {
      const inherited = options.environment?.get(name);
      if (inherited !== undefined) entries.push({ name, value: inherited, literal: inherited, offset: keyStart });
      else if (!options.environment) entries.push({ name, value: undefined, literal: '', offset: keyStart });
      continue;
    }
    while (pos < text.length && SPACE.has(text[pos]!)) pos++;
    const quote = text[pos];
    if (quote !== '"' && quote !== "'") {
      const newline = text.indexOf('\n', pos);
      const line = text.slice(pos, newline < 0 ? text.length : newline);
      pos = newline < 0 ? text.length : newline + 1;
      const comment = line.indexOf(' #');
      const literal = (comment < 0 ? line : line.slice(0, comment)).replace(TRAILING_SPACE, '');
      const value = expand(literal, lookup);
      known.set(name, value);
      entries.push({ name, value, literal, offset: keyStart });
      continue;
    }
    // A quoted value: up to the closing quote that no backslash escapes.
    let chars = '';
    let escaped = false;
    let closed = -1;
    for (let i = pos + 1; i < text.length; i++) {
      const char = text[i]!;
      if (char !== quote) {
        if (!escaped && char === '\\') {
          escaped = true;
          continue;
        }
        if (escaped) chars += '\\';
        escaped = false;
        chars += char;
        continue;
      }
      if (escaped) {
        escaped = false;
        chars += char;
        continue;
      }
      closed = i;
      break;
    }
    if (closed < 0) return { entries, error: `line ${lineOf(pos)}: unterminated quoted value` };
    pos = closed + 1;
    const unescaped = quote === '"' ? resolveEscapes(chars) : chars;
    const literal = quote === '"' ? unescaped.replace(/\$\$/g, '$') : unescaped;
    const value = quote === '"' ? expand(unescaped, lookup) : unescaped;
    known.set(name, value);
    entries.push({ name, value, literal, offset: keyStart });
  }
  return { entries };
}
