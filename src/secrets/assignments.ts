import type { SecretFileKind } from './files.js';
import { parseEnvFile } from '../env/dotenv.js';
import type { DotenvEntry } from '../env/dotenv.js';

/** A literal value assigned to a name, with the 1-based position of the value. */
export interface Assignment {
  name: string;
  value: string;
  line: number;
  column: number;
}

/** Lines without one of these cannot assign a secret-looking name: skipped before the costlier regexes. */
const HINT_WORDS = ['key', 'secret', 'token', 'pass', 'pwd', 'auth', 'credential', 'dsn', 'private'];
const SECRET_HINT = new RegExp(HINT_WORDS.join('|'), 'i');
/** The hint words as explicit character classes: several times faster than the `i` flag over a whole text. */
const CASELESS_HINT = HINT_WORDS.map((word) => word.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`)).join('|');
const SECRET_HINT_LINES = new RegExp(CASELESS_HINT, 'g');
/** render.yaml's `value:` lines carry the secret of the `key:` line above. */
const YAML_HINT_LINES = new RegExp(`${CASELESS_HINT}|^\\s*value\\s*:`, 'gm');
/** Longer lines are minified code or data, not hand-written assignments. */
const MAX_LINE = 4096;

/**
 * Calls `visit` with each line of `text` that the global regex `hint` matches, its 1-based number and
 * its offset. Other lines cost one regex scan and no allocation.
 */
function forEachHintLine(text: string, hint: RegExp, visit: (line: string, number: number, start: number) => void): void {
  let number = 1;
  let counted = 0;
  hint.lastIndex = 0;
  for (let match = hint.exec(text); match; match = hint.exec(text)) {
    const start = text.lastIndexOf('\n', match.index - 1) + 1;
    let end = text.indexOf('\n', match.index);
    if (end === -1) end = text.length;
    for (let newline = text.indexOf('\n', counted); newline !== -1 && newline < start; newline = text.indexOf('\n', newline + 1)) number++;
    counted = start;
    if (end - start <= MAX_LINE) visit(text.slice(start, text[end - 1] === '\r' ? end - 1 : end), number, start);
    hint.lastIndex = end + 1;
  }
}

/** Offsets [open, close] of triple-quoted strings (docstrings, examples): their lines assign nothing. */
function tripleQuotedRanges(text: string): [number, number][] {
  if (!text.includes('"""') && !text.includes("'''")) return [];
  const ranges: [number, number][] = [];
  let open: { at: number; quote: string } | undefined;
  for (const match of text.matchAll(/"""|'''/g)) {
    if (!open) open = { at: match.index, quote: match[0] };
    else if (match[0] === open.quote) {
      ranges.push([open.at, match.index]);
      open = undefined;
    }
  }
  if (open) ranges.push([open.at, text.length]);
  return ranges;
}

/** A one-line Python string literal: two groups, the value in single quotes or in double quotes. */
const PY_STRING = `[rRuU]?(?:'((?:[^'\\\\\\n]|\\\\.)*)'|"((?:[^"\\\\\\n]|\\\\.)*)")`;
const PY_ASSIGN = new RegExp(`^\\s*(?:[A-Za-z_]\\w*\\.)*([A-Za-z_]\\w*)\\s*(?::\\s*[^=]+)?=\\s*${PY_STRING}`);
const PY_DICT_ENTRY = new RegExp(`['"]([\\w.-]+)['"]\\s*:\\s*${PY_STRING}`, 'g');
const PY_KWARG = new RegExp(`[(,]\\s*([A-Za-z_]\\w*)\\s*=\\s*${PY_STRING}`, 'g');
/** `os.getenv("X", "default")`, `env("X", default="…")`, `config("X", default="…")`: the default is committed. */
const PY_ENV_DEFAULT = new RegExp(
  `(?:getenv|environ\\.get|environ\\.setdefault|\\benv(?:\\.\\w+)?|\\bconfig)\\(\\s*['"]([\\w.-]+)['"]\\s*,\\s*(?:default\\s*=\\s*)?${PY_STRING}`,
  'g',
);

const DOCKER_ENV = /^\s*(ENV|ARG)\s+(.*)$/i;
const DOCKER_PAIR = /([A-Za-z_][\w.-]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s]*)/g;

/**
 * A shell or Makefile assignment anywhere on a line: `X=v`, `export X=v`, `heroku config:set X=v Y=w`,
 * `X ?= v`, `X := v`; the value quoted or up to the next blank, `;`, `&` or `|`.
 */
const SHELL_PAIR = /(?:^|[\s;&|(])([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:[:?+]?=)[ \t]*('[^'\n]*'|"(?:[^"\\\n]|\\.)*"|[^\s;&|'"`]+)/g;

/** A Makefile/justfile variable, `X ?= v`, `X := v`, `X = v`: the value is the rest of the line. */
const MAKE_ASSIGN = /^(\s*(?:export\s+|override\s+)?)([A-Za-z_][A-Za-z0-9_]*)(?:\s*(?:::?|[?+!])=|\s+=)\s*(.*?)\s*$/;

/** `${NAME:-default}` / `${NAME-default}` (shell, compose): the default is a value committed in the file. */
const EXPANSION_DEFAULT = /^\$\{[A-Za-z_][A-Za-z0-9_]*:?-(.*)\}$/s;

const YAML_PAIR = /^(\s*(?:-\s+)?)(["']?)([\w.-]+)\2\s*:\s+(.+?)\s*$/;
const YAML_LIST_PAIR = /^(\s*-\s+)(["']?)([\w.-]+)=(.*?)\2\s*$/;
const KEY_NAME_FIELD = /^(?:key|name)$/;
const INI_PAIR = /^(\s*)(["']?)([\w.-]+)\2\s*[=:]\s*(.+?)\s*$/;
const JSON_PAIR = /"([\w.-]+)"\s*:\s*(?:(\{)|"((?:[^"\\]|\\.)*)")/g;

/** Strip matching quotes, or a trailing ` # comment` from an unquoted value. */
function scalar(raw: string): string {
  const first = raw[0];
  if ((first === '"' || first === "'") && raw.length >= 2 && raw.endsWith(first)) return raw.slice(1, -1);
  return raw.replace(/\s+#.*$/, '');
}

function pythonAssignments(text: string): Assignment[] {
  const found: Assignment[] = [];
  const strings = tripleQuotedRanges(text);
  let range = 0;
  forEachHintLine(text, SECRET_HINT_LINES, (line, number, start) => {
    while (range < strings.length && strings[range]![1] < start) range++;
    if (range < strings.length && strings[range]![0] < start) return;
    // Every form below assigns a string literal.
    if (!line.includes("'") && !line.includes('"')) return;
    const seen: number[] = [];
    const add = (match: RegExpExecArray): void => {
      const value = match[2] ?? match[3] ?? '';
      // The value starts one character (the quote) after the last occurrence of quote+value in the match.
      const at = match.index + match[0].length - value.length - 1;
      if (seen.includes(at)) return;
      seen.push(at);
      found.push({ name: match[1]!, value, line: number, column: at + 1 });
    };
    const all = (pattern: RegExp): void => {
      pattern.lastIndex = 0;
      for (let match = pattern.exec(line); match; match = pattern.exec(line)) add(match);
    };
    if (line.includes('(')) all(PY_ENV_DEFAULT);
    if (line.includes('=')) {
      const assign = PY_ASSIGN.exec(line);
      if (assign) add(assign);
    }
    if (line.includes(':')) all(PY_DICT_ENTRY);
    if (line.includes('=')) all(PY_KWARG);
  });
  return found;
}

function dockerfileAssignments(source: string): Assignment[] {
  const found: Assignment[] = [];
  forEachHintLine(source, SECRET_HINT_LINES, (text, line) => {
    const match = DOCKER_ENV.exec(text);
    if (!match) return;
    const args = match[2]!;
    const offset = text.length - args.length;
    const legacy = /^([A-Za-z_][\w.-]*)\s+([^=\s].*)$/.exec(args);
    if (match[1]!.toUpperCase() === 'ENV' && legacy && !legacy[1]!.includes('=')) {
      found.push({ name: legacy[1]!, value: scalar(legacy[2]!.trim()), line, column: offset + args.indexOf(legacy[2]!) + 1 });
      return;
    }
    for (const pair of args.matchAll(DOCKER_PAIR)) {
      const at = offset + pair.index + pair[1]!.length + 2;
      found.push({ name: pair[1]!, value: scalar(pair[2]!), line, column: at });
    }
  });
  return found;
}

/** Shell scripts, Makefiles, justfiles; comments too (a key in a commented-out command is still committed). */
function shellAssignments(source: string): Assignment[] {
  const found: Assignment[] = [];
  forEachHintLine(source, SECRET_HINT_LINES, (text, line) => {
    if (!text.includes('=')) return;
    const make = MAKE_ASSIGN.exec(text);
    if (make) {
      const raw = make[3]!;
      if (!raw.startsWith('$(')) found.push({ name: make[2]!, value: scalar(raw), line, column: text.lastIndexOf(raw) + 1 + (/^['"]/.test(raw) ? 1 : 0) });
      return;
    }
    SHELL_PAIR.lastIndex = 0;
    for (let pair = SHELL_PAIR.exec(text); pair; pair = SHELL_PAIR.exec(text)) {
      const raw = pair[2]!;
      // Command substitution computes the value at run time: nothing is committed.
      if (raw.startsWith('$(')) continue;
      found.push({ name: pair[1]!, value: scalar(raw), line, column: pair.index + pair[0].length - raw.length + 1 + (/^['"]/.test(raw) ? 1 : 0) });
    }
  });
  return found;
}

/** `KEY: value`, `- KEY=value`, and render.yaml's `- key: NAME` / `value: …` pairs. */
function yamlAssignments(source: string): Assignment[] {
  const found: Assignment[] = [];
  let pendingName: { name: string; line: number } | undefined;
  forEachHintLine(source, YAML_HINT_LINES, (text, line) => {
    const list = YAML_LIST_PAIR.exec(text);
    if (list) {
      found.push({ name: list[3]!, value: list[4]!, line, column: text.indexOf('=') + 2 });
      return;
    }
    const pair = YAML_PAIR.exec(text);
    if (!pair) return;
    const key = pair[3]!;
    const value = scalar(pair[4]!);
    if (KEY_NAME_FIELD.test(key)) {
      pendingName = { name: value, line };
      return;
    }
    const column = text.lastIndexOf(pair[4]!) + 1;
    if (key === 'value' && pendingName && line - pendingName.line <= 3) {
      found.push({ name: pendingName.name, value, line, column });
      pendingName = undefined;
      return;
    }
    found.push({ name: key, value, line, column });
  });
  return found;
}

function iniAssignments(source: string): Assignment[] {
  const found: Assignment[] = [];
  forEachHintLine(source, SECRET_HINT_LINES, (text, line) => {
    if (/^\s*[#;[]/.test(text)) return;
    const pair = INI_PAIR.exec(text);
    if (pair) found.push({ name: pair[3]!, value: scalar(pair[4]!), line, column: text.lastIndexOf(pair[4]!) + 1 });
  });
  return found;
}

/** `"KEY": "value"`, and app.json's `"KEY": { "value": "…" }`. */
function jsonAssignments(text: string, lineAt: (offset: number) => { line: number; column: number }): Assignment[] {
  const found: Assignment[] = [];
  let objectName: string | undefined;
  for (const match of text.matchAll(JSON_PAIR)) {
    if (match[2]) {
      objectName = match[1];
      continue;
    }
    const name = match[1] === 'value' && objectName ? objectName : match[1]!;
    if (!SECRET_HINT.test(name)) continue;
    const position = lineAt(match.index + match[0].length - match[3]!.length - 1);
    found.push({ name, value: match[3]!, ...position });
  }
  return found;
}

/**
 * Literal values assigned to names in a file of the given kind. A dotenv file's variables come from
 * `dotenv` when given (a parse the caller already has, with the rules of the file's loader), else
 * from parsing `text` with python-dotenv's rules. Never throws.
 */
export function extractAssignments(
  kind: SecretFileKind,
  text: string,
  lineAt: (offset: number) => { line: number; column: number },
  dotenv: () => readonly DotenvEntry[] = () => parseEnvFile(text, 'python-dotenv').entries,
): Assignment[] {
  if (!SECRET_HINT.test(text)) return [];
  return assignmentsOfKind(kind, text, lineAt, dotenv).map(committedDefault);
}

/** `${NAME:-default}` stands for its default wherever the variable is unset: that default is what is committed. */
function committedDefault(assignment: Assignment): Assignment {
  const match = EXPANSION_DEFAULT.exec(assignment.value);
  if (!match) return assignment;
  const value = match[1]!;
  return { ...assignment, value, column: assignment.column + assignment.value.indexOf(value, assignment.value.indexOf('-')) };
}

function assignmentsOfKind(
  kind: SecretFileKind,
  text: string,
  lineAt: (offset: number) => { line: number; column: number },
  dotenv: () => readonly DotenvEntry[],
): Assignment[] {
  switch (kind) {
    case 'python':
      return pythonAssignments(text);
    case 'dotenv':
      // The value as written: a secret is committed whatever a `${VAR}` in it expands to.
      return dotenv().map(({ name, literal, line, column }) => ({ name, value: literal, line, column }));
    case 'dockerfile':
      return dockerfileAssignments(text);
    case 'shell':
      return shellAssignments(text);
    case 'yaml':
      return yamlAssignments(text);
    case 'toml':
    case 'ini':
      return iniAssignments(text);
    case 'json':
      return jsonAssignments(text, lineAt);
    case 'key':
    case 'data':
    case 'script':
      return [];
  }
}
