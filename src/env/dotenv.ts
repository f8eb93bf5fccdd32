import { parse } from 'dotenv';
import type { FileLocation } from '../engine/types.js';
import type { EnvSourceKind, EnvVar } from './types.js';

const ASSIGNMENT = /^([ \t]*)(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=|:[ \t])/;
const QUOTES = new Set(["'", '"', '`']);

/**
 * Where each key of a dotenv file is assigned (the last assignment, as `dotenv.parse` keeps the
 * last value). Quoted values may span lines; text inside them is never taken for a key.
 */
export function dotenvKeyLocations(text: string): Map<string, { line: number; column: number }> {
  const locations = new Map<string, { line: number; column: number }>();
  const lines = text.split(/\r\n|\r|\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const match = ASSIGNMENT.exec(line);
    if (!match) continue;
    const key = match[2]!;
    locations.set(key, { line: index + 1, column: line.indexOf(key, match[1]!.length) + 1 });
    const rest = line.slice(match[0].length).replace(/^[ \t]*/, '');
    const quote = rest[0];
    if (quote === undefined || !QUOTES.has(quote)) continue;
    // Find the closing quote (a backslash-escaped quote does not close), possibly lines later.
    let body = rest.slice(1);
    for (let end = index; end < lines.length; end++) {
      if (closesQuote(body, quote)) {
        index = end;
        break;
      }
      body = lines[end + 1] ?? '';
    }
  }
  return locations;
}

function closesQuote(text: string, quote: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) i++;
    else if (text[i] === quote) return true;
  }
  return false;
}

export interface DotenvSource {
  kind: EnvSourceKind;
  /** Appended to the `file:line` label, e.g. `(env_file of docker-compose.yml)`. */
  note?: string;
}

/** One variable of a dotenv file: its value (from `dotenv.parse`) and where its key is written (1-based). */
export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
  column: number;
}

/** The variables of a dotenv file in file order. */
export function parseDotenvEntries(text: string): DotenvEntry[] {
  const locations = dotenvKeyLocations(text);
  const entries = Object.entries(parse(text)).map(([name, value]) => ({ name, value, ...(locations.get(name) ?? { line: 1, column: 1 }) }));
  return entries.sort((a, b) => a.line - b.line);
}

/** Parsed entries of a dotenv file (workspace-relative `file`) as variables, each located and labelled `file:line`. */
export function dotenvVars(entries: readonly DotenvEntry[], file: string, source: DotenvSource = { kind: 'env-file' }): EnvVar[] {
  return entries.map(({ name, value, line, column }) => {
    const location: FileLocation = { file, line, column };
    const label = `${file}:${line}${source.note ? ` ${source.note}` : ''}`;
    return { name, value, source: { kind: source.kind, location, label } };
  });
}
