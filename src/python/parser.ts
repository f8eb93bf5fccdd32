import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';
import type { FileLocation } from '../core/location.js';
import { probeExists, readFileRecorded, recordDependency } from '../run-cache/record.js';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

/**
 * A file of an installed package, looked up in the node_modules folders Node would search: cheaper than
 * require.resolve, whose reading of the packages' "exports" loads Node's ES module resolver (~2 ms of a
 * start). undefined when no such folder holds it (then require.resolve decides).
 */
function installedFile(require: NodeJS.Require, file: string): string | undefined {
  return (require.resolve.paths(file) ?? []).map((dir) => join(dir, file)).find((path) => probeExists(path));
}

async function load(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  // Beside the runtime in node_modules, not beside this module (in the one-file bundle, that is dist/).
  const runtimeDir = dirname(installedFile(require, 'web-tree-sitter/tree-sitter.wasm') ?? require.resolve('web-tree-sitter'));
  await Parser.init({
    locateFile: (name: string) => {
      // The runtime reads this file itself: recorded as a file of the installation the run depended on.
      recordDependency(join(runtimeDir, name));
      return join(runtimeDir, name);
    },
  });
  // Bytes, not a path: given a path, the runtime reads it through import('fs/promises').
  const grammar = installedFile(require, 'tree-sitter-python/tree-sitter-python.wasm') ?? require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  const language = await Language.load(readFileRecorded(grammar));
  const instance = new Parser();
  instance.setLanguage(language);
  return instance;
}

/** Load the tree-sitter runtime and the Python grammar once (about 40 ms); parsing is synchronous after. */
export async function initPythonParser(): Promise<void> {
  loading ??= load();
  parser = await loading;
}

/** Parse Python source. Call `initPythonParser()` first. Never throws on bad code: errors become ERROR nodes. */
export function parsePython(source: string): Tree {
  if (!parser) throw new Error('initPythonParser() must be awaited before parsePython()');
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** A node's range as a workspace-relative FileLocation (tree-sitter rows and columns are 0-based). */
export function nodeLocation(
  node: { startPosition: { row: number; column: number }; endPosition: { row: number; column: number } },
  file: string,
): FileLocation {
  return {
    file,
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}
