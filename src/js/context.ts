/** What evaluating a piece of code needs: the run, the current scope and module. */
import type * as t from '@babel/types';
import type { FileLocation } from '../core/location.js';
import { locOf } from './parser.js';
import type { Scope } from './scope.js';
import type { Interp, ModuleRecord } from './state.js';

export interface Ctx {
  it: Interp;
  scope: Scope;
  mod: ModuleRecord;
}

export function here(ctx: Ctx, node: t.Node): FileLocation {
  return locOf(node, ctx.mod.file);
}

/** The code's source text of a node (for `defaultText`), shortened. */
export function sourceText(ctx: Ctx, node: t.Node): string | undefined {
  if (node.start == null || node.end == null) return undefined;
  const source = ctx.mod.text.slice(node.start, node.end);
  return source.length > 200 ? `${source.slice(0, 200)}…` : source;
}
