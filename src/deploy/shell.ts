/**
 * Just enough of the POSIX shell to read deploy commands: split a line into simple commands, split
 * a simple command into words, peel off `VAR=value` prefixes and wrappers (`exec`, `nohup`, …).
 */
import type { Scope, Word } from './dockerfile-words.js';
import { splitWords } from './dockerfile-words.js';

export interface Segment {
  text: string;
  /** Offset of the segment in the line. */
  offset: number;
}

/** Split a command line on unquoted `&&`, `||`, `;`, `|` and a background `&` (not `2>&1`). */
export function splitCommands(line: string): Segment[] {
  const segments: Segment[] = [];
  let quote: string | undefined;
  let start = 0;
  const push = (end: number, next: number): void => {
    const text = line.slice(start, end);
    const lead = text.length - text.trimStart().length;
    if (text.trim() !== '') segments.push({ text: text.trim(), offset: start + lead });
    start = next;
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '\\') {
      i++;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      push(i, line.length);
      return segments;
    } else if ((char === '&' || char === '|') && line[i + 1] === char) {
      push(i, i + 2);
      i++;
    } else if (char === ';' || char === '|' || (char === '&' && line[i - 1] !== '>' && line[i - 1] !== '<' && line[i + 1] !== '>')) {
      push(i, i + 1);
    }
  }
  push(line.length, line.length);
  return segments;
}

export interface Assignment {
  name: string;
  value: string | undefined;
  offset: number;
}

export interface SimpleCommand {
  /** `NAME=value` words before the command. */
  assignments: Assignment[];
  /** The command's words, wrappers removed. */
  words: Word[];
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
/** Words that run the rest of the line as the command itself. */
const WRAPPERS = new Set(['exec', 'nohup', 'time', 'if', 'elif', 'while', 'until', 'then', 'do', 'else', '!', 'command', 'ddtrace-run', 'opentelemetry-instrument', 'dumb-init', 'tini']);
/** Wrappers followed by a fixed number of their own arguments before the command. */
const RUNNERS: [RegExp, number][] = [
  [/^(?:poetry|pipenv|uv|pdm|hatch|rye)$/, 1], // `poetry run cmd`
  [/^newrelic-admin$/, 1], // `newrelic-admin run-program cmd`
  [/^(?:gosu|su-exec)$/, 1], // `gosu user cmd`
];

/** Programs that run the body of their `-c` option as a shell command line. */
const INLINE_SHELLS = /^(?:(?:ba|da|z|k)?sh|su)$/;

/** The body of `sh -c "…"`, `bash -lc '…'`, `su app -c "…"`. */
export function inlineBody(words: Word[]): string | undefined {
  if (!INLINE_SHELLS.test(commandName(words[0]) ?? '')) return undefined;
  const dashC = words.findIndex((word) => /^-\w*c$/.test(word.raw));
  return dashC > 0 ? words[dashC + 1]?.value : undefined;
}

/** The basename of a word's value (`/usr/local/bin/gunicorn` → `gunicorn`). */
export function commandName(word: Word | undefined): string | undefined {
  const value = word?.value ?? word?.raw;
  return value === undefined ? undefined : value.slice(value.lastIndexOf('/') + 1);
}

/** Split a simple command: leading assignments, then the words with wrappers (`exec`, `nohup`, `poetry run`, `env A=1`, `tini --`) removed. */
export function simpleCommand(text: string, scope: Scope = new Map()): SimpleCommand {
  // Command substitution (`$(…)`, backticks) is not run here: such a word's value is unknown.
  let words = splitWords(text, scope).map((word) => (/\$\(|`/.test(word.raw) ? { ...word, value: undefined } : word));
  const assignments: Assignment[] = [];
  for (let guard = 0; guard < 32 && words.length > 0; guard++) {
    const first = words[0]!;
    const assignment = ASSIGNMENT.exec(first.raw);
    if (assignment) {
      const name = assignment[1]!;
      assignments.push({ name, value: first.value?.slice(name.length + 1), offset: first.offset });
      words = words.slice(1);
      continue;
    }
    const name = commandName(first);
    if (name === undefined) break;
    if (WRAPPERS.has(name)) {
      words = words.slice(1);
      continue;
    }
    if (name === 'env' || name === '--') {
      words = words.slice(1).filter((word, index, all) => index > 0 || !/^-/.test(word.raw) || all.length === 1);
      continue;
    }
    const runner = RUNNERS.find(([pattern]) => pattern.test(name));
    if (runner && words.length > runner[1] + 1) {
      words = words.slice(runner[1] + 1);
      continue;
    }
    break;
  }
  return { assignments, words };
}

/** `python`, `python3`, `python3.12`, `/usr/bin/python3`. */
function isPython(word: Word | undefined): boolean {
  return /^python(?:\d+(?:\.\d+)?)?$/.test(commandName(word) ?? '');
}

/** The words after `python [-u …] -m <module>` as `[module, …args]`, or after `python [-u …] file` as `[file, …args]`; undefined when not a python command. */
export function pythonArguments(words: Word[]): Word[] | undefined {
  if (!isPython(words[0])) return undefined;
  let index = 1;
  while (index < words.length && /^-[A-Za-z]+$/.test(words[index]!.raw) && words[index]!.raw !== '-m' && words[index]!.raw !== '-c') index++;
  if (words[index]?.raw === '-m') return words.slice(index + 1);
  if (words[index]?.raw === '-c') return undefined;
  return words.slice(index);
}
