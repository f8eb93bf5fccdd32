/**
 * One Node project: its deploy facts, then what production runs (src/node/production), then,
 * lazily and once, the environment, the server program evaluated under it, next.config and the
 * Prisma datasources.
 */
import { readDeployFacts } from '../deploy/index.js';
import type { DeployFacts } from '../deploy/types.js';
import { buildEnvironment, envFileLoader } from '../env/environment.js';
import type { RuntimePlatform } from '../env/platform.js';
import type { EnvVar, Environment } from '../env/types.js';
import { evaluateConfigModule, evaluateProgram } from '../js/program.js';
import type { EvaluateOptions, JsProgram, JsValue } from '../js/types.js';
import { isEnvTemplate } from '../secrets/files.js';
import { joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { unwrapConfig } from './config-wrappers.js';
import type { FoundPackage } from './discover.js';
import type { NodeRun } from './production/command.js';
import type { EcosystemApp, NodeProductionResult } from './production/index.js';
import { nodeEnvFileLoads } from './dotenv-use.js';
import { jsAppWatch, jsonAppWatch } from './pm2-watch.js';
import { buildNodeProduction } from './production/index.js';
import { findPrismaDatasources } from './production/prisma.js';
import { parseJsonc } from '../core/jsonc.js';
import type { NodeProject, PrismaDatasource } from './types.js';

/** A value built on first use, once. */
function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

export interface NodeProjectOptions {
  /** Environment name (`--env`), production by default. */
  env?: string;
  envFiles?: string[];
  set?: Record<string, string>;
}

/** A Node project with the production facts its framework's summary reads. */
export interface BuiltNodeProject {
  project: NodeProject;
  production: NodeProductionResult;
  /** Whether the program was evaluated (a rule read it). */
  evaluated(): boolean;
}

const NEXT_CONFIGS = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'next.config.mts'];
/** How many times the program is evaluated again to take in the env files it loads itself (dotenv.config()). */
const MAX_DOTENV_ROUNDS = 2;

/** process.env for the evaluator, from an Environment, with the program started in the project's folder (`root`). */
export function envLookup(environment: Environment, root: string): EvaluateOptions {
  return {
    cwd: root,
    env(name) {
      const variable = environment.get(name);
      if (!variable) return { set: false };
      const location = variable.source.location;
      return { set: true, ...(variable.value !== undefined ? { value: variable.value } : {}), ...(location ? { source: location } : {}), sourceLabel: variable.source.label };
    },
  };
}

/**
 * The environment with the variables of env files the program loads at run time (`dotenv.config()`,
 * `import 'dotenv/config'`, node's `--env-file`): below everything already set, as both leave a
 * variable the process has alone. A file production does not have (git ignores it, or it is not
 * committed) gives the names its committed sample lists, with the value unknown, as does a sample the
 * program loads itself.
 */
function withLoadedFiles(workspace: Workspace, root: string, environment: Environment, files: readonly string[]): Environment {
  const load = envFileLoader(workspace, root, { samples: true });
  const vars = new Map<string, EnvVar>();
  for (const file of files) {
    const path = workspace.exists(file) || !root ? file : joinPath(root, file);
    // A sample loaded as it is (`process.loadEnvFile('.env.example')`) names what the host sets: its values are placeholders.
    const sample = isEnvTemplate(path);
    for (const variable of load(path, 'npm-dotenv', workspace.exists(path)) ?? []) {
      if (vars.has(variable.name)) continue;
      const fallback = variable.value === undefined ? undefined : { value: variable.value, ...(variable.source.location ? { location: variable.source.location } : {}) };
      vars.set(variable.name, sample ? { ...variable, value: undefined, ...(fallback ? { fallback } : {}) } : variable);
    }
  }
  if (vars.size === 0) return environment;
  for (const [name, variable] of environment.vars) vars.set(name, variable);
  return { ...environment, vars, files: [...environment.files, ...files.filter((file) => !environment.files.includes(file))], get: (name) => vars.get(name) };
}

/** The program production starts, evaluated under its environment, again with the env files it loads itself. */
function evaluateServer(workspace: Workspace, root: string, entries: string[], environment: Environment, run: NodeRun | undefined): { program: JsProgram; environment: Environment } {
  const commandEnvFiles = run?.kind === 'file' ? run.envFiles.map((path) => joinPath(root, path.replace(/^\.\//, ''))) : [];
  // fastify-cli runs the entry's exported plugin on an app it creates and starts.
  const options = (env: Environment): EvaluateOptions => ({ ...envLookup(env, root), ...(run?.kind === 'file' && run.plugin ? { entryPlugin: run.plugin } : {}) });
  let current = withLoadedFiles(workspace, root, environment, commandEnvFiles);
  let program = evaluateProgram(workspace, entries, options(current));
  const loaded = new Set(commandEnvFiles);
  for (let round = 0; round < MAX_DOTENV_ROUNDS; round++) {
    const added = program.dotenv.map((use) => use.path).filter((path) => !loaded.has(path));
    if (added.length === 0) break;
    for (const path of added) loaded.add(path);
    const next = withLoadedFiles(workspace, root, environment, [...loaded]);
    if (next === current) break;
    current = next;
    program = evaluateProgram(workspace, entries, options(current));
  }
  return { program, environment: current };
}

/**
 * A config module's exported value: `export default` / `module.exports`, the config a plugin wrapper
 * wraps (`withNextIntl(config)`), a function's returned object (`(phase) => ({…})`).
 */
function exportedConfig(exports: Map<string, JsValue>, program: JsProgram): JsValue | undefined {
  const exported = exports.get('default');
  const value = exported && unwrapConfig(program, exported);
  if (value?.kind === 'function') return value.fn.returns;
  return value;
}

function stringOf(value: JsValue | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

/** The apps of a pm2 ecosystem file: `apps[].script` and the NODE_ENV of `env_production` (else `env`). */
function readEcosystem(workspace: Workspace, root: string, file: string, environment: Environment): EcosystemApp[] {
  if (file.endsWith('.json')) {
    const read = workspace.readText(file);
    const data = read.ok ? (parseJsonc(read.text) as { apps?: unknown } | undefined) : undefined;
    const apps = Array.isArray(data?.apps) ? (data.apps as Record<string, unknown>[]) : [];
    return apps.flatMap((app, index) => {
      if (typeof app?.script !== 'string') return [];
      const envs = [['env_production', app.env_production], ['env', app.env]] as const;
      const found = envs.find(([, env]) => typeof env === 'object' && env !== null && 'NODE_ENV' in env);
      const value = found ? (found[1] as Record<string, unknown>).NODE_ENV : undefined;
      const nodeEnv = found ? { value: typeof value === 'string' ? value : undefined, location: { file, line: 1, column: 1 }, how: `${file} apps[${index}].${found[0]}.NODE_ENV` } : undefined;
      const watch = jsonAppWatch(file, index, app.watch);
      return [{ script: app.script, ...(typeof app.cwd === 'string' ? { cwd: app.cwd } : {}), ...(nodeEnv ? { nodeEnv } : {}), ...(watch ? { watch } : {}) }];
    });
  }
  const { exports, program } = evaluateConfigModule(workspace, file, envLookup(environment, root));
  const config = exportedConfig(exports, program);
  const apps = config?.kind === 'object' ? config.props.get('apps') : undefined;
  const items = apps?.kind === 'array' ? apps.items : apps?.kind === 'object' ? [apps] : [];
  return items.flatMap((app, index) => {
    if (app.kind !== 'object') return [];
    const script = stringOf(app.props.get('script'));
    if (!script) return [];
    const cwd = stringOf(app.props.get('cwd'));
    const watch = jsAppWatch(file, app.props.get('watch'));
    const where = { ...(cwd === undefined ? {} : { cwd }), ...(watch ? { watch } : {}) };
    for (const key of ['env_production', 'env']) {
      const env = app.props.get(key);
      const nodeEnv = env?.kind === 'object' ? env.props.get('NODE_ENV') : undefined;
      if (!nodeEnv) continue;
      const location = nodeEnv.loc ?? env!.loc ?? { file, line: 1, column: 1 };
      return [{ script, ...where, nodeEnv: { value: stringOf(nodeEnv), location, how: `${file} apps[${index}].${key}.NODE_ENV` } }];
    }
    return [{ script, ...where }];
  });
}

export function createNodeProject(workspace: Workspace, found: FoundPackage, options: NodeProjectOptions): BuiltNodeProject {
  const { root, packageJson, frameworks } = found;
  const deploy = readDeployFacts(workspace, root);
  const environments = new Map<string, Environment>();
  const environmentFor = (platforms: readonly RuntimePlatform[], commandVars: readonly EnvVar[], target: DeployFacts = deploy): Environment => {
    const key = `${platforms.join(',')}\0${commandVars.map((variable) => `${variable.name}=${variable.value}`).join(',')}\0${target === deploy ? '' : 'target'}`;
    let environment = environments.get(key);
    if (!environment) {
      environment = buildEnvironment(workspace, target, { name: options.env, envFiles: options.envFiles, set: options.set, projectRoot: root, platforms, commandVars, dialect: 'npm-dotenv' });
      environments.set(key, environment);
    }
    return environment;
  };
  const production = buildNodeProduction({
    workspace,
    root,
    packageJson,
    frameworks,
    deploy,
    environment: environmentFor,
    ecosystemApps: (file) => readEcosystem(workspace, root, file, environmentFor([], [])),
  });
  const run = production.start?.parsed?.run;
  let evaluated = false;
  const server = once(() => {
    evaluated = true;
    const entries = production.production.entries.map((entry) => entry.file);
    return entries.length > 0 ? evaluateServer(workspace, root, entries, production.environment, run) : undefined;
  });
  const nextConfig = once<{ file: string; value: JsValue } | undefined>(() => {
    if (!frameworks.includes('next')) return undefined;
    const file = NEXT_CONFIGS.map((name) => joinPath(root, name)).find((path) => workspace.exists(path));
    if (!file) return undefined;
    const { exports, program } = evaluateConfigModule(workspace, file, envLookup(production.environment, root));
    const value = exportedConfig(exports, program) ?? { kind: 'unknown', reason: `${file} exports no configuration deploycheck could read` };
    return { file, value };
  });
  const prisma = once<PrismaDatasource[]>(() => findPrismaDatasources(workspace, root, server()?.environment ?? production.environment));

  const project: NodeProject = {
    kind: 'node',
    root,
    packageJson,
    frameworks,
    production: production.production,
    get environment() {
      return server()?.environment ?? production.environment;
    },
    deploy,
    get program() {
      return server()?.program;
    },
    get nextConfig() {
      return nextConfig();
    },
    get prisma() {
      return prisma();
    },
    deployView: {
      deploy,
      start: production.start?.deployCommand,
      platforms: production.platforms,
      get environment() {
        return project.environment;
      },
      credentialsReportedElsewhere: () => [],
      envFilesLoaded: (workspace) => nodeEnvFileLoads(workspace, project, production.start),
    },
  };
  return { project, production, evaluated: () => evaluated };
}
