/**
 * Which Django settings module production runs, from every place that can name it, best first:
 * `--settings` > a `os.environ[...] =` in the served wsgi.py/asgi.py > the served command
 * (`--settings=`, `--env DJANGO_SETTINGS_MODULE=`) > DJANGO_SETTINGS_MODULE in the deployed
 * environment > another deploy command's `--settings=` > the served wsgi.py/asgi.py `setdefault`
 * (the server command's app module says which wsgi.py) > manage.py, with the production sibling
 * of that default (`production.py`, or named for the deploy platform: `heroku.py`) first. A candidate whose module is in the repository beats one that is not.
 */
import { posix } from 'node:path';
import type { DeployCommand, Platform } from '../deploy/types.js';
import type { Environment } from '../env/types.js';
import type { FileLocation } from '../engine/types.js';
import { entryPointDefaults } from '../project/entry-points.js';
import type { EntryPointDefault } from '../project/entry-points.js';
import { findModule } from '../project/modules.js';
import { baseName, dirName, isWithin, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { compareText } from '../engine/compare.js';
import type { EntryCommand } from './entry.js';
import { serverOf } from './server-command.js';
import type { SettingsCandidate } from './types.js';

export const SETTINGS_VARIABLE = 'DJANGO_SETTINGS_MODULE';
export const CONFIGURATION_VARIABLE = 'DJANGO_CONFIGURATION';

export type EntryPointName = 'manage.py' | 'wsgi.py' | 'asgi.py';
export type Defaults = Map<string, EntryPointDefault>;

/**
 * What an entry point file sets DJANGO_SETTINGS_MODULE and friends to. The one place that reads
 * entry points: an evaluated selection (`evaluateEntryPoint`) replaces this call.
 */
export function readDefaults(workspace: Workspace, file: string | undefined): Defaults {
  if (!file) return new Map();
  const read = workspace.readText(file);
  return read.ok ? entryPointDefaults(file, read.text) : new Map();
}

/**
 * The wsgi.py or asgi.py of a project (not of a project nested inside it): the one in the settings
 * package when known, else the shallowest.
 */
export function findEntryPoint(workspace: Workspace, root: string, name: 'wsgi.py' | 'asgi.py', module: string | undefined, projectRoots: readonly string[]): string | undefined {
  const candidates = workspace.files.filter(
    (path) => baseName(path) === name && isWithin(path, root) && !projectRoots.some((other) => other.length > root.length && isWithin(path, other)),
  );
  const settingsPackage = module?.split('.')[0];
  const preferred = settingsPackage && candidates.find((path) => path === posix.join(root, settingsPackage, name));
  if (preferred) return preferred;
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || compareText(a, b))[0];
}

/** The file of the app module a server command serves, looked up from the project root (and the command's directory). */
export function appModuleFile(workspace: Workspace, root: string, entry: EntryCommand | undefined): string | undefined {
  const module = entry?.server?.appModule;
  if (!module) return undefined;
  const chdir = entry.server?.chdir?.replace(/^\.\//, '').replace(/\/$/, '');
  const roots = chdir && !chdir.startsWith('/') && !chdir.includes('$') ? [joinPath(root, chdir), root] : [root];
  for (const from of roots) {
    const found = findModule(workspace, from, module);
    if (found) return found.file;
  }
  return undefined;
}

const PRODUCTION_MODULE_NAMES = ['production', 'prod', 'prd', 'live'];
/** Settings modules named for the platform the deploy files name (`config.settings.heroku`). */
const PLATFORM_MODULE_NAMES: Record<Platform, string[]> = {
  heroku: ['heroku'],
  dokku: ['dokku'],
  fly: ['fly', 'flyio'],
  render: ['render'],
  'cloud-run': ['cloudrun', 'cloud_run'],
  'app-engine': ['gae', 'appengine', 'app_engine'],
  docker: ['docker'],
};
const STAR_IMPORT = /^from\s+[\w.][\w. ]*?\s+import\s+\*/m;
const ASSIGNS_SETTING = /^[A-Z][A-Z0-9_]*\s*[+]?=/m;

/**
 * A production module next to an entry point's default settings module (`config.settings.production`
 * beside `config.settings.base`) that star-imports a base, or inside it when the default is a
 * package that sets nothing (an empty `settings/__init__.py` cannot be what production runs): what
 * the deployed app is most likely told to use, when nothing in production says which module.
 */
function productionSibling(workspace: Workspace, root: string, module: string, platforms: readonly Platform[]): SettingsCandidate | undefined {
  const names = [...PRODUCTION_MODULE_NAMES, ...platforms.flatMap((platform) => PLATFORM_MODULE_NAMES[platform])];
  const parts = module.split('.');
  const last = parts.at(-1);
  if (!last || names.includes(last)) return undefined;
  const found = findModule(workspace, root, module);
  if (!found) return undefined;
  let dir: string;
  let prefix: string[];
  if (found.file.endsWith('/__init__.py')) {
    const init = workspace.readText(found.file);
    if (!init.ok || ASSIGNS_SETTING.test(init.text) || STAR_IMPORT.test(init.text)) return undefined;
    dir = dirName(found.file);
    prefix = parts;
  } else {
    if (parts.length < 2 || !found.file.endsWith(`/${last}.py`)) return undefined;
    dir = dirName(found.file);
    prefix = parts.slice(0, -1);
  }
  for (const name of names) {
    const file = posix.join(dir, `${name}.py`);
    const read = workspace.exists(file) ? workspace.readText(file) : undefined;
    if (read?.ok && STAR_IMPORT.test(read.text)) {
      return { module: [...prefix, name].join('.'), how: 'production-sibling', location: { file, line: 1, column: 1 }, exists: true };
    }
  }
  return undefined;
}

/** A deploy command's own word on a variable: `--settings=` for the settings module, its `--env`/`NAME=` assignments. */
function commandValue(command: DeployCommand, variable: string, server = serverOf(command), entry = false): string | undefined {
  // The server's own variables; for the web process also those it runs with (a start script's `export`, a
  // config file's `raw_env`), which another process (a second service's script) does not share.
  const fromEnv = server?.env[variable] ?? (entry ? command.env?.filter((set) => set.name === variable).at(-1)?.value : undefined);
  if (variable !== SETTINGS_VARIABLE) return fromEnv;
  return server?.settingsModule ?? fromEnv ?? /(?:^|\s)--settings[=\s]+([\w.]+)/.exec(command.text)?.[1];
}

export interface SelectionInput {
  workspace: Workspace;
  root: string;
  projectRoots: readonly string[];
  environment: () => Environment;
  commands: readonly DeployCommand[];
  entry?: EntryCommand;
  /** `--settings`. */
  settings?: string;
  /** Whether the environment is production's (the sibling heuristic applies only there). */
  production: boolean;
  /** The platforms the deploy files name: a settings module named for one is production's (`settings/heroku.py`). */
  platforms?: readonly Platform[];
}

export interface Selection {
  candidates: SettingsCandidate[];
  chosen?: SettingsCandidate;
  /** The entry points read, for the variable lookups that follow the same order (DJANGO_CONFIGURATION). */
  entryPoints: [EntryPointName, Defaults, string | undefined][];
  assumptions: string[];
  gaps: string[];
}

/** The entry points in the order they decide: the served wsgi.py/asgi.py first, manage.py last. */
function readEntryPoints(input: SelectionInput): Selection['entryPoints'] {
  const { workspace, root, projectRoots, entry } = input;
  const managePy = joinPath(root, 'manage.py');
  const manage = workspace.exists(managePy) ? managePy : undefined;
  const manageDefaults = readDefaults(workspace, manage);
  const served = appModuleFile(workspace, root, entry);
  const entryPoints: Selection['entryPoints'] = [];
  if (served) entryPoints.push([baseName(served) === 'asgi.py' ? 'asgi.py' : 'wsgi.py', readDefaults(workspace, served), served]);
  for (const name of ['wsgi.py', 'asgi.py'] as const) {
    if (served && baseName(served) === name) continue;
    const file = findEntryPoint(workspace, root, name, manageDefaults.get(SETTINGS_VARIABLE)?.value, projectRoots);
    if (file && file !== served) entryPoints.push([name, readDefaults(workspace, file), file]);
  }
  entryPoints.push(['manage.py', manageDefaults, manage]);
  return entryPoints;
}

/**
 * A variable's value as the served app sees it (DJANGO_CONFIGURATION): forced in wsgi.py/asgi.py >
 * the served command > the environment > a wsgi.py/asgi.py setdefault > manage.py's setdefault.
 */
export function resolveVariable(variable: string, input: Pick<SelectionInput, 'environment' | 'entry'>, entryPoints: Selection['entryPoints']): string | undefined {
  for (const [name, defaults] of entryPoints) {
    const found = defaults.get(variable);
    if (found?.forced && name !== 'manage.py') return found.value;
  }
  const fromCommand = input.entry ? commandValue(input.entry.command, variable, input.entry.server, true) : undefined;
  if (fromCommand) return fromCommand;
  const fromEnvironment = input.environment().get(variable)?.value;
  if (fromEnvironment) return fromEnvironment;
  for (const [, defaults] of entryPoints) {
    const found = defaults.get(variable);
    if (found) return found.value;
  }
  return undefined;
}

/** `DJANGO_SETTINGS_MODULE from Dockerfile:3`, `wsgi.py setdefault at config/wsgi.py:5`, `--settings`. */
export function settingsHow(candidate: SettingsCandidate): string {
  const where = candidate.location && 'file' in candidate.location ? `${candidate.location.file}:${candidate.location.line}` : '';
  switch (candidate.how) {
    case '--settings':
      return '--settings';
    case 'environment':
      return `DJANGO_SETTINGS_MODULE${where ? ` from ${where}` : ' in the environment'}`;
    case 'command':
      return `named by the command at ${where}`;
    case 'production-sibling':
      return `assumed: the production module next to the entry point's default (${where})`;
    default:
      return `${candidate.how}${candidate.fallback ? ' setdefault' : ''}${where ? ` at ${where}` : ''}`;
  }
}

function describe(candidate: SettingsCandidate): string {
  const at = candidate.location && 'file' in candidate.location ? ` at ${candidate.location.file}:${candidate.location.line}` : '';
  return `${candidate.module} (${candidate.how}${at})`;
}

/** Every candidate settings module in precedence order, and the one production runs. */
export function selectSettingsModule(input: SelectionInput): Selection {
  const { workspace, root } = input;
  const exists = (module: string): boolean => findModule(workspace, root, module) !== undefined;
  const entryPoints = readEntryPoints(input);
  const candidates: SettingsCandidate[] = [];
  const add = (module: string, how: SettingsCandidate['how'], location?: FileLocation, fallback?: boolean): void => {
    candidates.push({ module, how, ...(location ? { location } : {}), exists: exists(module), ...(fallback ? { fallback } : {}) });
  };

  if (input.settings) add(input.settings, '--settings');
  for (const [name, defaults] of entryPoints) {
    const found = defaults.get(SETTINGS_VARIABLE);
    if (found?.forced && name !== 'manage.py') add(found.value, name, found.location);
  }
  // Deploy commands speak for production only: `--env development` reads its own env files instead.
  const commands = input.production ? input.commands : [];
  const entryCommand = input.production ? input.entry?.command : undefined;
  const fromEntry = entryCommand ? commandValue(entryCommand, SETTINGS_VARIABLE, input.entry?.server, true) : undefined;
  if (fromEntry && entryCommand) add(fromEntry, 'command', entryCommand.location);
  const fromEnvironment = input.environment().get(SETTINGS_VARIABLE);
  if (fromEnvironment?.value) add(fromEnvironment.value, 'environment', fromEnvironment.source.location);
  for (const command of commands) {
    // A command a script runs only in some branch (`if [ "$DEBUG" ]; then … --settings=dev`) does not speak for production.
    if (command === entryCommand || command.conditional || command.deployed === false) continue;
    const module = commandValue(command, SETTINGS_VARIABLE);
    if (module) add(module, 'command', command.location);
  }
  const named = candidates.length > 0 || input.environment().vars.has(SETTINGS_VARIABLE);
  const fallbacks: SettingsCandidate[] = [];
  for (const [name, defaults] of entryPoints) {
    const found = defaults.get(SETTINGS_VARIABLE);
    if (found && !(found.forced && name !== 'manage.py')) {
      fallbacks.push({ module: found.value, how: name, location: found.location, exists: exists(found.value), fallback: true });
    }
  }
  // Nothing production runs names a module: a production sibling of the default beats the default.
  const first = fallbacks[0];
  const sibling = !named && input.production && first ? productionSibling(workspace, root, first.module, input.platforms ?? []) : undefined;
  if (sibling) candidates.push(sibling);
  candidates.push(...fallbacks);

  const unique = candidates.filter((candidate, index) => candidates.findIndex((other) => other.module === candidate.module && other.how === candidate.how) === index);
  const assumptions: string[] = [];
  const gaps: string[] = [];
  const chosen = unique[0]?.how === '--settings' ? unique[0] : (unique.find((candidate) => candidate.exists) ?? unique[0]);
  for (const candidate of unique) {
    if (candidate === chosen || !chosen) continue;
    const before = unique.indexOf(candidate) < unique.indexOf(chosen);
    if (before) {
      candidate.rejected = `${candidate.module} is not in the repository`;
      gaps.push(`${describe(candidate)} names a module that is not in the repository; ${chosen.module} was evaluated instead`);
    } else if (candidate.module !== chosen.module) {
      candidate.rejected = `${chosen.how} comes first`;
    }
  }
  if (sibling && chosen === sibling) {
    assumptions.push(`nothing production runs names a settings module: ${sibling.module} is assumed over the entry point's default ${first!.module}`);
  } else if (chosen?.fallback) {
    assumptions.push(`nothing production runs names a settings module: the ${chosen.how} default ${chosen.module} is assumed`);
  }
  return { candidates: unique, ...(chosen ? { chosen } : {}), entryPoints, assumptions, gaps };
}

/** The settings modules' source files and their package, for a text scan before evaluation (platform markers). */
export function settingsSources(workspace: Workspace, root: string, modules: readonly string[], extra: readonly (string | undefined)[]): { file: string; text: string }[] {
  const files = new Set<string>();
  for (const module of modules) {
    const found = findModule(workspace, root, module);
    if (!found) continue;
    const dir = dirName(found.file);
    for (const path of workspace.files) if (dirName(path) === dir && path.endsWith('.py')) files.add(path);
  }
  for (const file of extra) if (file) files.add(file);
  const sources: { file: string; text: string }[] = [];
  for (const file of [...files].sort(compareText).slice(0, 50)) {
    const read = workspace.readText(file);
    if (read.ok) sources.push({ file, text: read.text });
  }
  return sources;
}
