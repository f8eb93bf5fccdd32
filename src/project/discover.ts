import { isAbsolute, posix, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import { probeExists } from '../run-cache/record.js';
import { readDeployFacts } from '../deploy/index.js';
import { productionFilePredicate } from '../deploy/dockerignore.js';
import { buildEnvironment, envFileLoader } from '../env/environment.js';
import { generatedModules } from '../production/generated-modules.js';
import type { RuntimePlatform } from '../env/platform.js';
import type { EnvVar, Environment } from '../env/types.js';
import { CONFIGURATION_VARIABLE, readEntryPoint, resolveVariable } from '../production/django-settings.js';
import { buildProductionModel, markUndeployed, once } from '../production/model.js';
import { evaluateSettings } from '../python/settings.js';
import { findUrlFacts } from '../python/urls.js';
import type { Settings } from '../python/types.js';
import { baseName, dirName } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import type { FileLocation } from '../core/location.js';
import type { DeployFacts } from '../deploy/types.js';
import type { EnvFileUse } from '../env/env-file-use.js';
import { findDjangoVersion } from './django-version.js';
import { findModule } from './modules.js';
import type { DjangoProject, UrlFacts } from './types.js';

export interface DiscoverOptions {
  /** Environment name (`--env`), production by default. */
  env?: string;
  envFiles?: string[];
  set?: Record<string, string>;
  /** `--settings`: the settings module, beating every other source. */
  settings?: string;
  /** `--configuration`: the django-configurations class, beating every other source. */
  configuration?: string;
  /** Deploy-file lines whose credential a Django rule reports itself (the admin passwords): the deploy view's credentialsReportedElsewhere. */
  reportedCredentials?: (deploy: DeployFacts, workspace: Workspace) => FileLocation[];
  /** The env files a project's settings and manage.py load: the deploy view's envFilesLoaded. */
  envFileLoads?: (workspace: Workspace, project: DjangoProject) => EnvFileUse[];
}

const PRODUCTION_ENVIRONMENTS = new Set(['production', 'prod']);

/**
 * One project: its deploy facts, then the production model (which settings module, environment and
 * platform production runs with), then, lazily, the settings evaluated under that environment.
 */
function createProject(workspace: Workspace, root: string, options: DiscoverOptions, projectRoots: string[]): DjangoProject {
  const deploy = readDeployFacts(workspace, root);
  const environments = new Map<string, Environment>();
  const environmentFor = (platforms: readonly RuntimePlatform[], commandVars: readonly EnvVar[]): Environment => {
    const key = platforms.join(',');
    let environment = environments.get(key);
    if (!environment) {
      environment = buildEnvironment(workspace, deploy, { name: options.env, envFiles: options.envFiles, set: options.set, projectRoot: root, platforms, commandVars });
      environments.set(key, environment);
    }
    return environment;
  };
  const { model, selection, platforms, commandVars } = buildProductionModel({
    workspace,
    root,
    projectRoots,
    deploy,
    ...(options.settings ? { settings: options.settings } : {}),
    production: options.env === undefined || PRODUCTION_ENVIRONMENTS.has(options.env),
    environment: environmentFor,
  });
  const environment = once<Environment>(() => environmentFor(platforms, commandVars));
  const settingsModule = model.settings;
  const configuration = options.configuration ?? resolveVariable(CONFIGURATION_VARIABLE, { environment, ...(model.entry ? { entry: model.entry } : {}) }, selection.entryPoints);
  const djangoVersion = findDjangoVersion(workspace, root);

  const inProduction = productionFilePredicate(deploy, root);
  // A module committed under another package name stands in for the named one (an assumption the model states).
  const evaluatedModule = settingsModule?.standIn?.module ?? settingsModule?.module;
  const module = once(() => (evaluatedModule ? findModule(workspace, root, evaluatedModule) : undefined));
  const settings = once<Settings | undefined>(() => {
    const found = module();
    if (!evaluatedModule || !found) return undefined;
    return evaluateSettings({
      workspace,
      root: found.pythonRoot,
      module: evaluatedModule,
      environment: environment(),
      djangoVersion: djangoVersion.version,
      configurationClass: configuration,
      loadEnvFile: envFileLoader(workspace, root, { samples: true }),
      generatedModule: generatedModules(workspace, deploy),
      ...(inProduction ? { inProduction } : {}),
    });
  });
  const renamed = settingsModule?.standIn?.package;
  const urls = once<UrlFacts>(() => findUrlFacts({ workspace, root: module()?.pythonRoot ?? root, settings: settings(), ...(renamed ? { renamed } : {}) }));

  const project: DjangoProject = {
    kind: 'django',
    root,
    djangoVersion,
    production: model,
    get environment() {
      return environment();
    },
    deploy,
    get settings() {
      return settings();
    },
    get urls() {
      return urls();
    },
    deployView: {
      deploy,
      get start() {
        return project.production.entry?.command;
      },
      get platforms() {
        return project.production.platforms.map((fact) => fact.platform);
      },
      get environment() {
        return environment();
      },
      credentialsReportedElsewhere: (workspace) => options.reportedCredentials?.(deploy, workspace) ?? [],
      envFilesLoaded: (workspace) => options.envFileLoads?.(workspace, project) ?? [],
    },
  };
  if (settingsModule) {
    project.settingsModule = settingsModule.module;
    project.settingsModuleOrigin = settingsModule.location ? { how: settingsModule.how, location: settingsModule.location } : { how: settingsModule.how };
  }
  return project;
}

const NO_ENVIRONMENT: Environment = { name: 'production', vars: new Map(), files: [], get: () => undefined };

/** Whether an entry point sets DJANGO_SETTINGS_MODULE at all (whatever the environment). */
function setsSettingsModule(workspace: Workspace, file: string, root: string): boolean {
  const evaluation = readEntryPoint(workspace, root, file, NO_ENVIRONMENT);
  return evaluation.settingsModule !== undefined || evaluation.undecided !== undefined || evaluation.candidates.length > 0;
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
    if (hasSettings || setsSettingsModule(workspace, path, dirName(packageDir))) roots.add(dirName(packageDir));
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
    if (!probeExists(isAbsolute(path) ? path : resolve(path))) throw new UsageError(`--env-file ${path}: no such file`);
  }
  const manageRoots = workspace.files.filter((path) => baseName(path) === 'manage.py').map(dirName).filter(isDeployable);
  const roots = manageRoots.length > 0 ? manageRoots : rootsWithoutManagePy(workspace).filter(isDeployable);
  if (roots.length === 0 && options.settings) roots.push('');
  const unique = [...new Set(roots)].sort();
  const projects = unique.map((root) => createProject(workspace, root, options, unique));
  markUndeployed(projects.map((project) => project.production));
  return projects;
}
