/**
 * python-decouple's repositories (3.x). `RepositoryEnv` (`.env`): each line stripped, `#` lines and
 * lines without `=` skipped, split at the first `=`, key and value stripped, one pair of matching
 * surrounding quotes dropped; nothing else (no comments after a value, no `export`, no escapes, no
 * expansion). `RepositoryIni` (`settings.ini`): Python's configparser, options of `[settings]`
 * (and `[DEFAULT]`), `=` or `:`, indented continuation lines, `%(name)s` interpolation.
 */
import { PY_WS, pyRstrip, pyStrip, splitLines } from './lines.js';
import type { DialectParse, RawEntry } from './types.js';


export function parseDecoupleEnv(text: string): DialectParse {
  const entries: RawEntry[] = [];
  for (const line of splitLines(text, 'universal')) {
    const stripped = pyStrip(line.text);
    if (!stripped || stripped.startsWith('#') || !stripped.includes('=')) continue;
    const equals = stripped.indexOf('=');
    const name = pyStrip(stripped.slice(0, equals));
    let value = pyStrip(stripped.slice(equals + 1));
    if (value.length >= 2 && (value[0] === "'" || value[0] === '"') && value.at(-1) === value[0]) value = value.slice(1, -1);
    entries.push({ name, value, literal: value, offset: line.offset + line.text.indexOf(stripped) });
  }
  return { entries };
}

const SECTION = /^\[(.+)\]/s;
const OPTION = new RegExp(`^(.*?)[${PY_WS}]*([=:])[${PY_WS}]*(.*)$`, 's');
const NON_SPACE = new RegExp(`[^${PY_WS}]`);
const SETTINGS = 'settings';
const DEFAULT_SECTION = 'DEFAULT';
const MAX_INTERPOLATION_DEPTH = 10;

interface IniOption {
  name: string;
  offset: number;
  lines: string[];
}

/**
 * configparser's BasicInterpolation: `%%` is `%`, `%(name)s` is another option of the section
 * (names are case-insensitive). Anything else after `%` makes `get` raise: undefined.
 */
function interpolate(raw: string, options: ReadonlyMap<string, string>, depth = 0): string | undefined {
  if (depth > MAX_INTERPOLATION_DEPTH) return undefined;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i]!;
    if (char !== '%') {
      out += char;
      continue;
    }
    const next = raw[i + 1];
    if (next === '%') {
      out += '%';
      i++;
      continue;
    }
    const reference = /^\(([^)]+)\)s/.exec(raw.slice(i + 1));
    if (!reference) return undefined;
    const target = options.get(reference[1]!.toLowerCase());
    if (target === undefined) return undefined;
    const resolved = target.includes('%') ? interpolate(target, options, depth + 1) : target;
    if (resolved === undefined) return undefined;
    out += resolved;
    i += reference[0].length;
  }
  return out;
}

export function parseDecoupleIni(text: string): DialectParse {
  const sections = new Map<string, IniOption[]>();
  let current: IniOption[] | undefined;
  let option: IniOption | undefined;
  let indentLevel = 0;
  const seen = new Set<string>();
  let sectionName = '';
  const errors: string[] = [];
  for (const [index, line] of splitLines(text, 'universal').entries()) {
    const stripped = pyStrip(line.text);
    const comment = stripped.startsWith('#') || stripped.startsWith(';');
    if (!stripped || comment) {
      // An empty line inside a value is kept (trailing ones are dropped when values are joined).
      if (!comment && option) option.lines.push('');
      continue;
    }
    const indent = line.text.search(NON_SPACE);
    if (current && option && indent > indentLevel) {
      option.lines.push(stripped);
      continue;
    }
    indentLevel = indent;
    const header = SECTION.exec(stripped);
    if (header) {
      const name = header[1]!;
      sectionName = name;
      if (seen.has(`[${name}]`)) return { entries: [], error: `line ${index + 1}: section ${name} is defined twice` };
      seen.add(`[${name}]`);
      current = sections.get(name) ?? [];
      sections.set(name, current);
      option = undefined;
      continue;
    }
    if (!current) return { entries: [], error: `line ${index + 1}: no section header before it` };
    const pair = OPTION.exec(stripped);
    if (!pair || !pair[1]) {
      errors.push(`line ${index + 1}: not an option`);
      option = undefined;
      continue;
    }
    const name = pyRstrip(pair[1]);
    const key = `${sectionName}\0${name.toLowerCase()}`;
    if (seen.has(key)) return { entries: [], error: `line ${index + 1}: option ${name} is set twice in [${sectionName}]` };
    seen.add(key);
    option = { name, offset: line.offset + line.text.indexOf(name), lines: [pyStrip(pair[3]!)] };
    current.push(option);
  }
  // configparser reads the whole file, then raises for any line it could not read.
  if (errors.length) return { entries: [], error: errors.join('; ') };
  const own = sections.get(SETTINGS) ?? [];
  const visible = [...(sections.get(DEFAULT_SECTION) ?? []).filter((d) => !own.some((o) => o.name.toLowerCase() === d.name.toLowerCase())), ...own];
  const raw = new Map(visible.map((o) => [o.name.toLowerCase(), pyRstrip(o.lines.join('\n'))]));
  const entries = visible.map((o) => {
    const literal = raw.get(o.name.toLowerCase())!;
    return { name: o.name, value: interpolate(literal, raw), literal, offset: o.offset };
  });
  return { entries };
}
