import { normalizePath } from '../workspace/index.js';
import type { ReadResult, Workspace } from '../workspace/types.js';
import { parseDotenvEntries } from './dotenv.js';
import type { DotenvEntry } from './dotenv.js';

export type DotenvRead = { ok: true; entries: readonly DotenvEntry[] } | Extract<ReadResult, { ok: false }>;

const cache = new WeakMap<Workspace, Map<string, DotenvRead>>();

/**
 * A workspace dotenv file, parsed once per workspace however many readers ask (the environment,
 * compose env_file, the settings evaluator's loaders, the secret scanner), or why it cannot be read.
 * Readers turn the shared entries into variables with their own labels (`dotenvVars`).
 */
export function readDotenv(workspace: Workspace, path: string): DotenvRead {
  let byPath = cache.get(workspace);
  if (!byPath) {
    byPath = new Map();
    cache.set(workspace, byPath);
  }
  const key = normalizePath(path);
  let parsed = byPath.get(key);
  if (!parsed) {
    const read = workspace.readText(key);
    parsed = read.ok ? { ok: true, entries: parseDotenvEntries(read.text) } : read;
    byPath.set(key, parsed);
  }
  return parsed;
}
