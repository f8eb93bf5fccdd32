/**
 * The env files a repository works with, for env/gitignore-missing: the ones its templates tell
 * developers to create, its compose files read, its projects' code loads (each framework says which:
 * the deploy view's envFilesLoaded), and any that lie in the tree. A project configured only by its
 * platform's environment has none.
 */
import type { FileLocation } from '../core/location.js';
import type { Project } from '../core/project.js';
import { isDeployedProject } from '../deploy/deploy-view.js';
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
const COMPOSE_FILE = /(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/;

/** A relative path from a directory, normalised (`./`, `..`); undefined for absolute paths and variables. */
export function resolveEnvPath(dir: string, relative: string): string | undefined {
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
    if (template) uses.push({ path: resolveEnvPath(dirName(path), template[1]!)!, reason: `${path} is its template`, location });
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
        const file = resolveEnvPath(dirName(path), value.trim().replace(/^['"]|['"]$/g, ''));
        if (file) uses.push({ path: file, reason: `${path} reads it (env_file)`, location: { file: path, line: at + 1, column: 1 } });
      }
    });
  }
  return uses;
}

/** Every env file the repository works with, one entry per path (the first reason found). */
export function envFilesInUse(workspace: Workspace, projects: readonly Project[]): EnvFileUse[] {
  const loaded = projects.filter(isDeployedProject).flatMap((project) => project.deployView.envFilesLoaded(workspace));
  const byPath = new Map<string, EnvFileUse>();
  for (const use of [...fromTemplatesAndTree(workspace), ...fromCompose(workspace), ...loaded]) {
    if (!byPath.has(use.path)) byPath.set(use.path, use);
  }
  return [...byPath.values()];
}
