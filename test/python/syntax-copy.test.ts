/**
 * parseModule's copy of the tree is the tree web-tree-sitter's own Node API reads, node for node: the
 * copy reads less per node (a type's namedness once, missingness only of empty nodes, positions when
 * asked for), which must not change what any node says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initPythonParser, parsePython } from '../../src/python/parser.js';
import type { SyntaxNode } from '../../src/python/parser.js';
import { parseModule, type PyNode } from '../../src/python/syntax.js';

beforeAll(() => initPythonParser());

const SOURCES: Record<string, string> = {
  settings: [
    'import os',
    'from pathlib import Path',
    'BASE_DIR = Path(__file__).resolve().parent.parent',
    "SECRET_KEY = os.environ.get('SECRET_KEY', 'dev-only')",
    "DEBUG = os.environ.get('DEBUG') == '1' and not False",
    "ALLOWED_HOSTS = [h.strip() for h in os.environ.get('HOSTS', '').split(',') if h]",
    'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}',
    'try:\n    from .local import *\nexcept ImportError:\n    pass',
    'def flag(name, default=False, *args, **kwargs):\n    return lambda: os.environ.get(name, default)',
    'class Config:\n    x: int = 1\n    @property\n    def y(self): return f"{self.x!r:>4}"',
    'value = a if b else c; del value',
    '',
  ].join('\n'),
  // ERROR nodes, and a MISSING ")".
  broken: 'x = (1,\nif True\n    y = 2\nz = [1, 2\ndef f(:\n  return )\n',
  missing: 'def f(:\n  pass\n',
  // Keywords that are also identifiers (aliased and anonymous nodes), strings with escapes and bytes.
  keywords: 'match = 1\nmatch x:\n    case [1, *rest]: pass\n    case {"k": v}: pass\nprint = exec\ntype X = int\ns = b"\\x00" rb"\\d" """doc"""\n',
  empty: '',
};

interface Flat {
  type: string;
  isNamed: boolean;
  isMissing: boolean;
  startIndex: number;
  endIndex: number;
  field: string | undefined;
  children: number;
}

function flattenCopy(root: PyNode): Flat[] {
  const out: Flat[] = [];
  const pending: [PyNode, string | undefined][] = [[root, undefined]];
  while (pending.length) {
    const [node, field] = pending.pop()!;
    out.push({ type: node.type, isNamed: node.isNamed, isMissing: node.isMissing, startIndex: node.startIndex, endIndex: node.endIndex, field, children: node.children.length });
    for (let i = node.children.length - 1; i >= 0; i--) pending.push([node.children[i]!, node.fields[i]]);
  }
  return out;
}

function flattenReference(root: SyntaxNode): Flat[] {
  const out: Flat[] = [];
  const pending: [SyntaxNode, string | undefined][] = [[root, undefined]];
  while (pending.length) {
    const [node, field] = pending.pop()!;
    out.push({ type: node.type, isNamed: node.isNamed, isMissing: node.isMissing, startIndex: node.startIndex, endIndex: node.endIndex, field, children: node.childCount });
    for (let i = node.childCount - 1; i >= 0; i--) pending.push([node.child(i)!, node.fieldNameForChild(i) ?? undefined]);
  }
  return out;
}

describe('parseModule', () => {
  for (const [name, source] of Object.entries(SOURCES)) {
    it(`copies every node as web-tree-sitter reads it: ${name}`, () => {
      const tree = parsePython(source);
      try {
        const copy = flattenCopy(parseModule(source));
        expect(copy).toEqual(flattenReference(tree.rootNode));
        expect(copy.length).toBeGreaterThan(0);
      } finally {
        tree.delete();
      }
    });
  }

  it('marks missing and error nodes, and their ancestors as having errors', () => {
    const missing = parseModule(SOURCES.missing!);
    expect(flattenCopy(missing).filter((node) => node.isMissing)).toMatchObject([{ type: ')', startIndex: 6, endIndex: 6 }]);
    expect(missing.hasError).toBe(true);
    const broken = parseModule(SOURCES.broken!);
    expect(flattenCopy(broken).some((node) => node.type === 'ERROR')).toBe(true);
    expect(broken.hasError).toBe(true);
    expect(parseModule(SOURCES.settings!).hasError).toBe(false);
  });

  it('locates nodes by row and column of the source text (columns count UTF-16 code units)', () => {
    const source = "A = 'é'\nB = '😀'  # x\n    \nC = 3\n";
    const root = parseModule(source);
    const c = root.namedChildren.find((node) => node.text === 'C = 3')!;
    expect(c.startPosition).toEqual({ row: 3, column: 0 });
    expect(c.endPosition).toEqual({ row: 3, column: 5 });
    const comment = root.descendantsOfType('comment')[0]!;
    expect(comment.startPosition).toEqual({ row: 1, column: source.split('\n')[1]!.indexOf('#') });
    expect(root.endPosition).toEqual({ row: 4, column: 0 });
  });
});
