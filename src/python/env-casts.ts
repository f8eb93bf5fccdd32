import { maskSecret } from '../core/mask.js';
import type { PyValue } from './value.js';
import { bool, float, int, list, none, parseFloatText, parseIntText, str, tuple } from './value-ops.js';

/**
 * The casting rules of each env library (research §4), as pure functions from the raw value to a
 * PyValue or the exception the library would raise. Callers add locations and env reads.
 */

export type CastResult = { ok: true; value: PyValue } | { ok: false; error: string };

const ok = (value: PyValue): CastResult => ({ ok: true, value });
const fail = (error: string): CastResult => ({ ok: false, error });

/** A cast argument named by what it is: `bool`, `int`, `list`, `[int]` → `list-of:int`, `json.loads` → `json`. */
export type CastName = string;

/** Python builtins a cast may name, by the dotted name the evaluator gives them. */
export function castNameOf(cast: PyValue | undefined): CastName | undefined {
  if (!cast || cast.kind === 'none') return undefined;
  if (cast.kind === 'object' && cast.type.startsWith('ext:')) {
    const dotted = cast.type.slice(4);
    const builtin = /^builtins\.(bool|int|float|str|list|tuple|dict)$/.exec(dotted);
    if (builtin) return builtin[1];
    if (dotted === 'json.loads') return 'json';
    if (dotted === 'dj_database_url.parse') return 'db_url';
    return `callable:${dotted}`;
  }
  if ((cast.kind === 'list' || cast.kind === 'tuple') && cast.items.length) {
    const inner = castNameOf(cast.items[0]);
    return `${cast.kind}-of:${inner ?? 'str'}`;
  }
  if (cast.kind === 'dict') return 'dict-of';
  if (cast.kind === 'object') return `callable:${cast.type}`;
  return undefined;
}

/** Python `int(value)` on a str/bool/int/float value. */
export function pyInt(value: PyValue): CastResult {
  switch (value.kind) {
    case 'int':
      return ok(int(value.value));
    case 'bool':
      return ok(int(value.value ? 1 : 0));
    case 'float':
      return ok(int(Math.trunc(value.value)));
    case 'str': {
      const n = parseIntText(value.value);
      return n === undefined ? fail(`ValueError: invalid literal for int() with base 10 (${maskSecret(value.value)})`) : ok(int(n));
    }
    default:
      return fail(`TypeError: int() cannot convert ${value.kind}`);
  }
}

export function pyFloat(value: PyValue): CastResult {
  if (value.kind === 'int' || value.kind === 'float') return ok(float(value.value));
  if (value.kind === 'bool') return ok(float(value.value ? 1 : 0));
  if (value.kind === 'str') {
    const n = parseFloatText(value.value);
    return n === undefined ? fail(`ValueError: could not convert string to float (${maskSecret(value.value)})`) : ok(float(n));
  }
  return fail(`TypeError: float() cannot convert ${value.kind}`);
}

/** A cast named by a builtin, applied the way Python would. */
function applyBuiltin(cast: string, value: PyValue): CastResult | undefined {
  if (cast === 'int') return pyInt(value);
  if (cast === 'float') return pyFloat(value);
  if (cast === 'str') {
    if (value.kind === 'str') return ok(value);
    if (value.kind === 'int' || value.kind === 'bool' || value.kind === 'none') {
      return ok(str(value.kind === 'none' ? 'None' : value.kind === 'bool' ? (value.value ? 'True' : 'False') : String(value.value)));
    }
  }
  if (cast === 'bool' && value.kind !== 'unknown' && value.kind !== 'object') {
    const t = value.kind === 'str' ? value.value.length > 0 : undefined;
    if (t !== undefined) return ok(bool(t));
  }
  return undefined;
}

// ---------------------------------------------------------------- django-environ (0.11.2)

const ENVIRON_TRUE_STRINGS = ['true', 'on', 'ok', 'y', 'yes', '1'];

/** `Env.parse_value(value, cast)`. */
export function environParseValue(value: PyValue, cast: CastName | undefined): CastResult {
  if (cast === undefined) return ok(value);
  if (value.kind !== 'str') {
    if (cast === 'bool' && (value.kind === 'bool' || value.kind === 'int')) return ok(bool(value.value !== 0 && value.value !== false));
    const direct = applyBuiltin(cast, value);
    return direct ?? fail(`cannot cast a ${value.kind} with ${cast}`);
  }
  const text = value.value;
  switch (cast) {
    case 'bool': {
      const n = parseIntText(text);
      if (n !== undefined) return ok(bool(n !== 0));
      return ok(bool(ENVIRON_TRUE_STRINGS.includes(pyStrip(text.toLowerCase()))));
    }
    case 'list':
      return ok(list(text.split(',').filter((x) => x).map((x) => str(x))));
    case 'tuple':
      return ok(tuple(stripChars(stripChars(text, '('), ')').split(',').filter((x) => x).map((x) => str(x))));
    case 'dict':
      return environDict(text);
    case 'float': {
      const cleaned = text.replace(/[^\d,.-]/g, '');
      const parts = cleaned.split(/[,.]/);
      const joined = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join('')}.${parts[parts.length - 1]}`;
      return pyFloat(str(joined));
    }
    case 'json':
      return parseJson(text);
    case 'str':
      return ok(value);
    case 'int':
      return pyInt(value);
    default: {
      const seq = /^(list|tuple)-of:(.*)$/.exec(cast);
      if (seq) {
        const parts =
          seq[1] === 'list' ? text.split(',') : stripChars(stripChars(text, '('), ')').split(',');
        const items: PyValue[] = [];
        for (const part of parts.filter((x) => x)) {
          const r = environParseValue(str(part), seq[2]);
          if (!r.ok) return r;
          items.push(r.value);
        }
        return ok(seq[1] === 'list' ? list(items) : tuple(items));
      }
      return fail(`cast ${cast} is not modelled`);
    }
  }
}

function environDict(text: string): CastResult {
  const entries: [string, PyValue][] = [];
  for (const part of text.split(',').filter((x) => x)) {
    const kv = part.split('=');
    if (kv.length !== 2) return fail(`ValueError: dictionary update sequence element has length ${kv.length}; 2 is required`);
    entries.push([kv[0]!, str(kv[1]!)]);
  }
  return ok({ kind: 'dict', entries: entries.map(([k, v]) => ({ key: str(k), value: v })) });
}

/** Python `str.strip()` (ASCII whitespace plus the Unicode spaces JavaScript knows). */
export function pyStrip(text: string): string {
  return text.trim();
}

/** Python `str.strip(chars)`. */
export function stripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start++;
  while (end > start && chars.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

export function parseJson(text: string): CastResult {
  try {
    return ok(fromJson(JSON.parse(text)));
  } catch {
    // V8's message quotes the start of the text, which may be a credential (a service-account JSON).
    return fail(`json.JSONDecodeError: not valid JSON (${text.length} chars)`);
  }
}

function fromJson(value: unknown): PyValue {
  if (value === null) return none();
  if (typeof value === 'string') return str(value);
  if (typeof value === 'boolean') return bool(value);
  if (typeof value === 'number') return Number.isInteger(value) ? int(value) : float(value);
  if (Array.isArray(value)) return list(value.map(fromJson));
  return {
    kind: 'dict',
    entries: Object.entries(value as Record<string, unknown>).map(([k, v]) => ({ key: str(k), value: fromJson(v) })),
  };
}

// ---------------------------------------------------------------- python-decouple (3.8)

const DECOUPLE_TRUE = ['y', 'yes', 't', 'true', 'on', '1'];
const DECOUPLE_FALSE = ['n', 'no', 'f', 'false', 'off', '0'];

/** `Config._cast_boolean`: str(value); '' is False; strtobool otherwise (no strip), else ValueError. */
function decoupleBool(value: PyValue): CastResult {
  if (value.kind === 'bool') return ok(value);
  const text =
    value.kind === 'str' ? value.value : value.kind === 'int' ? String(value.value) : value.kind === 'none' ? 'None' : undefined;
  if (text === undefined) return fail(`cannot cast a ${value.kind} to bool`);
  if (text === '') return ok(bool(false));
  const lower = text.toLowerCase();
  if (DECOUPLE_TRUE.includes(lower)) return ok(bool(true));
  if (DECOUPLE_FALSE.includes(lower)) return ok(bool(false));
  return fail(`ValueError: invalid truth value (${maskSecret(text)})`);
}

export interface CsvSpec {
  cast?: CastName;
  delimiter: string;
  strip: string;
  postProcess: 'list' | 'tuple' | 'set';
}

const PY_WHITESPACE = ' \t\n\r\x0b\x0c';

export function defaultCsv(): CsvSpec {
  return { delimiter: ',', strip: PY_WHITESPACE, postProcess: 'list' };
}

/** `Csv()(value)`: a posix shlex split on the delimiter (quotes honoured, `#` starts a comment). */
export function decoupleCsv(spec: CsvSpec, value: PyValue): CastResult {
  if (value.kind === 'none') return ok({ kind: spec.postProcess, items: [] });
  if (value.kind !== 'str') return fail(`Csv cannot split a ${value.kind}`);
  const tokens = shlexSplit(value.value, spec.delimiter);
  if (tokens === undefined) return fail('ValueError: No closing quotation');
  const items: PyValue[] = [];
  for (const token of tokens) {
    const stripped = str(stripChars(token, spec.strip));
    const cast = spec.cast ? decoupleCast(spec.cast, stripped) : ok(stripped);
    if (!cast.ok) return cast;
    items.push(cast.value);
  }
  return ok({ kind: spec.postProcess, items });
}

/** Python's shlex in posix mode with `whitespace` = the delimiter and whitespace_split on. */
function shlexSplit(text: string, delimiter: string): string[] | undefined {
  const tokens: string[] = [];
  let token = '';
  let inToken = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (text[i + 1] === '"' || text[i + 1] === '\\')) token += text[++i];
      else token += ch;
      continue;
    }
    if (delimiter.includes(ch)) {
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
    } else if (ch === '#') {
      const newline = text.indexOf('\n', i);
      if (newline < 0) break;
      i = newline;
      if (inToken) tokens.push(token);
      token = '';
      inToken = false;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inToken = true;
    } else if (ch === '\\' && i + 1 < text.length) {
      token += text[++i];
      inToken = true;
    } else {
      token += ch;
      inToken = true;
    }
  }
  if (quote) return undefined;
  if (inToken) tokens.push(token);
  return tokens;
}

/** A decouple cast: `bool` (strict), builtins, Csv. */
export function decoupleCast(cast: CastName, value: PyValue): CastResult {
  if (cast === 'bool') return decoupleBool(value);
  if (cast === 'int') return pyInt(value);
  if (cast === 'float') return pyFloat(value);
  if (cast === 'str') return applyBuiltin('str', value) ?? fail(`cannot cast a ${value.kind} with str`);
  if (cast === 'list' && value.kind === 'str') return ok(list([...value.value].map((c) => str(c))));
  if (cast === 'json' && value.kind === 'str') return parseJson(value.value);
  return fail(`cast ${cast} is not modelled`);
}

// ---------------------------------------------------------------- django-configurations (2.5)

const CONFIGURATIONS_TRUE = ['yes', 'y', 'true', '1'];
const CONFIGURATIONS_FALSE = ['no', 'n', 'false', '0', ''];

/** `BooleanValue.to_python`. */
export function configurationsBool(text: string): CastResult {
  const normal = pyStrip(text).toLowerCase();
  if (CONFIGURATIONS_TRUE.includes(normal)) return ok(bool(true));
  if (CONFIGURATIONS_FALSE.includes(normal)) return ok(bool(false));
  return fail(`ValueError: Cannot interpret boolean value (${maskSecret(text)})`);
}

/** `ListValue`/`TupleValue`/`SetValue.to_python`: split, strip, drop empties. */
export function configurationsSequence(text: string, kind: 'list' | 'tuple' | 'set', separator = ','): CastResult {
  const items = text
    .split(separator)
    .map((x) => pyStrip(x))
    .filter((x) => x)
    .map((x) => str(x));
  return ok({ kind, items });
}
