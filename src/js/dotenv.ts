/**
 * The env files the program loads itself: `dotenv.config()`, `dotenv.config({ path })`, `import 'dotenv/config'`,
 * Node's `process.loadEnvFile(path)`, NestJS `ConfigModule.forRoot({ envFilePath })`. Like dotenv, these never
 * override variables already set.
 */
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

/** The paths an option names: `.env` when absent, a string, the strings of an array. */
function pathsOf(option: JsValue | undefined): string[] {
  if (option === undefined || option.kind === 'undefined') return ['.env'];
  if (option.kind === 'string') return [option.value];
  if (option.kind === 'array') return option.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
  return [];
}

/** `dotenv.config(options)`: the files it loads (`.env` in the working directory without a path). */
export function loadDotenvConfig(ctx: Ctx, args: JsValue[], location: FileLocation): void {
  record(ctx, pathsOf(prop(args[0], 'path')), location);
}

/** Node's `process.loadEnvFile(path)` (Node 20.12+): `.env` in the working directory without a path. */
export function loadNodeEnvFile(ctx: Ctx, args: JsValue[], location: FileLocation): void {
  record(ctx, pathsOf(args[0]), location);
}

/** NestJS `ConfigModule.forRoot(options)`: `.env` unless `envFilePath` names others or `ignoreEnvFile` is set. */
export function loadNestConfig(ctx: Ctx, args: JsValue[], location: FileLocation): void {
  const ignore = prop(args[0], 'ignoreEnvFile');
  if (ignore?.kind === 'boolean' && ignore.value) return;
  record(ctx, pathsOf(prop(args[0], 'envFilePath')), location);
}

function record(ctx: Ctx, paths: string[], location: FileLocation): void {
  for (const written of paths) {
    const file = workspacePath(ctx, written);
    if (file !== undefined) ctx.it.dotenv.push({ path: file, location });
  }
}
