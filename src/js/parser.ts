/**
 * Parsing JS/TS modules with @babel/parser, loaded on the first parse only (a run that never reads a Node
 * project never loads it: in the built CLI the package is a lazy facade, see scripts/build.mjs). Parses
 * are cached per workspace (one run); oversized and minified files are refused as problems, and a parse
 * error is a problem, never an exception.
 */
import { parse } from '@babel/parser';
import type { ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import type { FileLocation } from '../core/location.js';
import { extensionOf } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { JsProblem } from './types.js';

/** Larger files are bundles or generated code, not configuration. */
export const MAX_SOURCE_BYTES = 1024 * 1024;
/** A line this long means minified code. */
export const MAX_LINE_CHARS = 5000;

export type ParseResult = { ok: true; ast: t.File; text: string } | { ok: false; problem: JsProblem };

const TS_EXTENSIONS = new Set(['ts', 'mts', 'cts', 'tsx']);
export const SOURCE_EXTENSIONS = ['js', 'cjs', 'mjs', 'ts', 'tsx', 'jsx', 'mts', 'cts'];

/** The plugin sets to try in order: .js may hold JSX (tried first, then plain). */
function pluginSets(file: string): ParserPlugin[][] {
  const ext = extensionOf(file);
  const common: ParserPlugin[] = ['decorators-legacy'];
  if (ext === 'tsx') return [['typescript', 'jsx', ...common]];
  if (TS_EXTENSIONS.has(ext)) return [['typescript', ...common]];
  if (ext === 'jsx') return [['jsx', ...common]];
  return [['jsx', ...common], common];
}

function at(file: string, line = 1, column = 1): FileLocation {
  return { file, line, column };
}

/** The first line longer than MAX_LINE_CHARS (1-based), if any. */
function longLine(text: string): number | undefined {
  let line = 1;
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    if (stop - start > MAX_LINE_CHARS) return line;
    if (end === -1) return undefined;
    start = end + 1;
    line++;
  }
}

/** Parse source text of a workspace file (the name picks the syntax plugins). Never throws. */
export function parseSource(file: string, text: string): ParseResult {
  if (text.length > MAX_SOURCE_BYTES) {
    return { ok: false, problem: { kind: 'too-large', message: `${file} is over 1 MB: not read as configuration`, location: at(file) } };
  }
  const long = longLine(text);
  if (long !== undefined) {
    return { ok: false, problem: { kind: 'minified', message: `${file} has a line over ${MAX_LINE_CHARS} characters (minified code): not read`, location: at(file, long) } };
  }
  if (/^\s*(?:\/\/|\/\*+|\*)\s*@flow\b/m.test(text.slice(0, 2000))) {
    return { ok: false, problem: { kind: 'syntax-error', message: `${file} is Flow-typed: not read`, location: at(file) } };
  }
  let first: unknown;
  for (const plugins of pluginSets(file)) {
    try {
      const ast = parse(text, { sourceType: 'unambiguous', plugins, errorRecovery: false, allowReturnOutsideFunction: true, sourceFilename: file });
      return { ok: true, ast, text };
    } catch (error) {
      first ??= error;
    }
  }
  return { ok: false, problem: parseProblem(file, first) };
}

function parseProblem(file: string, error: unknown): JsProblem {
  if (error instanceof RangeError) {
    return { kind: 'too-large', message: `${file} is nested too deeply to parse`, location: at(file) };
  }
  const loc = (error as { loc?: { line: number; column: number } }).loc;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'syntax-error', message: `${file} does not parse: ${message}`, location: at(file, loc?.line ?? 1, (loc?.column ?? 0) + 1) };
}

const caches = new WeakMap<Workspace, Map<string, ParseResult>>();

/** Read and parse a workspace file, once per workspace (one run). */
export function parseFile(workspace: Workspace, file: string): ParseResult {
  let cache = caches.get(workspace);
  if (!cache) caches.set(workspace, (cache = new Map()));
  let result = cache.get(file);
  if (!result) {
    const read = workspace.readText(file);
    result = read.ok
      ? parseSource(file, read.text)
      : { ok: false, problem: { kind: read.reason === 'too-large' ? 'too-large' : 'unreadable-file', message: read.message, location: at(file) } };
    cache.set(file, result);
  }
  return result;
}

/** A babel node's range as a FileLocation (babel columns are 0-based). */
export function locOf(node: t.Node, file: string): FileLocation {
  const loc = node.loc;
  if (!loc) return at(file);
  return { file, line: loc.start.line, column: loc.start.column + 1, endLine: loc.end.line, endColumn: loc.end.column + 1 };
}
