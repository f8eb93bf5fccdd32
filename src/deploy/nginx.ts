/**
 * A small reader of nginx's configuration syntax: directives (`name args…;`), blocks
 * (`name args… { … }`), single and double quotes with backslash escapes, `#` comments, and
 * `${VAR}` in words (nginx variables and envsubst templates). It never throws and never
 * recurses: an unbalanced brace or an unterminated quote becomes a problem, and what was read
 * before it is kept. `include` is kept as a directive and not followed (the included path is on
 * the server, not in the repository, or is one of the files read anyway).
 */
import type { FileLocation } from '../core/location.js';
import type { DeployProblem } from './types.js';

export interface NginxDirective {
  name: string;
  /** The arguments, unquoted. */
  args: string[];
  line: number;
  column: number;
  /** The block directive this one is inside (`location /media/`), absent at the top level. */
  parent?: NginxDirective;
  /** Whether it opens a block. */
  block: boolean;
}

export interface NginxConfig {
  file: string;
  /** Every directive, in file order. */
  directives: NginxDirective[];
  problems: DeployProblem[];
}

/** Blocks nested deeper than this are not real nginx configuration: reading stops with a problem. */
const MAX_DEPTH = 32;

interface Token {
  text: string;
  /** `{`, `}` or `;` outside quotes. */
  punctuation: boolean;
  line: number;
  column: number;
}

/** Split into words and punctuation; `problem` is set for an unterminated quote. */
function tokenize(text: string): { tokens: Token[]; problem?: { message: string; line: number; column: number } } {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let index = 0;
  const advance = (): string => {
    const char = text[index++]!;
    if (char === '\n') {
      line++;
      lineStart = index;
    }
    return char;
  };
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      advance();
      continue;
    }
    if (char === '#') {
      while (index < text.length && text[index] !== '\n') index++;
      continue;
    }
    const at = { line, column: index - lineStart + 1 };
    if (char === '{' || char === '}' || char === ';') {
      advance();
      tokens.push({ text: char, punctuation: true, ...at });
      continue;
    }
    let word = '';
    while (index < text.length) {
      const next = text[index]!;
      if (/\s/.test(next) || next === ';' || next === '}' || (next === '{' && !word.endsWith('$'))) break;
      if (next === '"' || next === "'") {
        advance();
        let closed = false;
        while (index < text.length) {
          const inner = advance();
          if (inner === '\\' && index < text.length) word += advance();
          else if (inner === next) {
            closed = true;
            break;
          } else word += inner;
        }
        if (!closed) return { tokens, problem: { message: `unterminated ${next === '"' ? 'double' : 'single'} quote`, ...at } };
        continue;
      }
      if (next === '{') {
        // `${name}`: part of the word up to the closing brace.
        while (index < text.length && text[index] !== '}' && text[index] !== '\n') word += advance();
        if (index < text.length && text[index] === '}') word += advance();
        continue;
      }
      word += advance();
    }
    tokens.push({ text: word, punctuation: false, ...at });
  }
  return { tokens };
}

/**
 * A template's own tags, kept in place so lines and columns stay right: a value (`{{ domain }}`,
 * ERB `<%= port %>`) becomes a word of the same length, a control tag (`{% if %}`, `<% end %>`)
 * becomes blanks, so both branches of a condition are read.
 */
function withoutTemplateTags(text: string): string {
  const blank = (tag: string, fill: string): string => tag.replace(/[^\n]/g, fill);
  return text.replace(/\{\{[\s\S]*?\}\}|<%=[\s\S]*?%>/g, (tag) => blank(tag, '_')).replace(/\{%[\s\S]*?%\}|\{#[\s\S]*?#\}|<%[\s\S]*?%>/g, (tag) => blank(tag, ' '));
}

/** Read one nginx configuration file (Jinja and ERB template tags read as placeholders). */
export function parseNginx(file: string, text: string): NginxConfig {
  const config: NginxConfig = { file, directives: [], problems: [] };
  const problem = (message: string, line: number, column: number): void => {
    config.problems.push({ message: `${file}: nginx configuration does not parse: ${message}`, location: { file, line, column } });
  };
  const { tokens, problem: lexical } = tokenize(/\{[{%#]|<%/.test(text) ? withoutTemplateTags(text) : text);
  const stack: NginxDirective[] = [];
  let words: Token[] = [];
  for (const token of tokens) {
    if (!token.punctuation) {
      words.push(token);
      continue;
    }
    if (token.text === '}') {
      if (words.length > 0) problem(`directive "${words[0]!.text}" has no ending ";"`, words[0]!.line, words[0]!.column);
      words = [];
      if (stack.length === 0) {
        problem('unexpected "}"', token.line, token.column);
        return config;
      }
      stack.pop();
      continue;
    }
    const [name, ...args] = words;
    words = [];
    if (!name) {
      if (token.text === '{') {
        problem('a block without a directive name', token.line, token.column);
        return config;
      }
      continue;
    }
    const directive: NginxDirective = { name: name.text, args: args.map((arg) => arg.text), line: name.line, column: name.column, block: token.text === '{', ...(stack.length > 0 ? { parent: stack.at(-1)! } : {}) };
    config.directives.push(directive);
    if (directive.block) {
      if (stack.length >= MAX_DEPTH) {
        problem(`blocks nested deeper than ${MAX_DEPTH}`, name.line, name.column);
        return config;
      }
      stack.push(directive);
    }
  }
  if (lexical) problem(lexical.message, lexical.line, lexical.column);
  else if (words.length > 0) problem(`directive "${words[0]!.text}" has no ending ";"`, words[0]!.line, words[0]!.column);
  else if (stack.length > 0) problem(`"${stack.at(-1)!.name}" block opened here is never closed`, stack.at(-1)!.line, stack.at(-1)!.column);
  return config;
}

/** The nearest enclosing block of a kind (`location`, `server`). */
export function enclosing(directive: NginxDirective, name: string): NginxDirective | undefined {
  for (let parent = directive.parent; parent; parent = parent.parent) if (parent.name === name) return parent;
  return undefined;
}

/** The directives directly inside a block (or at the top level for undefined). */
export function childrenOf(config: NginxConfig, block: NginxDirective | undefined): NginxDirective[] {
  return config.directives.filter((directive) => directive.parent === block);
}

export function locationOf(config: NginxConfig, directive: NginxDirective): FileLocation {
  return { file: config.file, line: directive.line, column: directive.column };
}
