/** tsconfig/jsconfig `paths` and `baseUrl` aliases (`@/config` → `src/config`): the nearest config file only, `extends` not followed. */
import { posix } from 'node:path';
import { dirName, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { parseJsonc } from '../core/jsonc.js';

interface Aliases {
  /** Folder bare specifiers resolve in (workspace-relative), when baseUrl is set. */
  baseUrl?: string;
  paths: { prefix: string; suffix: string; wildcard: boolean; targets: string[] }[];
}

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
const caches = new WeakMap<Workspace, Map<string, Aliases | undefined>>();

function readAliases(workspace: Workspace, file: string): Aliases | undefined {
  const read = workspace.readText(file);
  if (!read.ok) return undefined;
  const config = parseJsonc(read.text) as { compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
  const options = config?.compilerOptions;
  if (!options || typeof options !== 'object') return undefined;
  const dir = dirName(file);
  const baseUrl = typeof options.baseUrl === 'string' ? posix.normalize(joinPath(dir, options.baseUrl)).replace(/^\.$/, '') : undefined;
  const root = baseUrl ?? dir;
  const paths: Aliases['paths'] = [];
  if (options.paths && typeof options.paths === 'object') {
    for (const [pattern, targets] of Object.entries(options.paths as Record<string, unknown>)) {
      if (!Array.isArray(targets)) continue;
      const star = pattern.indexOf('*');
      paths.push({
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? '' : pattern.slice(star + 1),
        wildcard: star !== -1,
        targets: targets.filter((target): target is string => typeof target === 'string').map((target) => joinPath(root, target)),
      });
    }
  }
  return baseUrl === undefined ? { paths } : { baseUrl, paths };
}

/** The aliases of the config file nearest to a folder (cached per folder). */
function aliasesOf(workspace: Workspace, files: ReadonlySet<string>, dir: string, cache: Map<string, Aliases | undefined>): Aliases | undefined {
  if (cache.has(dir)) return cache.get(dir);
  const file = CONFIG_NAMES.map((name) => joinPath(dir, name)).find((candidate) => files.has(candidate));
  const aliases = file ? readAliases(workspace, file) : dir === '' ? undefined : aliasesOf(workspace, files, dirName(dir), cache);
  cache.set(dir, aliases);
  return aliases;
}

function nearestAliases(workspace: Workspace, files: ReadonlySet<string>, from: string): Aliases | undefined {
  let cache = caches.get(workspace);
  if (!cache) caches.set(workspace, (cache = new Map()));
  return aliasesOf(workspace, files, dirName(from), cache);
}

/** The workspace paths (without extension resolution) a bare specifier may name through tsconfig aliases. */
export function tsconfigAliases(workspace: Workspace, files: ReadonlySet<string>, from: string, specifier: string): string[] {
  const aliases = nearestAliases(workspace, files, from);
  if (!aliases) return [];
  const out: string[] = [];
  for (const alias of aliases.paths) {
    if (alias.wildcard) {
      if (!specifier.startsWith(alias.prefix) || !specifier.endsWith(alias.suffix) || specifier.length < alias.prefix.length + alias.suffix.length) continue;
      const middle = specifier.slice(alias.prefix.length, specifier.length - alias.suffix.length);
      out.push(...alias.targets.map((target) => target.replace('*', middle)));
    } else if (specifier === alias.prefix) {
      out.push(...alias.targets);
    }
  }
  if (aliases.baseUrl !== undefined) out.push(joinPath(aliases.baseUrl, specifier));
  return out;
}
