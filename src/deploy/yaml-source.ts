import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, visit } from 'yaml';
import type { Document, Pair, YAMLMap } from 'yaml';
import type { FileLocation } from '../core/location.js';
import type { DeployProblem } from './types.js';

export { isMap, isScalar, isSeq };

/**
 * How deeply `[` and `{` may nest. The yaml library parses and visits recursively and overflows the
 * stack near a thousand levels; a deploy file nests a handful.
 */
export const MAX_FLOW_DEPTH = 200;

/** Whether flow collections nest deeper than `limit` (quoted text and comments skipped), in one pass. */
export function flowNestsDeeper(text: string, limit: number): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > limit) return true;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return false;
}

/** A YAML document whose nodes can be turned into file locations. */
export class YamlSource {
  readonly document: Document.Parsed;
  private readonly lines: LineCounter = new LineCounter();
  private readonly tooDeep: boolean;

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.tooDeep = flowNestsDeeper(text, MAX_FLOW_DEPTH);
    // Too deep to parse safely: an empty document, and a problem that says why.
    this.document = parseDocument(this.tooDeep ? '' : text, { lineCounter: this.lines, uniqueKeys: false, prettyErrors: false });
    expandMergeKeys(this.document);
  }

  /** Parse errors as deploy problems. */
  problems(): DeployProblem[] {
    if (this.tooDeep) return [{ message: `${this.file}: lists or maps nested more than ${MAX_FLOW_DEPTH} levels deep; not read`, location: { file: this.file, line: 1, column: 1 } }];
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

/**
 * Replace each `<<: *anchor` (or `<<: [*a, *b]`) merge key by the anchored map's pairs that the map
 * does not set itself, as compose does (`<<: *worker`). The pairs keep their nodes, so locations
 * point at where the values are written.
 */
function expandMergeKeys(document: Document.Parsed): void {
  visit(document, {
    Map(_key, map) {
      const merges = map.items.filter((pair) => isScalar(pair.key) && pair.key.value === '<<');
      if (merges.length === 0) return;
      map.items = map.items.filter((pair) => !merges.includes(pair));
      const has = (key: unknown): boolean => map.items.some((pair) => isScalar(pair.key) && isScalar(key) && pair.key.value === key.value);
      for (const merge of merges) {
        const sources = isSeq(merge.value) ? merge.value.items : [merge.value];
        for (const source of sources) {
          const resolved = isAlias(source) ? source.resolve(document) : source;
          if (!isMap(resolved)) continue;
          for (const pair of resolved.items) if (!has(pair.key)) map.items.push(pair);
        }
      }
    },
  });
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

