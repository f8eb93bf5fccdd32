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

/**
 * Parse a dotenv file (workspace-relative `file`) into variables in file order, each with its
 * 1-based location and a `file:line` label. Values come from `dotenv.parse`.
 */
export function parseDotenv(text: string, file: string, source: DotenvSource = { kind: 'env-file' }): EnvVar[] {
  const values = parse(text);
  const locations = dotenvKeyLocations(text);
  const vars: EnvVar[] = [];
  for (const [name, value] of Object.entries(values)) {
    const position = locations.get(name) ?? { line: 1, column: 1 };
    const location: FileLocation = { file, line: position.line, column: position.column };
    const label = `${file}:${position.line}${source.note ? ` ${source.note}` : ''}`;
    vars.push({ name, value, source: { kind: source.kind, location, label } });
  }
  return vars.sort((a, b) => a.source.location!.line - b.source.location!.line);
}
