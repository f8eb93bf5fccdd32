/** The env files the program loads itself: `dotenv.config()`, `dotenv.config({ path })`, `import 'dotenv/config'`. */
import { posix } from 'node:path';
import type { FileLocation } from '../core/location.js';
import type { Ctx } from './context.js';
import type { JsValue } from './types.js';
import { prop } from './values.js';

/** A path as the program would open it: rooted ones (from `__dirname`) are workspace-relative, others relative to the working directory. */
export function workspacePath(ctx: Ctx, path: string): string | undefined {
  const joined = path.startsWith('/') ? posix.normalize(path).slice(1) : posix.normalize(posix.join(ctx.it.cwd || '.', path));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined;
}

/** `dotenv.config(options)`: the files it loads (`.env` in the working directory without a path). */
export function loadDotenvConfig(ctx: Ctx, args: JsValue[], location: FileLocation): void {
  const path = prop(args[0], 'path');
  const paths = path === undefined || path.kind === 'undefined' ? ['.env'] : path.kind === 'string' ? [path.value] : path.kind === 'array' ? path.items.flatMap((item) => (item.kind === 'string' ? [item.value] : [])) : [];
  for (const written of paths) {
    const file = workspacePath(ctx, written);
    if (file !== undefined) ctx.it.dotenv.push({ path: file, location });
  }
}
