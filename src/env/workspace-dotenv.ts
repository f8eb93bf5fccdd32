import { normalizePath } from '../workspace/index.js';
import type { ReadResult, Workspace } from '../workspace/types.js';
import { parseEnvFile } from './dotenv.js';
import type { DotenvEntry, EnvFileDialect } from './dotenv.js';

export type DotenvRead = { ok: true; entries: readonly DotenvEntry[]; error?: string } | Extract<ReadResult, { ok: false }>;

const cache = new WeakMap<Workspace, Map<string, DotenvRead>>();

/**
 * A workspace env file read with `dialect`'s rules, parsed once per workspace and dialect however
 * many readers ask (the environment, compose env_file, the settings evaluator's loaders, the secret
 * scanner), or why it cannot be read. Readers turn the shared entries into variables with their
 * own labels (`dotenvVars`). `error`: the dialect's reader rejects the file.
 */
export function readDotenv(workspace: Workspace, path: string, dialect: EnvFileDialect): DotenvRead {
  let byPath = cache.get(workspace);
  if (!byPath) {
    byPath = new Map();
    cache.set(workspace, byPath);
  }
  const file = normalizePath(path);
  const key = `${dialect}\0${file}`;
  let parsed = byPath.get(key);
  if (!parsed) {
    const read = workspace.readText(file);
    if (read.ok) {
      const { entries, error } = parseEnvFile(read.text, dialect);
      parsed = error === undefined ? { ok: true, entries } : { ok: true, entries, error };
    } else parsed = read;
    byPath.set(key, parsed);
  }
  return parsed;
}
