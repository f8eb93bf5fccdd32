import type { FileLocation } from '../core/location.js';
import { lineIndex } from '../workspace/line-index.js';
import type { DeployProblem } from './types.js';

/** A JSON value with the offset where it starts (for a string, its opening quote). */
export type JsonNode =
  | { kind: 'object'; at: number; members: JsonMember[] }
  | { kind: 'array'; at: number; items: JsonNode[] }
  | { kind: 'scalar'; at: number; value: string | number | boolean | null };

export interface JsonMember {
  key: string;
  /** Offset of the key's opening quote. */
  keyAt: number;
  value: JsonNode;
}

const WHITESPACE = /[ \t\n\r]*/y;
/** A string literal: any character but `"`, `\` and controls (below U+0020), or an escape. */
const STRING = /"(?:[ !#-[\]-\uffff]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = { true: true, false: false, null: null } as const;
/** Deeper nesting is refused rather than risk the call stack; no deploy file nests like that. */
const MAX_DEPTH = 1000;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/**
 * A strict JSON parser (RFC 8259, as JSON.parse accepts) that keeps where every value and key
 * starts, so one parse both validates a JSON deploy file and locates what it says.
 */
function parseJson(text: string): JsonNode {
  let at = 0;
  const skipWhitespace = (): void => {
    WHITESPACE.lastIndex = at;
    WHITESPACE.exec(text);
    at = WHITESPACE.lastIndex;
  };
  const fail = (): never => {
    if (at >= text.length) throw new JsonSyntaxError('unexpected end of input', text.length);
    throw new JsonSyntaxError(`unexpected ${JSON.stringify(text[at])}`, at);
  };
  const expect = (char: string): void => {
    if (text[at] !== char) fail();
    at++;
  };
  const token = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return undefined;
    at = pattern.lastIndex;
    return match[0];
  };
  const string = (): string => {
    const literal = token(STRING) ?? fail();
    // Only a string with escapes needs decoding; JSON.parse of the literal alone does it exactly.
    return literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1);
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, at);
    skipWhitespace();
    const start = at;
    switch (text[at]) {
      case '{': {
        at++;
        const members: JsonMember[] = [];
        skipWhitespace();
        if (text[at] === '}') {
          at++;
          return { kind: 'object', at: start, members };
        }
        for (;;) {
          skipWhitespace();
          const keyAt = at;
          const key = string();
          skipWhitespace();
          expect(':');
          members.push({ key, keyAt, value: value(depth + 1) });
          skipWhitespace();
          if (text[at] === '}') {
            at++;
            return { kind: 'object', at: start, members };
          }
          expect(',');
        }
      }
      case '[': {
        at++;
        const items: JsonNode[] = [];
        skipWhitespace();
        if (text[at] === ']') {
          at++;
          return { kind: 'array', at: start, items };
        }
        for (;;) {
          items.push(value(depth + 1));
          skipWhitespace();
          if (text[at] === ']') {
            at++;
            return { kind: 'array', at: start, items };
          }
          expect(',');
        }
      }
      case '"':
        return { kind: 'scalar', at: start, value: string() };
      default: {
        const number = token(NUMBER);
        if (number !== undefined) return { kind: 'scalar', at: start, value: Number(number) };
        for (const [word, literal] of Object.entries(LITERALS)) {
          if (text.startsWith(word, at)) {
            at += word.length;
            return { kind: 'scalar', at: start, value: literal };
          }
        }
        return fail();
      }
    }
  };
  const root = value(0);
  skipWhitespace();
  if (at < text.length) fail();
  return root;
}

/** A JSON deploy file, parsed once: its root value (undefined when invalid), the parse error, and locations. */
export class JsonSource {
  readonly root: JsonNode | undefined;
  readonly problem: DeployProblem | undefined;
  private readonly position: (offset: number) => { line: number; column: number };

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.position = lineIndex(text);
    try {
      this.root = parseJson(text);
    } catch (error) {
      if (!(error instanceof JsonSyntaxError)) throw error;
      this.problem = { message: `${file}: invalid JSON (${error.message})`, location: this.at(error.offset) };
    }
  }

  /** The location of an offset in the file. */
  at(offset: number): FileLocation {
    return { file: this.file, ...this.position(offset) };
  }
}

/** The members of an object node (none for anything else). */
export function jsonMembers(node: JsonNode | undefined): JsonMember[] {
  return node?.kind === 'object' ? node.members : [];
}

/** The items of an array node (none for anything else). */
export function jsonItems(node: JsonNode | undefined): JsonNode[] {
  return node?.kind === 'array' ? node.items : [];
}

/** The member `key` of an object node; the last one when the key repeats, as JSON.parse keeps it. */
export function jsonMember(node: JsonNode | undefined, key: string): JsonMember | undefined {
  return jsonMembers(node).findLast((member) => member.key === key);
}

/** The value of member `key` of an object node. */
export function jsonValue(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return jsonMember(node, key)?.value;
}

/** A scalar as text (numbers and booleans stringified); undefined for null and non-scalars. */
export function jsonText(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'scalar' && node.value !== null ? String(node.value) : undefined;
}
