/**
 * The server files a start command runs, as source the evaluator can read: `node server.js` →
 * server.js; `node dist/main` → src/main.ts through tsconfig's outDir/rootDir; `nest start` →
 * nest-cli.json's sourceRoot/entryFile; `next start` → none (next.config instead). Without a
 * start command: package.json `main`, then a conventional file, said as an assumption.
 */
import { joinPath } from '../../workspace/paths.js';
import type { Workspace } from '../../workspace/types.js';
import type { NodeFrameworkName, PackageJson } from '../types.js';
import { sourceFromBuildScripts } from './build-scripts.js';
import type { NodeRun } from './command.js';
import { parseJsonc } from '../../core/jsonc.js';
import { outputMapping } from './tsconfig.js';

export interface Entry {
  file: string;
  how: string;
}

export interface EntryDecision {
  entries: Entry[];
  assumptions: string[];
}

const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx'];
const RUNNABLE_SUFFIXES = ['', '.js', '.cjs', '.mjs', '.ts', '/index.js', '/index.ts'];
/** Files a Node server conventionally starts from, in the order they are tried when nothing names one. */
const CONVENTIONAL = ['server.js', 'app.js', 'index.js', 'server.ts', 'app.ts', 'index.ts', 'src/server.ts', 'src/server.js', 'src/main.ts', 'src/app.ts', 'src/app.js', 'src/index.ts', 'src/index.js', 'bin/www'];
/** How many leading folders of an absolute path (`/usr/src/app/server.js`) may be the image's WORKDIR. */
const MAX_WORKDIR_DEPTH = 4;

function stripDot(path: string): string {
  return path.replace(/^(?:\.\/)+/, '');
}

/** A project-relative path as the workspace file it names, trying node's implicit extensions and index files. */
function existing(workspace: Workspace, root: string, path: string): string | undefined {
  for (const suffix of RUNNABLE_SUFFIXES) {
    const file = joinPath(root, `${path}${suffix}`);
    if (workspace.exists(file)) return file;
  }
  return undefined;
}

/** The TypeScript source of a compiled file (`dist/main.js` → `src/main.ts`), with how it was mapped. */
function sourceOf(workspace: Workspace, root: string, path: string, scripts: Readonly<Record<string, string>>): Entry | undefined {
  const built = sourceFromBuildScripts(scripts, path);
  if (built && workspace.exists(joinPath(root, built.source))) return { file: joinPath(root, built.source), how: `${path} is build output of ${built.how}` };
  const mapping = outputMapping(workspace, root);
  const withoutExtension = path.replace(/\.(?:js|cjs|mjs)$/, '');
  if (mapping && mapping.outDir !== '' && withoutExtension.startsWith(`${mapping.outDir}/`)) {
    const relative = withoutExtension.slice(mapping.outDir.length + 1);
    const sourceRoots = mapping.rootDir !== undefined ? [mapping.rootDir] : ['src', ''];
    for (const sourceRoot of sourceRoots) {
      for (const extension of SOURCE_EXTENSIONS) {
        const file = joinPath(root, joinPath(sourceRoot, `${relative}${extension}`));
        if (!workspace.exists(file)) continue;
        const rootText = mapping.rootDir !== undefined ? `, rootDir ${mapping.rootDir || '.'}` : '';
        return { file, how: `${path} is build output: ${mapping.file} outDir ${mapping.outDir}${rootText}` };
      }
    }
  }
  // Without an outDir: `dist/x.js` next to `src/x.ts` is the usual layout, taken as an assumption by the caller.
  const conventional = /^(?:dist|build|out|lib)\/(.+)$/.exec(withoutExtension);
  if (!mapping && conventional) {
    for (const extension of SOURCE_EXTENSIONS.slice(0, 4)) {
      const file = joinPath(root, `src/${conventional[1]}${extension}`);
      if (workspace.exists(file)) return { file, how: `${path} is build output; assumed compiled from src/ (no tsconfig outDir)` };
    }
  }
  return undefined;
}

/** The file a runner's argument names: in the project, under an image WORKDIR prefix, or the source of build output. */
export function resolveRunFile(workspace: Workspace, root: string, written: string, how: string, scripts: Readonly<Record<string, string>> = {}): Entry | undefined {
  let path = stripDot(written);
  // A command at the workspace root that names the project's file from there (`node apps/api/server.js`).
  if (root && path.startsWith(`${root}/`) && !existing(workspace, root, path)) path = path.slice(root.length + 1);
  if (path.startsWith('/')) {
    const parts = path.split('/').filter(Boolean);
    // `/app/server.js` in an image: the WORKDIR the project was copied to is not in the repository.
    for (let drop = 1; drop <= Math.min(MAX_WORKDIR_DEPTH, parts.length - 1); drop++) {
      const candidate = parts.slice(drop).join('/');
      if (existing(workspace, root, candidate) || sourceOf(workspace, root, candidate, scripts)) {
        path = candidate;
        break;
      }
    }
  }
  const file = existing(workspace, root, path);
  if (file && !/\.(?:js|cjs|mjs)$/.test(file)) return { file, how };
  // A committed build output file is still run from its TypeScript source when there is one.
  const source = sourceOf(workspace, root, path, scripts);
  if (source) return { file: source.file, how: `${how}; ${source.how}` };
  return file ? { file, how } : undefined;
}

/** nest-cli.json's sourceRoot and entryFile (src/main by default). */
function nestEntry(workspace: Workspace, root: string, how: string): Entry | undefined {
  const config = joinPath(root, 'nest-cli.json');
  const read = workspace.exists(config) ? workspace.readText(config) : undefined;
  const data = read?.ok ? (parseJsonc(read.text) as { sourceRoot?: unknown; entryFile?: unknown } | undefined) : undefined;
  const sourceRoot = typeof data?.sourceRoot === 'string' ? stripDot(data.sourceRoot).replace(/\/+$/, '') : 'src';
  const entryFile = typeof data?.entryFile === 'string' ? data.entryFile : 'main';
  const source = read?.ok ? `${config} sourceRoot/entryFile` : 'the Nest CLI default src/main';
  for (const extension of ['.ts', '.js']) {
    const file = joinPath(root, joinPath(sourceRoot, `${entryFile}${extension}`));
    if (workspace.exists(file)) return { file, how: `${how}: ${source}` };
  }
  return undefined;
}

/** The server entries a run names; `pm2` targets are resolved by the caller (they need the evaluator). */
export function entriesOfRun(workspace: Workspace, root: string, run: NodeRun, how: string, scripts: Readonly<Record<string, string>> = {}): Entry[] {
  switch (run.kind) {
    case 'file': {
      const entry = resolveRunFile(workspace, root, run.file, `${how} runs ${run.file}`, scripts);
      return entry ? [entry] : [];
    }
    case 'nest': {
      const entry = nestEntry(workspace, root, `${how} runs nest start`);
      return entry ? [entry] : [];
    }
    case 'pm2':
    case 'next':
    case 'script':
      return [];
  }
}

/**
 * Entries when the start command names none: package.json `main`, then the first conventional
 * server file. Both are assumptions, said aloud. A Next.js-only project has no server entry.
 */
export function fallbackEntries(workspace: Workspace, root: string, packageJson: PackageJson, frameworks: readonly NodeFrameworkName[], reason: string): EntryDecision {
  const serverFrameworks = frameworks.filter((framework) => framework !== 'next');
  if (serverFrameworks.length === 0) return { entries: [], assumptions: [] };
  if (packageJson.main) {
    const entry = resolveRunFile(workspace, root, packageJson.main, 'package.json main', packageJson.scripts);
    if (entry) return { entries: [entry], assumptions: [`${reason}: the server is assumed to start from package.json main (${entry.file})`] };
  }
  if (frameworks.includes('nestjs')) {
    const entry = nestEntry(workspace, root, 'NestJS');
    if (entry) return { entries: [entry], assumptions: [`${reason}: the server is assumed to start from the NestJS entry ${entry.file}`] };
  }
  for (const name of CONVENTIONAL) {
    const file = joinPath(root, name);
    if (!workspace.exists(file)) continue;
    return { entries: [{ file, how: 'conventional server file' }], assumptions: [`${reason}: the server is assumed to start from ${file}, a conventional entry file`] };
  }
  return { entries: [], assumptions: [] };
}
