/**
 * django-dotenv's `read_dotenv` (1.4): one `NAME=value` (or `NAME: value`) per line, `export` and
 * spaces around `=` allowed. An unquoted value ends at `#` even without whitespace before it
 * (`q8#n2v` is `q8`), a quoted value may be followed by a comment; the value is stripped and one
 * pair of matching quotes dropped, double quotes unescape `\x` to `x` (but `\$`), and `$NAME` /
 * `${NAME}` expand outside single quotes. No multi-line values; other lines are skipped.
 */
import { PY_WS, pyStrip, splitLines } from './lines.js';
import { makeLookup } from './types.js';
import type { DialectParse, ParseOptions, RawEntry } from './types.js';

const S = `[${PY_WS}]`;
const LINE = new RegExp(`^(?:export${S}+)?([\\p{L}\\p{N}_.]+)(?:${S}*=${S}*|:${S}+?)('[^]*'|"[^]*"|[^#\\n]+)?(?:${S}*#[^]*)?$`, 'u');
const VARIABLE = /(\\)?(\$)(\{?([A-Z0-9_]+)\}?)/gi;

export function parseDjangoDotenv(text: string, options: ParseOptions = {}): DialectParse {
  const entries: RawEntry[] = [];
  const known = new Map<string, string | undefined>();
  const lookup = makeLookup(known, options);
  for (const line of splitLines(text, 'python')) {
    const match = LINE.exec(line.text);
    if (!match) continue;
    let literal = pyStrip(match[2] ?? '');
    const quoted = /^(['"])(.*)\1$/s.exec(literal);
    const quote = quoted?.[1];
    if (quoted) literal = quoted[2]!;
    if (quote === '"') literal = literal.replace(/\\([^$])/gs, '$1');
    let value: string | undefined = literal;
    if (quote !== "'") {
      for (const [, escaped, dollar, reference, name] of [...literal.matchAll(VARIABLE)]) {
        if (value === undefined) break;
        const found = escaped ? `${dollar}${reference}` : lookup(name!);
        // An unset name expands to '' (only known when the environment is given).
        value = found === undefined ? undefined : value.split(`${escaped ?? ''}${dollar}${reference}`).join(found ?? '');
      }
    }
    known.set(match[1]!, value);
    entries.push({ name: match[1]!, value, literal, offset: line.offset + line.text.indexOf(match[1]!) });
  }
  return { entries };
}
