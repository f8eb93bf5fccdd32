/**
 * django-environ's `Env.read_env` (0.12+, the same for `#` as every release before 0.11): each line
 * must be `NAME=value` with nothing around `=` (an optional `export ` before), the value is taken
 * whole (a `#` and what follows stay in it), one pair of surrounding single quotes is dropped, then
 * one pair of double quotes with backslash escapes resolved (`\n`, `\r`, `\t` stay as written).
 * No expansion, no multi-line values; other lines are skipped. The last assignment wins.
 */
import { splitLinesPython } from './lines.js';
import type { DialectParse, RawEntry } from './types.js';

const ASSIGNMENT = /^(?:export )?([A-Za-z_0-9]+)=(.*)$/s;

export function parseDjangoEnviron(text: string): DialectParse {
  const entries: RawEntry[] = [];
  for (const line of splitLinesPython(text)) {
    const match = ASSIGNMENT.exec(line.text);
    if (!match) continue;
    let value = match[2]!;
    const single = /^'(.*)'$/s.exec(value);
    if (single) value = single[1]!;
    const double = /^"(.*)"$/s.exec(value);
    if (double) value = double[1]!.replace(/\\(.)/gs, (_escape, char: string) => ('rnt'.includes(char) ? `\\${char}` : char));
    entries.push({ name: match[1]!, value, literal: value, offset: line.offset + match[0].indexOf(match[1]!) });
  }
  return { entries };
}
