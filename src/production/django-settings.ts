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
import type { FileLocation } from '../core/location.js';
import { envFileLoader } from '../env/environment.js';
import { evaluateEntryPoint } from '../project/entry-points.js';
import type { EntryPointEvaluation } from '../project/entry-points.js';
import { namesProduction } from '../python/assumptions.js';
import type { Assumption } from '../python/types.js';
import { findModule } from '../project/modules.js';
import { baseName, dirName, isWithin, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { compareText } from '../core/compare.js';
import type { EntryCommand } from './entry.js';
import { describeStandIn, findStandIn } from './renamed-package.js';
import { serverOf } from './server-command.js';
import type { SettingsCandidate } from './types.js';

export const SETTINGS_VARIABLE = 'DJANGO_SETTINGS_MODULE';
export const CONFIGURATION_VARIABLE = 'DJANGO_CONFIGURATION';

export type EntryPointName = 'manage.py' | 'wsgi.py' | 'asgi.py';

/** An entry point read for the selection: its file and what evaluating it under production's environment selects. */
export interface EntryPointRead {
  name: EntryPointName;
  file: string;
  evaluation: EntryPointEvaluation;
}

/**
 * The one place that reads entry points: each is evaluated (`evaluateEntryPoint`) under the
 * environment production runs with, so a module name built from a variable or chosen in an `if`
 * is known, with what was assumed for it.
 */
export function readEntryPoint(workspace: Workspace, root: string, file: string, environment: Environment): EntryPointEvaluation {
  return evaluateEntryPoint({ workspace, file, environment, root, loadEnvFile: envFileLoader(workspace, root) });
}

/**
 * The wsgi.py or asgi.py of a project (not of a project nested inside it): the one in the settings
 * package when known, else the shallowest.
 */
function findEntryPoint(workspace: Workspace, root: string, name: 'wsgi.py' | 'asgi.py', module: string | undefined, projectRoots: readonly string[]): string | undefined {
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
  kubernetes: ['k8s', 'kubernetes', 'kube'],
};
/**
 * The deployment a deploy file is named for: `Dockerfile.cabotage`, `cabotage.Dockerfile`,
 * `docker-compose.k8s.yml` → `cabotage`, `k8s`. A settings module of that name is production's.
 */
const DEPLOY_FILE_QUALIFIER = /^(?:Dockerfile\.(\w+)|(\w+)\.Dockerfile|(?:docker-)?compose\.(\w+)\.ya?ml)$/i;
/** Qualifiers of files for development, tests, CI, examples or staging: not production's name. */
const NOT_PRODUCTION = /^(?:dev|devel|develop|development|local|test|tests|testing|ci|e2e|example|examples|sample|debug|staging|stage|base|common|build|override)$/i;

/** The deployment names the project's deploy files carry (`Dockerfile.cabotage` → `cabotage`), in file order. */
function deployFileQualifiers(workspace: Workspace, root: string): string[] {
  const names: string[] = [];
  for (const path of workspace.files) {
    if (!isWithin(path, root)) continue;
    const match = DEPLOY_FILE_QUALIFIER.exec(baseName(path));
    const name = (match?.[1] ?? match?.[2] ?? match?.[3])?.toLowerCase();
    if (name && !NOT_PRODUCTION.test(name) && !names.includes(name)) names.push(name);
  }
  return names;
}
const STAR_IMPORT = /^from\s+[\w.][\w. ]*?\s+import\s+\*/m;
const ASSIGNS_SETTING = /^[A-Z][A-Z0-9_]*\s*[+]?=/m;

/**
 * A production module (or package) next to an entry point's default settings module
 * (`config.settings.production` beside `config.settings.base`, `config/production/__init__.py`
 * beside a `config/development/` package, or one named for the platform or for the deployment a
 * deploy file is named for: `settings/cabotage.py` with a `Dockerfile.cabotage`) that star-imports
 * a base, or inside it when the default is a package that sets nothing (an empty `settings/__init__.py` cannot be what production runs): what
 * the deployed app is most likely told to use, when nothing in production says which module.
 */
function productionSibling(workspace: Workspace, root: string, module: string, platforms: readonly Platform[]): SettingsCandidate | undefined {
  const names = [...new Set([...PRODUCTION_MODULE_NAMES, ...platforms.flatMap((platform) => PLATFORM_MODULE_NAMES[platform]), ...deployFileQualifiers(workspace, root)])];
  const parts = module.split('.');
  const last = parts.at(-1);
  if (!last || names.includes(last)) return undefined;
  const found = findModule(workspace, root, module);
  if (!found) return undefined;
  let dir: string;
  let prefix: string[];
  if (found.file.endsWith('/__init__.py')) {
    const init = workspace.readText(found.file);
    if (!init.ok) return undefined;
    if (!ASSIGNS_SETTING.test(init.text) && !STAR_IMPORT.test(init.text)) {
      // A package that sets nothing: the production module is inside it.
      dir = dirName(found.file);
      prefix = parts;
    } else {
      // A package that is the settings (`config/development/__init__.py`): the production one is beside it.
      if (parts.length < 2) return undefined;
      dir = dirName(dirName(found.file));
      prefix = parts.slice(0, -1);
    }
  } else {
    if (parts.length < 2 || !found.file.endsWith(`/${last}.py`)) return undefined;
    dir = dirName(found.file);
    prefix = parts.slice(0, -1);
  }
  for (const name of names) {
    for (const file of [posix.join(dir, `${name}.py`), posix.join(dir, name, '__init__.py')]) {
      const read = workspace.exists(file) ? workspace.readText(file) : undefined;
      if (read?.ok && STAR_IMPORT.test(read.text)) {
        return { module: [...prefix, name].join('.'), how: 'production-sibling', location: { file, line: 1, column: 1 }, exists: true };
      }
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
  entryPoints: EntryPointRead[];
  assumptions: string[];
  /** What the chosen module's entry point assumed for variables production leaves undecided (`DJANGO_ENV=production`). */
  assumed: Assumption[];
  gaps: string[];
}

/** The entry points in the order they decide: the served wsgi.py/asgi.py first, manage.py last. */
function readEntryPoints(input: SelectionInput): EntryPointRead[] {
  const { workspace, root, projectRoots, entry } = input;
  const read = (name: EntryPointName, file: string): EntryPointRead => ({ name, file, evaluation: readEntryPoint(workspace, root, file, input.environment()) });
  const managePy = joinPath(root, 'manage.py');
  const manage = workspace.exists(managePy) ? read('manage.py', managePy) : undefined;
  const served = appModuleFile(workspace, root, entry);
  const entryPoints: EntryPointRead[] = [];
  if (served) entryPoints.push(read(baseName(served) === 'asgi.py' ? 'asgi.py' : 'wsgi.py', served));
  for (const name of ['wsgi.py', 'asgi.py'] as const) {
    if (served && baseName(served) === name) continue;
    const file = findEntryPoint(workspace, root, name, manage?.evaluation.settingsModule?.value, projectRoots);
    if (file && file !== served) entryPoints.push(read(name, file));
  }
  if (manage) entryPoints.push(manage);
  return entryPoints;
}

/** What an entry point gives a variable (the settings module or the django-configurations class). */
function entryValue(point: EntryPointRead, variable: string): EntryPointEvaluation['settingsModule'] {
  return variable === SETTINGS_VARIABLE ? point.evaluation.settingsModule : variable === CONFIGURATION_VARIABLE ? point.evaluation.configuration : undefined;
}

/**
 * A variable's value as the served app sees it (DJANGO_CONFIGURATION): forced in wsgi.py/asgi.py >
 * the served command > the environment > a wsgi.py/asgi.py setdefault > manage.py's setdefault.
 */
export function resolveVariable(variable: string, input: Pick<SelectionInput, 'environment' | 'entry'>, entryPoints: readonly EntryPointRead[]): string | undefined {
  for (const point of entryPoints) {
    const found = entryValue(point, variable);
    if (found?.forced && point.name !== 'manage.py') return found.value;
  }
  const fromCommand = input.entry ? commandValue(input.entry.command, variable, input.entry.server, true) : undefined;
  if (fromCommand) return fromCommand;
  const fromEnvironment = input.environment().get(variable)?.value;
  if (fromEnvironment) return fromEnvironment;
  for (const point of entryPoints) {
    const found = entryValue(point, variable);
    if (found) return found.value;
  }
  return undefined;
}

const lastSegment = (module: string): string => module.split('.').at(-1) ?? module;

/**
 * The modules an entry point could select that are in the repository, when its own choice is not
 * (or it cannot be decided): the one naming production first, each with its condition.
 */
function existingAlternatives(point: EntryPointRead): EntryPointEvaluation['candidates'] {
  const own = point.evaluation.settingsModule?.value;
  const others = point.evaluation.candidates.filter((candidate) => candidate.exists && candidate.value !== own);
  return [...others.filter((c) => namesProduction(lastSegment(c.value))), ...others.filter((c) => !namesProduction(lastSegment(c.value)))];
}

/** `DJANGO_SETTINGS_MODULE from Dockerfile:3`, `wsgi.py setdefault at config/wsgi.py:5`, `--settings`. */
export function settingsHow(candidate: SettingsCandidate): string {
  const origin = originHow(candidate);
  return candidate.standIn ? `${origin}; assumed to be ${candidate.standIn.file}, committed under another folder name` : origin;
}

function originHow(candidate: SettingsCandidate): string {
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
      if (candidate.dotenv) return `${candidate.how} loads ${where || candidate.dotenv}`;
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
  const add = (module: string, how: SettingsCandidate['how'], location?: FileLocation, extra: Partial<SettingsCandidate> = {}): void => {
    candidates.push({ module, how, ...(location ? { location } : {}), exists: exists(module), ...extra });
  };
  const fromEntryPoint = (selected: NonNullable<EntryPointEvaluation['settingsModule']>): Partial<SettingsCandidate> => ({
    ...(selected.assumptions.length ? { assumptions: selected.assumptions } : {}),
    ...(selected.dotenv ? { dotenv: selected.dotenv } : {}),
  });

  if (input.settings) add(input.settings, '--settings');
  for (const point of entryPoints) {
    const selected = point.evaluation.settingsModule;
    if (selected?.forced && point.name !== 'manage.py') add(selected.value, point.name, selected.location, fromEntryPoint(selected));
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
  for (const point of entryPoints) {
    const selected = point.evaluation.settingsModule;
    if (selected && !(selected.forced && point.name !== 'manage.py')) {
      fallbacks.push({ module: selected.value, how: point.name, location: selected.location, exists: exists(selected.value), fallback: true, ...fromEntryPoint(selected) });
    }
    // The entry point's own choice is not in the repository or cannot be decided: what it could select instead.
    if (!selected || !exists(selected.value)) {
      for (const other of existingAlternatives(point)) {
        fallbacks.push({ module: other.value, how: point.name, location: other.location, exists: true, fallback: true, condition: other.condition ?? 'another branch of the entry point' });
      }
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
  if (chosen?.condition) assumptions.push(`${chosen.module} is what ${chosen.how} selects when ${chosen.condition}`);
  // No candidate is in the repository: one committed under another package name may stand in (the user's `--settings` never).
  const standIn = chosen && !chosen.exists && chosen.how !== '--settings' ? findStandIn(workspace, root, chosen.module, input.projectRoots) : undefined;
  if (chosen && standIn) {
    chosen.standIn = standIn;
    assumptions.push(describeStandIn(chosen.module, standIn));
  }
  assumptions.push(...undecidedEntryPoints(entryPoints, chosen, gaps));
  return { candidates: unique, ...(chosen ? { chosen } : {}), entryPoints, assumptions, assumed: chosen?.assumptions ?? [], gaps };
}

/**
 * Entry points that set DJANGO_SETTINGS_MODULE in a way that cannot be decided, said aloud: an
 * assumption when the module was chosen from the entry points' defaults anyway, a gap when no
 * module could be chosen at all. (When production names the module, the entry points do not matter.)
 */
function undecidedEntryPoints(entryPoints: readonly EntryPointRead[], chosen: SettingsCandidate | undefined, gaps: string[]): string[] {
  const notes: string[] = [];
  const fromDefaults = chosen?.fallback || chosen?.how === 'production-sibling';
  for (const point of entryPoints) {
    const reason = point.evaluation.undecided;
    if (!reason || point.evaluation.settingsModule) continue;
    const what = `${point.file} sets DJANGO_SETTINGS_MODULE in a way deploycheck cannot decide (${reason})`;
    if (!chosen) gaps.push(`${what}; pass --settings`);
    else if (fromDefaults) notes.push(`${what}: ${chosen.module} is assumed`);
  }
  return notes;
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
