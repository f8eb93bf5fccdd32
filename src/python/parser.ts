import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';
import type { FileLocation } from '../core/location.js';
import { readFileRecorded, recordDependency } from '../run-cache/record.js';

export type { Node as SyntaxNode, Tree } from 'web-tree-sitter';

let parser: Parser | undefined;
let loading: Promise<Parser> | undefined;

async function load(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  // Beside the runtime in node_modules, not beside this module (in the one-file bundle, that is dist/).
  const runtimeDir = dirname(require.resolve('web-tree-sitter'));
  await Parser.init({
    locateFile: (name: string) => {
      // The runtime reads this file itself: recorded as a file of the installation the run depended on.
      recordDependency(join(runtimeDir, name));
      return join(runtimeDir, name);
    },
  });
  // Bytes, not a path: given a path, the runtime reads it through import('fs/promises').
  const language = await Language.load(readFileRecorded(require.resolve('tree-sitter-python/tree-sitter-python.wasm')));
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
