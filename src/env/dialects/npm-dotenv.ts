/**
 * The npm `dotenv` package's `parse` (Node projects): values from the package itself, keys located
 * here. An unquoted value ends at `#`, quotes may be `'`, `"` or backticks, no expansion.
 */
import { parse } from 'dotenv';
import type { DialectParse } from './types.js';

const ASSIGNMENT = /^([ \t]*)(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=|:[ \t])/;
const QUOTES = new Set(["'", '"', '`']);

/**
 * Where each key of a dotenv file is assigned (the last assignment, as `dotenv.parse` keeps the
 * last value), as an offset. Quoted values may span lines; text inside them is never taken for a key.
 */
function npmDotenvKeyOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length;
  }
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.replace(/\r?\n$|\r$/, '');
    const match = ASSIGNMENT.exec(line);
    if (!match) continue;
    const key = match[2]!;
    offsets.set(key, starts[index]! + line.indexOf(key, match[1]!.length));
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
      body = (lines[end + 1] ?? '').replace(/\r?\n$|\r$/, '');
    }
  }
  return offsets;
}

function closesQuote(text: string, quote: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === quote) i++;
    else if (text[i] === quote) return true;
  }
  return false;
}

export function parseNpmDotenv(text: string): DialectParse {
  const offsets = npmDotenvKeyOffsets(text);
  const entries = Object.entries(parse(text)).map(([name, value]) => ({ name, value, literal: value, offset: offsets.get(name) ?? 0 }));
  return { entries };
}
