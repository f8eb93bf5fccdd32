import { lineIndex } from '../workspace/line-index.js';
import { parsePython } from './parser.js';

/** 0-based row and column of a character offset. */
export interface Point {
  row: number;
  column: number;
}

/**
 * The tree-sitter tree copied once into plain objects. Reading nodes through web-tree-sitter
 * marshals every node across the WASM boundary on each access; the evaluator visits nodes many
 * times, so one cursor walk per file is much cheaper, and the copy can be cached across evaluations.
 */
export class PyNode {
  readonly children: PyNode[] = [];
  readonly fields: (string | undefined)[] = [];
  hasError = false;
  private named?: PyNode[];

  constructor(
    private readonly source: string,
    readonly type: string,
    readonly isNamed: boolean,
    readonly isMissing: boolean,
    readonly startIndex: number,
    readonly endIndex: number,
    /** The position of an offset in `source` (shared by the file's nodes). */
    private readonly locate: (index: number) => Point,
  ) {}

  // Positions are computed when asked for: few nodes are ever located (findings, syntax errors).
  get startPosition(): Point {
    return this.locate(this.startIndex);
  }

  get endPosition(): Point {
    return this.locate(this.endIndex);
  }

  get isError(): boolean {
    return this.type === 'ERROR';
  }

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): PyNode[] {
    this.named ??= this.children.filter((c) => c.isNamed);
    return this.named;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  childForFieldName(name: string): PyNode | null {
    const index = this.fields.indexOf(name);
    return index < 0 ? null : this.children[index]!;
  }

  childrenForFieldName(name: string): PyNode[] {
    return this.children.filter((_, i) => this.fields[i] === name);
  }

  /** Every descendant of a type, in source order (iterative: deeply nested code must not overflow the stack). */
  descendantsOfType(type: string): PyNode[] {
    const out: PyNode[] = [];
    const pending: PyNode[] = [...this.children].reverse();
    while (pending.length) {
      const node = pending.pop()!;
      if (node.type === type) out.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]!);
    }
    return out;
  }
}

const cache = new Map<string, PyNode>();
const CACHE_LIMIT = 256;

/** Parse Python source into a PyNode tree (cached by source text). Call `initPythonParser()` first. */
export function parseModule(source: string): PyNode {
  const cached = cache.get(source);
  if (cached) return cached;
  const tree = parsePython(source);
  const cursor = tree.walk();
  let root: PyNode;
  try {
    root = copyTree(cursor, tree.language.types, source);
  } finally {
    cursor.delete();
    tree.delete();
  }
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(source, root);
  return root;
}

/**
 * Copies the tree under the cursor, iteratively (deeply nested code must not overflow the JS stack).
 * Each cursor read is a call into the WASM module that marshals the cursor: ask only what differs per
 * node (a node's kind is named or not by its type id alone, only an empty node can be a missing one).
 */
function copyTree(cursor: ReturnType<ReturnType<typeof parsePython>['walk']>, types: string[], source: string): PyNode {
  const lines = lineIndex(source);
  const locate = (index: number): Point => {
    const { line, column } = lines(index);
    return { row: line - 1, column: column - 1 };
  };
  const namedByType = new Map<number, boolean>();
  const make = (): PyNode => {
    const typeId = cursor.nodeTypeId;
    let isNamed = namedByType.get(typeId);
    if (isNamed === undefined) namedByType.set(typeId, (isNamed = cursor.nodeIsNamed));
    const start = cursor.startIndex;
    const end = cursor.endIndex;
    return new PyNode(source, types[typeId] || 'ERROR', isNamed, start === end && cursor.nodeIsMissing, start, end, locate);
  };
  const root = make();
  const stack: PyNode[] = [root];
  for (;;) {
    if (cursor.gotoFirstChild()) {
      const child = make();
      const parent = stack[stack.length - 1]!;
      parent.children.push(child);
      parent.fields.push(cursor.currentFieldName ?? undefined);
      stack.push(child);
      continue;
    }
    for (;;) {
      const done = stack.pop()!;
      if (done.isError || done.isMissing || done.hasError) {
        const parent = stack[stack.length - 1];
        if (parent) parent.hasError = true;
        if (done.isError || done.isMissing) done.hasError = true;
      }
      if (!stack.length) return root;
      if (cursor.gotoNextSibling()) {
        const sibling = make();
        const parent = stack[stack.length - 1]!;
        parent.children.push(sibling);
        parent.fields.push(cursor.currentFieldName ?? undefined);
        stack.push(sibling);
        break;
      }
      cursor.gotoParent();
    }
  }
}
