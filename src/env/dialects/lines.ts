const LINE_BREAKS = {
  /** Where Python's `str.splitlines()` splits. */
  // eslint-disable-next-line no-control-regex -- Python also breaks lines at the separators \x1c-\x1e
  python: /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g,
  /** Universal newlines, as a Python text file yields its lines: `\n`, `\r\n`, `\r`. */
  universal: /\r\n|\n|\r/g,
};

/** A text's lines, without their line ends, with the offset where each starts. */
export function splitLines(text: string, breaks: keyof typeof LINE_BREAKS): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  let start = 0;
  // matchAll works on a copy of the regular expression: the shared one keeps no state.
  for (const match of text.matchAll(LINE_BREAKS[breaks])) {
    lines.push({ text: text.slice(start, match.index), offset: start });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), offset: start });
  return lines;
}

/**
 * Python's whitespace (`str.isspace()`, `\s` in `re`), for a character class: unlike JavaScript's
 * `\s` it has the separators \x1c-\x1f and \x85, and not the byte-order mark \ufeff.
 */
export const PY_WS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Go's `unicode.IsSpace` (Compose): Python's without the separators \x1c-\x1f. */
export const GO_WS = PY_WS.replace('\\x1c-\\x1f ', ' ');
/** Python's whitespace but line ends (`[^\S\r\n]`). */
export const PY_WS_INLINE = PY_WS.replace('\\n', '').replace('\\r', '');

const EDGES = new RegExp(`^[${PY_WS}]+|[${PY_WS}]+$`, 'g');
const END = new RegExp(`[${PY_WS}]+$`);

/** Python's `str.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(EDGES, '');
}

/** Python's `str.rstrip()`. */
export function pyRstrip(text: string): string {
  return text.replace(END, '');
}
