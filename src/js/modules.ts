/**
 * Resolving an import specifier to a workspace file (relative paths, `index.*`, TS sources imported as `./x.js`,
 * tsconfig `paths`/`baseUrl`), or to an external package. Build output, dependencies and bundles are never
 * project modules.
 */
import { posix } from 'node:path';
import { extensionOf, resolveFrom } from '../workspace/paths.js';
import { isVendoredIn } from '../workspace/vendored.js';
import type { Workspace } from '../workspace/types.js';
import { SOURCE_EXTENSIONS } from './parser.js';
import { tsconfigAliases } from './tsconfig.js';

export type Resolution =
  | { kind: 'project'; file: string }
  | { kind: 'external'; specifier: string }
  | { kind: 'excluded'; file: string; reason: string }
  | { kind: 'unresolved'; reason: string };

/** Folders of build output and dependencies: not configuration, whatever imports them. */
const NOT_SOURCE_DIRS = new Set(['node_modules', '.next', '.nuxt', '.output', '.vercel', '.svelte-kit', 'dist', 'build', 'out', 'coverage', 'bower_components']);
const BUNDLE_NAME = /\.(?:min|bundle|chunk)\.[cm]?js$/;

/** Why a workspace file is not read as a project module, or undefined when it may be. */
function notSourceReason(workspace: Workspace, file: string): string | undefined {
  const segments = file.split('/');
  const dir = segments.slice(0, -1).find((segment) => NOT_SOURCE_DIRS.has(segment));
  if (dir) return `${file} is in ${dir}/ (dependencies or build output), not configuration`;
  if (BUNDLE_NAME.test(file)) return `${file} is a bundle, not configuration`;
  if (isVendoredIn(workspace)(file)) return `${file} is vendored code, not configuration`;
  return undefined;
}

const RUNTIME_EXTENSIONS: Record<string, string[]> = { js: ['ts', 'tsx'], jsx: ['tsx'], mjs: ['mts'], cjs: ['cts'] };

/** The files a path may name, in Node's and TypeScript's order. */
function candidates(base: string): string[] {
  const out: string[] = [];
  const ext = extensionOf(base.slice(base.lastIndexOf('/') + 1));
  if (ext && (SOURCE_EXTENSIONS.includes(ext) || ext === 'json')) out.push(base);
  for (const replacement of RUNTIME_EXTENSIONS[ext] ?? []) out.push(`${base.slice(0, -ext.length)}${replacement}`);
  for (const candidate of SOURCE_EXTENSIONS) out.push(`${base}.${candidate}`);
  out.push(`${base}.json`);
  const dir = base === '' ? '' : `${base}/`;
  for (const candidate of SOURCE_EXTENSIONS) out.push(`${dir}index.${candidate}`);
  return out;
}

function findFile(workspace: Workspace, files: ReadonlySet<string>, base: string): Resolution | undefined {
  for (const candidate of candidates(base)) {
    if (!files.has(candidate)) continue;
    const reason = notSourceReason(workspace, candidate);
    return reason ? { kind: 'excluded', file: candidate, reason } : { kind: 'project', file: candidate };
  }
  return undefined;
}

/** `node:http` → `http`. */
function packageSpecifier(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

export function resolveSpecifier(workspace: Workspace, files: ReadonlySet<string>, from: string, specifier: string): Resolution {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    // A rooted path is one built from __dirname (workspace-relative after its '/').
    const base = (specifier.startsWith('/') ? resolveFrom('', specifier.slice(1)) : resolveFrom(from, specifier))?.replace(/\/+$/, '');
    if (base === undefined) return { kind: 'unresolved', reason: `${specifier} leaves the workspace` };
    return findFile(workspace, files, base) ?? { kind: 'unresolved', reason: `no project file for ${specifier} (from ${from})` };
  }
  for (const target of tsconfigAliases(workspace, files, from, specifier)) {
    const found = findFile(workspace, files, posix.normalize(target));
    if (found) return found;
  }
  return { kind: 'external', specifier: packageSpecifier(specifier) };
}
