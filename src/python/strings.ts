import type { PyNode } from './syntax.js';
import type { PyValue } from './value.js';
import { formatFloat, pyStr, reprOf } from './value-ops.js';

/** Python string literal decoding and the two formatting operators (`%` and `str.format`). */

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Decode backslash escapes of a non-raw literal body (`bytes` keeps \u and \N as text, like Python).
 * Undefined for a str body with a `\N{name}` escape: the character's name table is not modelled.
 */
export function decodeEscapes(text: string, bytes = false): string | undefined {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch !== '\\' || i + 1 >= text.length) {
      out += ch;
      continue;
    }
    const next = text[i + 1]!;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === '\r' && text[i + 2] === '\n') {
      i += 2;
    } else if (/[0-7]/.test(next)) {
      const m = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
      out += String.fromCharCode(Number.parseInt(m, 8));
      i += m.length;
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (!bytes && next === 'N') {
      return undefined;
    } else if (!bytes && next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (!bytes && next === 'U' && /^[0-9a-fA-F]{8}$/.test(text.slice(i + 2, i + 10))) {
      out += String.fromCodePoint(Number.parseInt(text.slice(i + 2, i + 10), 16));
      i += 9;
    } else {
      out += ch;
    }
  }
  return out;
}

/** A string literal's prefix letters, lower-cased (`''`, `r`, `rb`, `f`, …). */
export function stringPrefix(node: PyNode): string {
  const start = node.children.find((child) => child.type === 'string_start')?.text ?? '"';
  return start.replace(/['"]+$/, '').toLowerCase();
}

/**
 * The value of a plain string literal, implicit concatenation included; undefined for an f-string,
 * bytes, or an escape whose character is not known. The one decoder for code that reads literals
 * without the evaluator.
 */
export function plainStringValue(node: PyNode): string | undefined {
  const parts = node.type === 'concatenated_string' ? node.namedChildren : node.type === 'string' ? [node] : [];
  if (!parts.length) return undefined;
  let out = '';
  for (const part of parts) {
    if (part.type !== 'string') return undefined;
    const prefix = stringPrefix(part);
    if (/[fbt]/.test(prefix)) return undefined;
    for (const child of part.children) {
      if (child.type !== 'string_content') continue;
      const text = prefix.includes('r') ? child.text : decodeEscapes(child.text);
      if (text === undefined) return undefined;
      out += text;
    }
  }
  return out;
}

/** Apply a format spec (`>10`, `.2f`, `d`, `05`); undefined when the spec is not modelled. */
export function applyFormatSpec(value: PyValue, spec: string): string | undefined {
  if (spec === '') return pyStr(value);
  const m = /^(?:(.)?([<>^=]))?([+\- ]?)(0)?(\d+)?([,_])?(?:\.(\d+))?([sdfFeEgGxXobn%])?$/s.exec(spec);
  if (!m) return undefined;
  const [, fill = ' ', align, sign, zero, widthText, grouping, precisionText, type] = m;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  let text: string | undefined;
  const numeric = value.kind === 'int' || value.kind === 'float' || value.kind === 'bool';
  if (numeric) {
    const n = value.kind === 'bool' ? Number(value.value) : value.value;
    if (type === 'f' || type === 'F') text = n.toFixed(precision ?? 6);
    else if (type === 'x') text = Math.trunc(n).toString(16);
    else if (type === 'X') text = Math.trunc(n).toString(16).toUpperCase();
    else if (type === 'o') text = Math.trunc(n).toString(8);
    else if (type === 'b') text = Math.trunc(n).toString(2);
    else if (type === 'd' || type === undefined || type === 'n') text = value.kind === 'float' ? formatFloat(n) : String(Math.trunc(n));
    else return undefined;
    if (grouping && /^-?\d+/.test(text)) text = text.replace(/^(-?\d+)/, (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, grouping));
    if (sign === '+' && n >= 0) text = `+${text}`;
    else if (sign === ' ' && n >= 0) text = ` ${text}`;
  } else {
    if (type !== undefined && type !== 's') return undefined;
    text = pyStr(value);
    if (text === undefined) return undefined;
    if (precision !== undefined) text = text.slice(0, precision);
  }
  const width = widthText === undefined ? 0 : Number(widthText);
  if (text.length >= width) return text;
  const pad = width - text.length;
  const padChar = zero && !align ? '0' : fill;
  const how = align ?? (zero ? '=' : numeric ? '>' : '<');
  if (how === '<') return text + padChar.repeat(pad);
  if (how === '>') return padChar.repeat(pad) + text;
  if (how === '^') return padChar.repeat(Math.floor(pad / 2)) + text + padChar.repeat(Math.ceil(pad / 2));
  const signMatch = /^[+\- ]/.exec(text);
  return signMatch ? signMatch[0] + padChar.repeat(pad) + text.slice(1) : padChar.repeat(pad) + text;
}

/** `template % args`; undefined when a part is unknown or the directive is not modelled. */
export function percentFormat(template: string, args: PyValue): string | undefined {
  const positional = args.kind === 'tuple' ? args.items : [args];
  let index = 0;
  let failed = false;
  const out = template.replace(/%(\(([^)]*)\))?([#0\- +]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g, (_m, _k, key, flags, width, precision, type) => {
    if (type === '%') return '%';
    let value: PyValue | undefined;
    if (key !== undefined) {
      if (args.kind !== 'dict') return fail();
      value = args.entries.find((e) => e.key.kind === 'str' && e.key.value === key)?.value;
    } else value = positional[index++];
    if (!value) return fail();
    const spec = `${String(flags).includes('-') ? '<' : ''}${String(flags).includes('0') ? '0' : ''}${width ?? ''}${precision !== undefined ? `.${precision}` : ''}`;
    let text: string | undefined;
    if (type === 's') text = applyFormatSpec(value, spec);
    else if (type === 'r' || type === 'a') text = reprOf(value);
    else if (type === 'd' || type === 'i' || type === 'u') text = applyFormatSpec(value, `${spec}d`);
    else if (type === 'f' || type === 'F') text = applyFormatSpec(value, `${spec}f`);
    else if (type === 'x' || type === 'X' || type === 'o') text = applyFormatSpec(value, `${spec}${type}`);
    return text ?? fail();
  });
  function fail(): string {
    failed = true;
    return '';
  }
  if (failed) return undefined;
  if (key0(template) === undefined && args.kind === 'tuple' && index !== positional.length) return undefined;
  return out;
}

/** Whether a template uses only named `%(key)s` directives (then the arg count is not checked). */
function key0(template: string): string | undefined {
  return /%\(/.exec(template)?.[0];
}

/** `template.format(*args, **kwargs)`; undefined when a part is unknown or not modelled. */
export function strFormat(template: string, args: PyValue[], kwargs: Map<string, PyValue>): string | undefined {
  let auto = 0;
  let failed = false;
  const out = template.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conversion, spec) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const name = field ?? '';
    const [head, ...rest] = name.split(/(?=[.[])/);
    let value: PyValue | undefined;
    if (head === '' || head === undefined) value = args[auto++];
    else if (/^\d+$/.test(head)) value = args[Number(head)];
    else value = kwargs.get(head);
    if (!value || rest.length) {
      failed = true;
      return '';
    }
    const text = conversion === 'r' || conversion === 'a' ? reprOf(value) : applyFormatSpec(value, spec ?? '');
    if (text === undefined) failed = true;
    return text ?? '';
  });
  return failed ? undefined : out;
}
