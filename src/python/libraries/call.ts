import type { FileLocation } from '../../core/location.js';
import type { PyNode as SyntaxNode } from '../syntax.js';
import type { EnvRead, PyValue } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import type { EnvHit } from '../env-state.js';
import type { CastResult } from '../env-casts.js';
import { dirnamePath, reprOf, unknown, withMeta } from '../value-ops.js';

/** What every library handler gets: one call of an external callee, by canonical dotted name. */
export interface LibraryCall {
  interp: Interpreter;
  dotted: string;
  args: Args;
  node: SyntaxNode;
  where: FileLocation;
  meta: { loc: FileLocation; env: EnvRead[] | undefined };
  a0: PyValue | undefined;
}

/** A library's calls: the value of a call it models, undefined for a name it does not know. */
export type LibraryHandler = (call: LibraryCall) => PyValue | undefined;

export interface Arg {
  value: PyValue;
  text: string;
}

/** A call's argument by position or keyword, with how it reads in the source. */
export function arg(interp: Interpreter, args: Args, index: number, keyword: string): Arg | undefined {
  if (index >= 0 && index < args.positional.length) {
    const node = args.positionalNodes[index];
    const value = args.positional[index]!;
    return { value, text: sourceText(interp, node, value) };
  }
  const value = args.keywords.get(keyword);
  if (!value) return undefined;
  return { value, text: sourceText(interp, args.keywordNodes.get(keyword), value) };
}

/** How an argument reads in messages: its source, except a parameter name inside a called function (its value then). */
function sourceText(interp: Interpreter, node: SyntaxNode | undefined, value: PyValue): string {
  if (node?.type === 'identifier' && interp.frames.length) return reprOf(value) ?? node.text;
  return node?.text ?? reprOf(value) ?? '…';
}

export function textOf(value: PyValue | undefined): string | undefined {
  return value && (value.kind === 'str' || value.kind === 'path') ? value.value : undefined;
}

export const notSetReason = (name: string, hit: EnvHit) => `${name} is set by ${hit.sourceLabel ?? 'the platform'}, value not known here`;

export function reasonOf(value: PyValue, fallback: string): string {
  return value.kind === 'unknown' ? value.reason : fallback;
}

/** A cast result as a value: an exception becomes a failure at `meta.loc`. */
export function cast(interp: Interpreter, result: CastResult, input: PyValue | undefined, meta: { loc: FileLocation; env?: EnvRead[] | undefined }): PyValue {
  if (input?.kind === 'unknown') return unknown(input.reason, meta);
  if (!result.ok) return interp.fail(result.error.split(':')[0] ?? 'ValueError', result.error, meta.loc, meta.env);
  return withMeta(result.value, meta);
}

export function urlConfig(
  interp: Interpreter,
  parse: (url: string, override?: string) => CastResult,
  url: PyValue | undefined,
  override: string | undefined,
  meta: { loc: FileLocation; env?: EnvRead[] | undefined },
): PyValue {
  if (!url || url.kind !== 'str') return unknown(url ? reasonOf(url, 'a URL that is not a string') : 'no URL', meta);
  return cast(interp, parse(url.value, override), url, meta);
}

/** The first of `names` found walking up from the current file's directory to the workspace root. */
export function findUpward(interp: Interpreter, names: string[]): string | undefined {
  let dir = dirnamePath(interp.file);
  for (;;) {
    for (const name of names) {
      const candidate = dir ? `${dir}/${name}` : name;
      if (interp.exists(candidate)) return candidate;
    }
    if (!dir) return undefined;
    dir = dirnamePath(dir);
  }
}
