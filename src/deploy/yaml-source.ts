import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { FileLocation } from '../engine/types.js';
import type { DeployProblem } from './types.js';

/** A YAML (or JSON) document whose nodes can be turned into file locations. */
export class YamlSource {
  readonly document: Document.Parsed;
  private readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.document = parseDocument(text, { lineCounter: this.lines, uniqueKeys: false, prettyErrors: false });
  }

  /** Parse errors as deploy problems. */
  problems(): DeployProblem[] {
    return this.document.errors.map((error) => ({
      message: `${this.file}: ${error.message.split('\n')[0]}`,
      location: this.offset(error.pos[0]),
    }));
  }

  offset(offset: number): FileLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  /** Where a node starts (line 1 when the node has no range). */
  at(node: unknown): FileLocation {
    return this.offset(isNode(node) ? (node.range?.[0] ?? 0) : 0);
  }

  root(): YAMLMap | undefined {
    return isMap(this.document.contents) ? this.document.contents : undefined;
  }
}

/** The pair of a map whose key is the scalar `key`. */
export function pairOf(map: unknown, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key);
}

/** The value node of `key` in a map node. */
export function valueOf(map: unknown, key: string): unknown {
  return pairOf(map, key)?.value ?? undefined;
}

/** A scalar's value as a string (numbers and booleans stringified); undefined for null or non-scalars. */
export function scalarString(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

export function seqItems(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

export function mapPairs(node: unknown): Pair[] {
  return isMap(node) ? node.items : [];
}

export { isMap, isScalar, isSeq };
