/**
 * python-dotenv's reader (`dotenv_values`, `load_dotenv`; unchanged from 0.19 to 1.2): a key may be
 * `export`ed and single-quoted, whitespace around `=` is dropped, an unquoted value ends at a `#`
 * that follows whitespace (so `q8#n2v` stays whole), quoted values may span lines with the escapes
 * below, and `${NAME}` / `${NAME:-default}` expand in every value. A line it cannot read is skipped.
 */
import { PY_WS, PY_WS_INLINE, pyRstrip } from './lines.js';
import { makeLookup } from './types.js';
import type { DialectParse, ParseOptions, RawEntry } from './types.js';

// Python's `\s` differs from JavaScript's (see lines.ts): the classes spell it out.
const MULTILINE_WHITESPACE = new RegExp(`[${PY_WS}]*`, 'y');
const EXPORT = new RegExp(`(?:export[${PY_WS_INLINE}]+)?`, 'y');
const SINGLE_QUOTED_KEY = /'([^']+)'/y;
const UNQUOTED_KEY = new RegExp(`([^=#${PY_WS}]+)`, 'y');
const WHITESPACE = new RegExp(`[${PY_WS_INLINE}]*`, 'y');
const EQUAL_SIGN = new RegExp(`=[${PY_WS_INLINE}]*`, 'y');
const SINGLE_QUOTED_VALUE = /'((?:\\'|[^'])*)'/y;
const DOUBLE_QUOTED_VALUE = /"((?:\\"|[^"])*)"/y;
const UNQUOTED_VALUE = /([^\r\n]*)/y;
const COMMENT = new RegExp(`(?:[${PY_WS_INLINE}]*#[^\\r\\n]*)?`, 'y');
const END_OF_LINE = new RegExp(`[${PY_WS_INLINE}]*(?:\\r\\n|\\n|\\r|$)`, 'y');
const INLINE_COMMENT = new RegExp(`[${PY_WS}]+#[^\\n]*`);
const REST_OF_LINE = /[^\r\n]*(?:\r|\n|\r\n)?/y;
const DOUBLE_QUOTE_ESCAPES = /\\[\\'"abfnrtv]/g;
const SINGLE_QUOTE_ESCAPES = /\\[\\']/g;
const ESCAPED: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
const VARIABLE = /\$\{([^}:]*)(?::-([^}]*))?\}/g;

class ReadError extends Error {}

function read(regex: RegExp, text: string, at: { pos: number }): RegExpExecArray {
  regex.lastIndex = at.pos;
  const match = regex.exec(text);
  if (!match) throw new ReadError();
  at.pos = regex.lastIndex;
  return match;
}

function decode(escapes: RegExp, text: string): string {
  return text.replace(escapes, (escape) => ESCAPED[escape[1]!] ?? escape[1]!);
}

function parseValue(text: string, at: { pos: number }): string {
  const char = text[at.pos];
  if (char === "'") return decode(SINGLE_QUOTE_ESCAPES, read(SINGLE_QUOTED_VALUE, text, at)[1]!);
  if (char === '"') return decode(DOUBLE_QUOTE_ESCAPES, read(DOUBLE_QUOTED_VALUE, text, at)[1]!);
  if (char === undefined || char === '\n' || char === '\r') return '';
  return pyRstrip(read(UNQUOTED_VALUE, text, at)[1]!.replace(INLINE_COMMENT, ''));
}

/** `${NAME}` and `${NAME:-default}` (the default applies only when NAME is not set); undefined when a name is not known here. */
function expand(value: string, lookup: (name: string) => string | undefined | null): string | undefined {
  let unknown = false;
  const expanded = value.replace(VARIABLE, (_match, name: string, fallback: string | undefined) => {
    const found = lookup(name);
    if (found === undefined) unknown = true;
    return found ?? fallback ?? '';
  });
  return unknown ? undefined : expanded;
}

/** A byte-order mark stays part of the first key, as in every release up to 1.2.2. */
export function parsePythonDotenv(text: string, options: ParseOptions = {}): DialectParse {
  const entries: RawEntry[] = [];
  const known = new Map<string, string | undefined>();
  const lookup = makeLookup(known, options);
  const at = { pos: 0 };
  while (at.pos < text.length) {
    const start = at.pos;
    try {
      read(MULTILINE_WHITESPACE, text, at);
      if (at.pos >= text.length) break;
      read(EXPORT, text, at);
      let key: string | undefined;
      const keyOffset = at.pos;
      if (text[at.pos] === "'") key = read(SINGLE_QUOTED_KEY, text, at)[1];
      else if (text[at.pos] !== '#') key = read(UNQUOTED_KEY, text, at)[1];
      read(WHITESPACE, text, at);
      let literal: string | undefined;
      if (text[at.pos] === '=') {
        read(EQUAL_SIGN, text, at);
        literal = parseValue(text, at);
      }
      read(COMMENT, text, at);
      read(END_OF_LINE, text, at);
      // A key without `=` has no value (python-dotenv gives None and load_dotenv sets nothing).
      if (key === undefined || literal === undefined) continue;
      const value = expand(literal, lookup);
      known.set(key, value);
      entries.push({ name: key, value, literal, offset: keyOffset });
    } catch (error) {
      if (!(error instanceof ReadError)) throw error;
      read(REST_OF_LINE, text, at);
    }
    if (at.pos === start) at.pos++; // never stall on input no rule consumes
  }
  return { entries };
}
