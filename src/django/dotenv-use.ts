/**
 * The env files a repository works with, for env/gitignore-missing: the ones its templates tell
 * developers to create, its compose files read, its settings or manage.py load, and any that lie
 * in the tree. A project configured only by its platform's environment has none.
 */
import type { FileLocation } from '../core/location.js';
import type { DjangoProject } from '../project/types.js';
import { isDjangoProject } from '../project/types.js';
import type { Project } from '../core/project.js';
import { lineIndex } from '../workspace/line-index.js';
import { baseName, dirName } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';

export interface EnvFileUse {
  /** Workspace-relative path of the env file (it need not exist). */
  path: string;
  /** Why the project uses it, e.g. `.env.example is its template`. */
  reason: string;
  location: FileLocation;
}

/** `.env.example`, `.env.dev-sample`, `.env.prod.db.template`: the file to create is the name without the suffix. */
const TEMPLATE = /^(\.env[^/]*?)[.\-_](?:example|sample|template|dist|tmpl|defaults?)$/i;
const ENV_FILE = /^\.env(?:\.[^/]+)?$/;
/** Calls and imports that load a dotenv file at run time (python-dotenv, django-environ, decouple, django-dotenv, pydantic, django-configurations). */
const LOADER = /\b(load_dotenv|read_dotenv|dotenv_values|read_env)\s*\(|\b(from\s+decouple\s+import|import\s+decouple)\b|\b(env_file)\s*=|^\s*(DOTENV)\s*=/gm;
const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/;

/** A relative path from a directory, normalised (`./`, `..`); undefined for absolute paths and variables. */
function resolve(dir: string, relative: string): string | undefined {
  if (relative.startsWith('/') || relative.includes('$')) return undefined;
  const parts = dir ? dir.split('/') : [];
  for (const part of relative.split('/')) {
    if (part === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}

function fromTemplatesAndTree(workspace: Workspace): EnvFileUse[] {
  const uses: EnvFileUse[] = [];
  for (const path of workspace.files) {
    const name = baseName(path);
    const location = { file: path, line: 1, column: 1 };
    const template = TEMPLATE.exec(name);
    if (template) uses.push({ path: resolve(dirName(path), template[1]!)!, reason: `${path} is its template`, location });
    else if (ENV_FILE.test(name)) uses.push({ path, reason: `${path} exists`, location });
  }
  return uses;
}

/** `env_file: .env`, `env_file: [a, b]`, and the items of an `env_file:` list (`- ./.env.prod`, `- path: ./.env`). */
function fromCompose(workspace: Workspace): EnvFileUse[] {
  const uses: EnvFileUse[] = [];
  for (const path of workspace.files.filter((file) => COMPOSE_FILE.test(file))) {
    const text = workspace.readText(path);
    if (!text.ok) continue;
    const lines = text.text.split('\n');
    lines.forEach((line, index) => {
      const entry = /^(\s*)env_file:\s*([^#]*)/.exec(line);
      if (!entry) return;
      const values: [string, number][] = [];
      const inline = entry[2]!.trim();
      if (inline) for (const value of inline.replace(/^\[|\]$/g, '').split(',')) values.push([value, index]);
      else {
        for (let next = index + 1; next < lines.length; next++) {
          const item = /^\s*-\s*(?:path:\s*)?([^#\s]+)/.exec(lines[next]!);
          // The long syntax's other keys (`required: false`, `format: raw`) sit between the items.
          if (!item && /^\s+(?:required|format):/.test(lines[next]!)) continue;
          if (!item) break;
          values.push([item[1]!, next]);
        }
      }
      for (const [value, at] of values) {
        const file = resolve(dirName(path), value.trim().replace(/^['"]|['"]$/g, ''));
        if (file) uses.push({ path: file, reason: `${path} reads it (env_file)`, location: { file: path, line: at + 1, column: 1 } });
      }
    });
  }
  return uses;
}

/**
 * Loader calls in the project's settings modules and manage.py. A quoted file name ending in .env…
 * names the file (relative to the project root); a loader without one reads `.env`; one naming
 * another file (`find_dotenv(filename='.environment')`) is not about .env files.
 */
function fromLoaders(workspace: Workspace, projects: readonly DjangoProject[]): EnvFileUse[] {
  const uses: EnvFileUse[] = [];
  for (const project of projects) {
    const manage = project.root ? `${project.root}/manage.py` : 'manage.py';
    for (const path of new Set([...(project.settings?.files ?? []), manage])) {
      if (!workspace.exists(path)) continue;
      const text = workspace.readText(path);
      if (!text.ok) continue;
      const locate = lineIndex(text.text);
      for (const match of text.text.matchAll(LOADER)) {
        const end = text.text.indexOf('\n', match.index);
        const line = text.text.slice(match.index, end < 0 ? undefined : end);
        const quoted = [...line.matchAll(/(['"])([^'"\n]*[./][^'"\n]*)\1/g)].map((found) => found[2]!);
        const named = quoted.find((file) => /(?:^|\/)\.env\b/.test(file));
        if (quoted.length && !named) continue;
        const file = resolve(project.root, named ? baseName(named) : '.env');
        const what = match.slice(1).find(Boolean)!;
        const loader = what.startsWith('from') || what.startsWith('import') ? 'python-decouple' : what;
        const location = { file: path, line: locate(match.index + match[0].search(/\S/)).line, column: 1 };
        if (file) uses.push({ path: file, reason: `${path} loads it (${loader})`, location });
      }
    }
  }
  return uses;
}

/** Every env file the repository works with, one entry per path (the first reason found). */
export function envFilesInUse(workspace: Workspace, allProjects: readonly Project[]): EnvFileUse[] {
  const projects = allProjects.filter(isDjangoProject);
  const byPath = new Map<string, EnvFileUse>();
  for (const use of [...fromTemplatesAndTree(workspace), ...fromCompose(workspace), ...fromLoaders(workspace, projects)]) {
    if (!byPath.has(use.path)) byPath.set(use.path, use);
  }
  return [...byPath.values()];
}
