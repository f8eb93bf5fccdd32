/**
 * Which library reads an env file in production, so the file is parsed with that library's rules
 * (see dialects/types.ts). The settings code decides (`load_dotenv`, `environ.Env.read_env`,
 * decouple's `config`), then the kind of project around the file: a Node project (package.json
 * without Python) reads it with npm `dotenv`, a Python one by default with python-dotenv rules.
 * A file Compose's `env_file` reads is parsed by the Compose reader itself (deploy/compose.ts).
 */
import { baseName, dirName, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { EnvFileDialect } from './dialects/types.js';

/** Python files where env files are loaded: entry points and settings/config modules. */
function isLoaderFile(path: string): boolean {
  return path.endsWith('.py') && (/(?:^|\/)(?:manage|wsgi|asgi)\.py$/.test(path) || /settings|config|(?:^|\/)conf(?:\/|\.py$)/i.test(path));
}
const LOADERS: [RegExp, EnvFileDialect][] = [
  [/\bread_env\s*\(|^\s*DOTENV\s*=/m, 'django-environ'],
  [/\b(?:load_dotenv|dotenv_values)\s*\(/, 'python-dotenv'],
  [/\bread_dotenv\s*\(/, 'django-dotenv'],
  [/\bfrom\s+decouple\s+import\b|\bimport\s+decouple\b/, 'decouple'],
];
const PYTHON_MARKERS = ['manage.py', 'requirements.txt', 'pyproject.toml', 'setup.py', 'Pipfile'];

const cache = new WeakMap<Workspace, { loaders: Map<string, EnvFileDialect>; python: boolean; node: boolean }>();

/** The env file names each loader call reads (`read_env(BASE_DIR / '.env.prod')` reads `.env.prod`; no name: `.env`). */
function loaderDialects(workspace: Workspace): Map<string, EnvFileDialect> {
  const byName = new Map<string, EnvFileDialect>();
  for (const path of workspace.files) {
    if (!isLoaderFile(path)) continue;
    const read = workspace.readText(path);
    if (!read.ok || !/dotenv|read_env|decouple|DOTENV/.test(read.text)) continue;
    for (const line of read.text.split('\n')) {
      const found = LOADERS.find(([pattern]) => pattern.test(line));
      if (!found) continue;
      const [, dialect] = found;
      const named = [...line.matchAll(/(['"])([^'"\n]*\.env[^'"\n]*)\1/g)].map((match) => baseName(match[2]!));
      const names = named.length ? named : dialect === 'decouple' ? ['.env', 'settings.ini'] : ['.env'];
      for (const name of names) {
        const chosen = name === 'settings.ini' ? 'decouple-ini' : dialect;
        if (!byName.has(name)) byName.set(name, chosen);
      }
    }
  }
  return byName;
}

function facts(workspace: Workspace): { loaders: Map<string, EnvFileDialect>; python: boolean; node: boolean } {
  let found = cache.get(workspace);
  if (!found) {
    found = {
      loaders: loaderDialects(workspace),
      python: workspace.files.some((path) => path.endsWith('.py') || PYTHON_MARKERS.includes(baseName(path))),
      node: workspace.files.some((path) => baseName(path) === 'package.json'),
    };
    cache.set(workspace, found);
  }
  return found;
}

/** The nearest directory above `path` that says Python or Node; undefined when none does. */
function nearestProjectKind(workspace: Workspace, path: string): 'python' | 'node' | undefined {
  let dir = dirName(path);
  for (let depth = 0; depth < 64; depth++) {
    if (PYTHON_MARKERS.some((name) => workspace.exists(joinPath(dir, name)))) return 'python';
    if (workspace.exists(joinPath(dir, 'package.json'))) return 'node';
    if (!dir) return undefined;
    dir = dirName(dir);
  }
  return undefined;
}

/** The dialect of the code that loads the workspace env file `path` in production. */
export function envFileDialect(workspace: Workspace, path: string): EnvFileDialect {
  const name = baseName(path);
  if (name === 'settings.ini') return 'decouple-ini';
  const { loaders, python, node } = facts(workspace);
  const kind = nearestProjectKind(workspace, path) ?? (python ? 'python' : node ? 'node' : 'python');
  if (kind === 'node') return 'npm-dotenv';
  return loaders.get(name) ?? 'python-dotenv';
}

const REQUIREMENT_FILE = /(?:^|\/)(?:requirements[^/]*\.txt|requirements\/[^/]+\.txt|pyproject\.toml|Pipfile|setup\.py|setup\.cfg)$/;
const LOCK_FILE = /(?:^|\/)(?:poetry\.lock|uv\.lock|Pipfile\.lock)$/;
/** `django-environ==0.11.2`, `django-environ~=0.11.0`, `"django-environ==0.11.2"`, poetry's `django-environ = "^0.11.2"`. */
const PINS_0_11 = /django[-_]environ\s*(?:\[[^\]]*\])?\s*(?:={2,3}|~=|=\s*["']\s*(?:==|~=|\^|~)?)\s*v?0\.11\b/i;
const LOCKS_0_11 = /name\s*=\s*"django-environ"\s*\n\s*version\s*=\s*"0\.11\.|"django-environ"\s*:\s*\{[^}]*"version"\s*:\s*"==0\.11\./i;

const pins = new WeakMap<Workspace, Map<string, boolean>>();

/**
 * Whether the project under `projectRoot` pins django-environ 0.11.x, whose `read_env` ends an
 * unquoted value at its first `#` (0.11.0 to 0.11.2; 0.12 made that opt-in with `parse_comments`).
 */
export function pinsEnvironWithComments(workspace: Workspace, projectRoot: string): boolean {
  let byRoot = pins.get(workspace);
  if (!byRoot) pins.set(workspace, (byRoot = new Map()));
  let pinned = byRoot.get(projectRoot);
  if (pinned === undefined) byRoot.set(projectRoot, (pinned = findsEnviron011(workspace, projectRoot)));
  return pinned;
}

/**
 * `dialect` as the project's own release reads: django-environ's under a 0.11 pin ends values at
 * `#`. The secret scan does not ask: a key after a `#` is committed all the same.
 */
export function projectDialect(workspace: Workspace, projectRoot: string, dialect: EnvFileDialect): EnvFileDialect {
  return dialect === 'django-environ' && pinsEnvironWithComments(workspace, projectRoot) ? 'django-environ-comments' : dialect;
}

function findsEnviron011(workspace: Workspace, projectRoot: string): boolean {
  for (const path of workspace.files) {
    if (projectRoot && !path.startsWith(`${projectRoot}/`)) continue;
    const lock = LOCK_FILE.test(path);
    if (!lock && !REQUIREMENT_FILE.test(path)) continue;
    const read = workspace.readText(path);
    if (read.ok && /django[-_]environ/i.test(read.text) && (lock ? LOCKS_0_11 : PINS_0_11).test(read.text)) return true;
  }
  return false;
}
