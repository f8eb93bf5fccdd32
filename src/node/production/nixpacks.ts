/**
 * nixpacks.toml `[variables]`: Nixpacks (Railway's default builder, Coolify, …) sets them in the image
 * it builds, so the app runs with them. Read from the project folder, then the workspace root.
 */
import { isTable, TomlSource } from '../../deploy/toml-source.js';
import type { EnvVar } from '../../env/types.js';
import { joinPath } from '../../workspace/paths.js';
import type { Workspace } from '../../workspace/types.js';

export function nixpacksVariables(workspace: Workspace, root: string): EnvVar[] {
  for (const dir of root === '' ? [''] : [root, '']) {
    const file = joinPath(dir, 'nixpacks.toml');
    const read = workspace.exists(file) ? workspace.readText(file) : undefined;
    if (!read?.ok) continue;
    const source = new TomlSource(file, read.text);
    const table = source.data && isTable(source.data.variables) ? source.data.variables : undefined;
    if (!table) return [];
    return Object.entries(table).flatMap(([name, value]) => {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return [];
      return [{ name, value: String(value), source: { kind: 'deploy-script' as const, location: source.locate('variables', name), label: `${file} [variables]` } }];
    });
  }
  return [];
}
