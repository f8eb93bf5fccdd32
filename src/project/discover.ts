import { existsSync } from 'node:fs';
import { isAbsolute, posix, resolve } from 'node:path';
import type { FileLocation } from '../engine/types.js';
import { UsageError } from '../engine/errors.js';
import type { DeployFacts } from '../deploy/types.js';
import { readDeployFacts } from '../deploy/index.js';
import { buildEnvironment, envFileLoader } from '../env/environment.js';
import type { Environment } from '../env/types.js';
import { evaluateSettings } from '../python/settings.js';
import { findUrlFacts } from '../python/urls.js';
import type { Settings } from '../python/types.js';
import { baseName, dirName, isWithin } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { findDjangoVersion } from './django-version.js';
import { entryPointDefaults } from './entry-points.js';
import type { EntryPointDefault } from './entry-points.js';
import { findModule } from './modules.js';
import type { DjangoProject, SettingsModuleOrigin, UrlFacts } from './types.js';
import { compareText } from '../engine/compare.js';

export interface DiscoverOptions {
  /** Environment name (`--env`), production by default. */
  env?: string;
  envFiles?: string[];
  set?: Record<string, string>;
  /** `--settings`: the settings module, beating every other source. */
  settings?: string;
  /** `--configuration`: the django-configurations class, beating every other source. */
  configuration?: string;
}

const SETTINGS_VARIABLE = 'DJANGO_SETTINGS_MODULE';
const PRODUCTION_ENVIRONMENTS = new Set(['production', 'prod']);
const CONFIGURATION_VARIABLE = 'DJANGO_CONFIGURATION';

type EntryPointName = 'manage.py' | 'wsgi.py' | 'asgi.py';
type Defaults = Map<string, EntryPointDefault>;

function readDefaults(workspace: Workspace, file: string | undefined): Defaults {
  if (!file) return new Map();
  const read = workspace.readText(file);
  return read.ok ? entryPointDefaults(file, read.text) : new Map();
}

/**
 * The wsgi.py or asgi.py of a project (not of a project nested inside it): the one in the settings
 * package when known, else the shallowest.
 */
function findEntryPoint(workspace: Workspace, root: string, name: 'wsgi.py' | 'asgi.py', module: string | undefined, projectRoots: string[]): string | undefined {
  const candidates = workspace.files.filter(
    (path) =>
      baseName(path) === name &&
      isWithin(path, root) &&
      !projectRoots.some((other) => other.length > root.length && isWithin(path, other)),
  );
  const settingsPackage = module?.split('.')[0];
  const preferred = settingsPackage && candidates.find((path) => path === posix.join(root, settingsPackage, name));
  if (preferred) return preferred;
  return candidates.sort((a, b) => a.split('/').length - b.split('/').length || compareText(a, b))[0];
}

interface Resolved {
  value: string;
  how: SettingsModuleOrigin;
  location?: FileLocation;
  /** An entry point's default (`setdefault`), which the environment would override. */
  fallback?: boolean;
}

/**
 * A variable's value as the served app sees it: forced in wsgi.py/asgi.py (`os.environ[...] = `)
 * > the environment > a wsgi.py/asgi.py setdefault > manage.py's setdefault.
 */
function resolveVariable(variable: string, environment: () => Environment, entryPoints: [EntryPointName, Defaults][]): Resolved | undefined {
  for (const [name, defaults] of entryPoints) {
    const found = defaults.get(variable);
    if (found?.forced && name !== 'manage.py') return { value: found.value, how: name, location: found.location };
  }
  const fromEnvironment = environment().get(variable);
  if (fromEnvironment?.value) {
    return { value: fromEnvironment.value, how: 'environment', location: fromEnvironment.source.location };
  }
  for (const [name, defaults] of entryPoints) {
    const found = defaults.get(variable);
    if (found) return { value: found.value, how: name, location: found.location, fallback: true };
  }
  return undefined;
}

const PRODUCTION_MODULE_NAMES = ['production', 'prod', 'prd', 'live'];
const STAR_IMPORT = /^from\s+[\w.]+\s+import\s+\*/m;

/**
 * A production module next to an entry point's default settings module (`config.settings.production`
 * beside `config.settings.base`) that star-imports a base: what the deployed app is most likely
 * told to use, when nothing in production says which module.
 */
function productionSibling(workspace: Workspace, root: string, module: string): Resolved | undefined {
  const parts = module.split('.');
  const last = parts.pop();
  if (parts.length === 0 || !last || PRODUCTION_MODULE_NAMES.includes(last)) return undefined;
  const found = findModule(workspace, root, module);
  if (!found || !found.file.endsWith(`/${last}.py`)) return undefined;
  for (const name of PRODUCTION_MODULE_NAMES) {
    const file = posix.join(dirName(found.file), `${name}.py`);
    const read = workspace.exists(file) ? workspace.readText(file) : undefined;
    if (read?.ok && STAR_IMPORT.test(read.text)) {
      return { value: [...parts, name].join('.'), how: 'production-sibling', location: { file, line: 1, column: 1 } };
    }
  }
  return undefined;
}

/** Whether production says which settings to use: DJANGO_SETTINGS_MODULE set, or `--settings` in a deploy command. */
function productionNamesSettings(environment: Environment, deploy: DeployFacts): boolean {
  if (environment.vars.has(SETTINGS_VARIABLE)) return true;
  return deploy.commands.some((command) => /(?:^|\s)--settings[=\s]|DJANGO_SETTINGS_MODULE=/.test(command.text));
}

function once<T>(build: () => T): () => T {
  let built = false;
  let value: T;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value;
  };
}

function createProject(workspace: Workspace, root: string, options: DiscoverOptions, projectRoots: string[]): DjangoProject {
  const managePy = posix.join(root, 'manage.py');
  const manageDefaults = readDefaults(workspace, workspace.exists(managePy) ? managePy : undefined);
  const manageModule = manageDefaults.get(SETTINGS_VARIABLE)?.value;
  const entryPoints: [EntryPointName, Defaults][] = [];
  for (const name of ['wsgi.py', 'asgi.py'] as const) {
    const file = findEntryPoint(workspace, root, name, manageModule, projectRoots);
    if (file) entryPoints.push([name, readDefaults(workspace, file)]);
  }
  entryPoints.push(['manage.py', manageDefaults]);

  const deploy = once<DeployFacts>(() => readDeployFacts(workspace, root));
  const environment = once<Environment>(() =>
    buildEnvironment(workspace, deploy(), { name: options.env, envFiles: options.envFiles, set: options.set, projectRoot: root }),
  );
  const resolved: Resolved | undefined = options.settings
    ? { value: options.settings, how: '--settings' }
    : resolveVariable(SETTINGS_VARIABLE, environment, entryPoints);
  const production = options.env === undefined || PRODUCTION_ENVIRONMENTS.has(options.env);
  const settingsModule =
    resolved?.fallback && production && !productionNamesSettings(environment(), deploy())
      ? (productionSibling(workspace, root, resolved.value) ?? resolved)
      : resolved;
  const configuration = options.configuration ?? resolveVariable(CONFIGURATION_VARIABLE, environment, entryPoints)?.value;
  const djangoVersion = findDjangoVersion(workspace, root);

  const module = once(() => (settingsModule ? findModule(workspace, root, settingsModule.value) : undefined));
  const settings = once<Settings | undefined>(() => {
    const found = module();
    if (!settingsModule || !found) return undefined;
    return evaluateSettings({
      workspace,
      root: found.pythonRoot,
      module: settingsModule.value,
      environment: environment(),
      djangoVersion: djangoVersion.version,
      configurationClass: configuration,
      loadEnvFile: envFileLoader(workspace, root),
    });
  });
  const urls = once<UrlFacts>(() => findUrlFacts({ workspace, root: module()?.pythonRoot ?? root, settings: settings() }));

  const project: DjangoProject = {
    root,
    djangoVersion,
    get environment() {
      return environment();
    },
    get deploy() {
      return deploy();
    },
    get settings() {
      return settings();
    },
    get urls() {
      return urls();
    },
  };
  if (settingsModule) {
    project.settingsModule = settingsModule.value;
    project.settingsModuleOrigin = settingsModule.location
      ? { how: settingsModule.how, location: settingsModule.location }
      : { how: settingsModule.how };
  }
  return project;
}

/** For a workspace without manage.py: the parent of each wsgi.py/asgi.py package that has settings. */
function rootsWithoutManagePy(workspace: Workspace): string[] {
  const roots = new Set<string>();
  for (const path of workspace.files) {
    const name = baseName(path);
    if (name !== 'wsgi.py' && name !== 'asgi.py') continue;
    const packageDir = dirName(path);
    const hasSettings =
      workspace.exists(posix.join(packageDir, 'settings.py')) || workspace.exists(posix.join(packageDir, 'settings/__init__.py'));
    if (hasSettings || readDefaults(workspace, path).has(SETTINGS_VARIABLE)) roots.add(dirName(packageDir));
  }
  return [...roots];
}

/**
 * Every Django project in the workspace: each directory with a manage.py, else the parent of a
 * wsgi.py/asgi.py package with settings, else (with `--settings`) the workspace root.
 * A missing `--env-file` is a UsageError. Requires `initPythonParser()` to have been awaited.
 */
/** A directory of a test suite: the Django projects in it exist to run tests, never to be deployed. */
const TEST_DIR = /^(?:tests?|testing)$/;

/** A project root outside test suites (a library's `tests/projects/regular` is not deployed; checking it directly still works: its root is then ''). */
function isDeployable(root: string): boolean {
  return !root.split('/').some((segment) => TEST_DIR.test(segment));
}

export function discoverProjects(workspace: Workspace, options: DiscoverOptions = {}): DjangoProject[] {
  for (const path of options.envFiles ?? []) {
    if (!existsSync(isAbsolute(path) ? path : resolve(path))) throw new UsageError(`--env-file ${path}: no such file`);
  }
  const manageRoots = workspace.files.filter((path) => baseName(path) === 'manage.py').map(dirName).filter(isDeployable);
  const roots = manageRoots.length > 0 ? manageRoots : rootsWithoutManagePy(workspace).filter(isDeployable);
  if (roots.length === 0 && options.settings) roots.push('');
  const unique = [...new Set(roots)].sort();
  return unique.map((root) => createProject(workspace, root, options, unique));
}
