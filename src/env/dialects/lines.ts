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

/** Python's `str.strip()` whitespace. */
// eslint-disable-next-line no-control-regex -- Python counts the separators \x1c-\x1f as whitespace
export const PY_SPACE = /^[\s\x1c-\x1f\x85]+|[\s\x1c-\x1f\x85]+$/g;
