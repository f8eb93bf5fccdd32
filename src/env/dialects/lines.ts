/** A text's lines with the offset where each starts, split where Python's `str.splitlines()` splits. */
export function splitLinesPython(text: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  // eslint-disable-next-line no-control-regex -- Python also breaks lines at the separators \x1c-\x1e
  const breaks = /\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/g;
  let start = 0;
  for (const match of text.matchAll(breaks)) {
    lines.push({ text: text.slice(start, match.index), offset: start });
    start = match.index + match[0].length;
  }
  if (start < text.length) lines.push({ text: text.slice(start), offset: start });
  return lines;
}

/** Lines as a Python text file yields them (universal newlines: `\n`, `\r\n`, `\r`), without the line end. */
export function splitLinesUniversal(text: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  for (const match of text.matchAll(breaks)) {
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
