/**
 * django-environ's `Env.read_env` (0.12+, the same for `#` as every release before 0.11): each line
 * must be `NAME=value` with nothing around `=` (an optional `export ` before), the value is taken
 * whole (a `#` and what follows stay in it), one pair of surrounding single quotes is dropped, then
 * one pair of double quotes with backslash escapes resolved (`\n`, `\r`, `\t` stay as written).
 * No expansion, no multi-line values; other lines are skipped. The last assignment wins.
 */
import { PY_WS, splitLines } from './lines.js';
import type { DialectParse, RawEntry } from './types.js';

const ASSIGNMENT = /^(?:export )?([A-Za-z_0-9]+)=(.*)$/s;
const SINGLE_QUOTED_THEN_COMMENT = new RegExp(`^[${PY_WS}]*'([^]*)'[${PY_WS}]*(?:#[^]*)?$`);

/**
 * `parse_comments`: a single-quoted value followed by a `# comment` is the text inside the quotes;
 * any other value ends at its first `#` (whitespace before it stays, and so does a `"` left open).
 */
function withoutComment(value: string): string {
  const quoted = SINGLE_QUOTED_THEN_COMMENT.exec(value);
  if (quoted) return quoted[1]!;
  const hash = value.indexOf('#');
  return hash < 0 ? value : value.slice(0, hash);
}

export function parseDjangoEnviron(text: string, { parseComments = false }: { parseComments?: boolean } = {}): DialectParse {
  const entries: RawEntry[] = [];
  for (const line of splitLines(text, 'python')) {
    const match = ASSIGNMENT.exec(line.text);
    if (!match) continue;
    let value = match[2]!;
    if (parseComments) value = withoutComment(value);
    else {
      const single = /^'(.*)'$/s.exec(value);
      if (single) value = single[1]!;
    }
    const double = /^"(.*)"$/s.exec(value);
    if (double) value = double[1]!.replace(/\\(.)/gs, (_escape, char: string) => ('rnt'.includes(char) ? `\\${char}` : char));
    entries.push({ name: match[1]!, value, literal: value, offset: line.offset + match[0].indexOf(match[1]!) });
  }
  return { entries };
}
