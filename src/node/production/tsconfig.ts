/**
 * The compiler options that map build output back to TypeScript source: tsconfig's `outDir` and
 * `rootDir` (tsconfig.build.json first, as `nest build` uses it; `extends` followed a few levels).
 */
import { parseJsonc } from '../../core/jsonc.js';
import { joinPath, resolveFrom } from '../../workspace/paths.js';
import type { Workspace } from '../../workspace/types.js';

export interface OutputMapping {
  /** Project-relative folder the compiler writes to (`dist`). */
  outDir: string;
  /** Project-relative folder of the sources it compiles (`src`); undefined when tsconfig does not say. */
  rootDir?: string;
  /** The tsconfig file that said so. */
  file: string;
}

const MAX_EXTENDS = 4;

/** `./dist/` → `dist`; '' for the project folder itself. */
function normalize(path: string): string {
  return path.replace(/^\.\/?/, '').replace(/\/+$/, '');
}

function compilerOptions(workspace: Workspace, file: string): { outDir?: string; rootDir?: string } {
  let outDir: string | undefined;
  let rootDir: string | undefined;
  let current: string | undefined = file;
  for (let depth = 0; current && depth < MAX_EXTENDS; depth++) {
    const read = workspace.readText(current);
    const data = read.ok ? parseJsonc(read.text) : undefined;
    if (typeof data !== 'object' || data === null) break;
    const record = data as { compilerOptions?: { outDir?: unknown; rootDir?: unknown }; extends?: unknown };
    // Paths in an extended config are relative to that config: only the project's own folder is supported.
    if (outDir === undefined && typeof record.compilerOptions?.outDir === 'string') outDir = record.compilerOptions.outDir;
    if (rootDir === undefined && typeof record.compilerOptions?.rootDir === 'string') rootDir = record.compilerOptions.rootDir;
    current = typeof record.extends === 'string' && record.extends.startsWith('.') ? resolveFrom(current, record.extends.endsWith('.json') ? record.extends : `${record.extends}.json`) : undefined;
  }
  return { ...(outDir !== undefined ? { outDir } : {}), ...(rootDir !== undefined ? { rootDir } : {}) };
}

/** The output mapping of the project's TypeScript build, when a tsconfig names an outDir. */
export function outputMapping(workspace: Workspace, root: string): OutputMapping | undefined {
  for (const name of ['tsconfig.build.json', 'tsconfig.json']) {
    const file = joinPath(root, name);
    if (!workspace.exists(file)) continue;
    const { outDir, rootDir } = compilerOptions(workspace, file);
    if (outDir === undefined) continue;
    return { outDir: normalize(outDir), ...(rootDir !== undefined ? { rootDir: normalize(rootDir) } : {}), file };
  }
  return undefined;
}
