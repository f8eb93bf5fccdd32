import type { Environment, EnvVar } from '../../src/env/types.js';
import type { Workspace } from '../../src/workspace/types.js';

/** An in-memory Workspace over `path → content` (tests only); `ignored` lists gitignored paths. */
export function memoryWorkspace(files: Record<string, string>, ignored: string[] = []): Workspace {
  const paths = Object.keys(files).sort();
  const read = new Set<string>();
  return {
    root: '/app',
    source: 'worktree',
    files: paths.filter((p) => !ignored.includes(p)),
    readText(path) {
      read.add(path);
      const text = files[path];
      if (text === undefined) return { ok: false, reason: 'missing', message: `${path} does not exist` };
      if (text.includes('\0')) return { ok: false, reason: 'binary', message: `${path} is binary` };
      return { ok: true, text };
    },
    filesRead: () => [...read],
    exists: (path) => path in files,
    isTracked: (path) => path in files && !ignored.includes(path),
    isIgnored: (path) => ignored.includes(path),
  };
}

/** An Environment from `name → value` (undefined = set by the platform, value unknown). */
export function environment(vars: Record<string, string | undefined> = {}, file = '.env.production'): Environment {
  const map = new Map<string, EnvVar>();
  Object.entries(vars).forEach(([name, value], i) => {
    map.set(name, { name, value, source: { kind: 'env-file', location: { file, line: i + 1, column: 1 }, label: `${file}:${i + 1}` } });
  });
  return { name: 'production', vars: map, files: [file], get: (name) => map.get(name) };
}
