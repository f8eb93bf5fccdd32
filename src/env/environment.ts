import { readTextFile } from '../workspace/read.js';
import { isAbsolute, resolve } from 'node:path';
import type { DeployFacts } from '../deploy/types.js';
import { joinPath, relativePath } from '../workspace/paths.js';
import { UsageError } from '../core/errors.js';
import type { Workspace } from '../workspace/types.js';
import { envFileDialect, projectDialect } from './consumer.js';
import { dotenvVars, parseEnvFile } from './dotenv.js';
import type { DotenvEntry, EnvFileDialect } from './dotenv.js';
import { platformVariables } from './platform.js';
import type { RuntimePlatform } from './platform.js';
import type { EnvVar, Environment, OpaqueSource } from './types.js';
import { readDotenv } from './workspace-dotenv.js';
import { deployEnvFiles } from './deploy-env-files.js';
import { envSampleFor } from './env-samples.js';

export interface EnvironmentOptions {
  /** `production` (the default), `staging`, `development`, … */
  name?: string;
  /** Extra dotenv files (`--env-file`): absolute, or relative to the current directory. */
  envFiles?: string[];
  /** `--set NAME=value` pairs: they win over everything else. */
  set?: Record<string, string>;
  /** Workspace-relative directory of the Django project ('' for the workspace root). */
  projectRoot?: string;
  /** The platforms production runs on when the production model knows more than the deploy files (a marker in the code). */
  platforms?: readonly RuntimePlatform[];
  /** Variables the web command itself sets (`gunicorn --env NAME=value`, `NAME=value gunicorn …`): over the deploy files' for that process. */
  commandVars?: readonly EnvVar[];
  /** The dialect the project reads its env files with, when its kind decides (npm dotenv for a Node project); else consumer.ts guesses. */
  dialect?: EnvFileDialect;
}

const PRODUCTION_NAMES = new Set(['production', 'prod']);
const DEVELOPMENT_NAMES = new Set(['development', 'dev', 'local']);

/** The dotenv file names an environment is made of, in increasing precedence. */
export function envFileNames(name: string): string[] {
  if (PRODUCTION_NAMES.has(name)) return ['.env.production', '.env.prod'];
  if (DEVELOPMENT_NAMES.has(name)) return ['.env', '.env.local', '.env.development', '.env.development.local'];
  return [`.env.${name}`, `.env.${name}.local`];
}

/** A workspace-relative path (forward slashes) for a file given on the command line. */
function cliPathToWorkspace(workspace: Workspace, path: string): string {
  const absolute = isAbsolute(path) ? path : resolve(path);
  return relativePath(workspace.root, absolute);
}

/**
 * The entries of an `--env-file` (`path` as given, `file` workspace-relative). From disk even with
 * --staged: an env file given on the command line is rarely committed; a working-tree file of the
 * workspace shares the workspace's parse. A missing or unreadable file is a UsageError.
 */
function cliEnvFileEntries(workspace: Workspace, path: string, file: string, dialect: EnvFileDialect): readonly DotenvEntry[] {
  if (workspace.source === 'worktree' && !file.startsWith('../') && !isAbsolute(file) && workspace.exists(file)) {
    const parsed = readDotenv(workspace, file, dialect);
    if (parsed.ok) return parsed.entries;
  }
  const read = readTextFile(isAbsolute(path) ? path : resolve(path), path);
  if (!read.ok) throw new UsageError(`--env-file ${read.message}`);
  return parseEnvFile(read.text, dialect).entries;
}

/** Build an Environment from variables in increasing precedence (a later variable wins). */
function makeEnvironment(
  name: string,
  vars: Iterable<EnvVar>,
  files: string[],
  extra: { platforms?: readonly string[]; opaqueSources?: OpaqueSource[] } = {},
): Environment {
  const map = new Map<string, EnvVar>();
  for (const variable of vars) {
    map.delete(variable.name); // keep insertion order = order of the winning definition
    map.set(variable.name, variable);
  }
  const environment: Environment = { name, vars: map, files, get: (variable) => map.get(variable) };
  if (extra.platforms?.length) environment.platforms = extra.platforms;
  if (extra.opaqueSources?.length) environment.opaqueSources = extra.opaqueSources;
  return environment;
}

/**
 * The env files the app's deploy files load that the repository does not hold (`env_file: .env.prod`
 * with `.env.prod` uncommitted): production has them, so they are opaque sources, not empty ones. The
 * variables a committed sample next to one names (`.env.prod-sample`, `.env.example`) are set with
 * the value unknown; the sample's values are never taken. Others stay unset (their defaults are judged).
 */
function opaqueEnvSources(workspace: Workspace, deploy: DeployFacts): { sources: OpaqueSource[]; vars: EnvVar[] } {
  const sources: OpaqueSource[] = [];
  const vars: EnvVar[] = [];
  for (const use of deployEnvFiles(deploy)) {
    if (!use.app || workspace.exists(use.path) || sources.some((source) => source.file === use.path)) continue;
    const sample = envSampleFor(workspace, use.path);
    const named = sample ? `; ${sample.file} names ${sample.names.length} variable${sample.names.length === 1 ? '' : 's'}` : '; no sample names its variables';
    sources.push({ label: `${use.path} (${use.loadedBy}, not in the repository${named})`, location: use.location, file: use.path, ...(sample ? { sample: sample.file } : {}) });
    for (const variable of sample?.names ?? []) {
      vars.push({
        name: variable,
        value: undefined,
        source: { kind: 'env-file', location: use.location, label: `${use.path} (${use.loadedBy}; not in the repository, ${sample!.file} names ${variable})` },
      });
    }
  }
  return { sources, vars };
}

/**
 * The variables of one environment. Production (the default): variables the detected platforms set
 * at run time (Heroku's DYNO, …; value unknown), then variables the deploy files declare (with those
 * of uncommitted env files they load, see opaqueEnvSources), then `.env.production` / `.env.prod` (workspace root, then project root), then `--env-file`
 * files, then `--set`. Other names read their own dotenv files instead and ignore deploy files.
 * A missing or unreadable `--env-file` is a UsageError.
 */
export function buildEnvironment(workspace: Workspace, deploy: DeployFacts, options: EnvironmentOptions = {}): Environment {
  const name = options.name ?? 'production';
  const vars: EnvVar[] = [];
  const files: string[] = [];
  const addFile = (file: string): void => {
    if (!files.includes(file)) files.push(file);
  };

  const production = PRODUCTION_NAMES.has(name);
  const platforms = options.platforms ?? deploy.platforms;
  const opaque = production ? opaqueEnvSources(workspace, deploy) : { sources: [], vars: [] };
  if (production) {
    vars.push(...platformVariables(platforms));
    const deployFiles = new Set(deploy.files.map((file) => file.path));
    // An opaque env file overrides the image's ENV (Dockerfile variables come first) and yields to the rest.
    let opaqueAdded = false;
    for (const variable of deploy.env) {
      if (!opaqueAdded && variable.source.kind !== 'dockerfile') {
        vars.push(...opaque.vars);
        opaqueAdded = true;
      }
      vars.push(variable);
      // A variable located outside the deploy files came from an env file one of them loads.
      const file = variable.source.location?.file;
      if (file !== undefined && !deployFiles.has(file)) addFile(file);
    }
    if (!opaqueAdded) vars.push(...opaque.vars);
    vars.push(...(options.commandVars ?? []));
  }

  // A file Compose's env_file reads is read with Compose's rules; others with their loader's (consumer.ts).
  const composeFiles = new Set(deploy.env.filter((variable) => variable.source.kind === 'docker-compose').map((variable) => variable.source.location?.file));
  const dialectOf = (file: string): EnvFileDialect =>
    composeFiles.has(file) ? 'compose' : (options.dialect ?? projectDialect(workspace, options.projectRoot ?? '', envFileDialect(workspace, file)));

  const dirs = [''];
  if (options.projectRoot) dirs.push(options.projectRoot);
  for (const dir of dirs) {
    for (const fileName of envFileNames(name)) {
      const file = joinPath(dir, fileName);
      if (!workspace.exists(file)) continue;
      const parsed = readDotenv(workspace, file, dialectOf(file));
      if (!parsed.ok) continue;
      vars.push(...dotenvVars(parsed.entries, file));
      addFile(file);
    }
  }

  for (const path of options.envFiles ?? []) {
    const file = cliPathToWorkspace(workspace, path);
    vars.push(...dotenvVars(cliEnvFileEntries(workspace, path, file, dialectOf(file)), file));
    addFile(file);
  }

  for (const [variable, value] of Object.entries(options.set ?? {})) {
    vars.push({ name: variable, value, source: { kind: 'cli', label: '--set' } });
  }
  return makeEnvironment(name, vars, files, production ? { platforms, opaqueSources: opaque.sources } : {});
}

/**
 * The variables a committed sample names for an env file production loads but does not have here
 * (`.env` uncommitted or gitignored, `.env.template` committed): the operator writes that file from
 * the sample, so they are set with the value unknown; the sample's values are never taken.
 */
function sampleVars(workspace: Workspace, path: string): EnvVar[] | undefined {
  const sample = envSampleFor(workspace, path);
  if (!sample) return undefined;
  return sample.names.map((name) => ({
    name,
    value: undefined,
    source: { kind: 'settings-loader', label: `${path} (loaded by settings; not in the repository, ${sample.file} names ${name})` },
  }));
}

/**
 * For the settings evaluator: the variables of an env file the settings code loads at run time
 * (`environ.Env.read_env`, `load_dotenv`, …), read with that loader's rules (`dialect`), when
 * production would have that file. A file git ignores is not deployed, so production does not have
 * it; a tracked or untracked but not ignored file is, and so is any file when the workspace is not a
 * git repository. With `samples`, a file production does not have gives the variables its committed
 * sample names (see sampleVars); without, nothing (undefined). With `projectRoot`, a project that pins
 * django-environ 0.11 gets that release's `read_env`, which ends a value at `#`.
 */
export function envFileLoader(
  workspace: Workspace,
  projectRoot?: string,
  options: { samples?: boolean } = {},
): (path: string, dialect: EnvFileDialect, present?: boolean) => EnvVar[] | undefined {
  return (path, dialect, present = true) => {
    const absent = !present || workspace.isIgnored(path) === true || !workspace.exists(path);
    if (absent) return options.samples ? sampleVars(workspace, path) : undefined;
    const parsed = readDotenv(workspace, path, projectRoot === undefined ? dialect : projectDialect(workspace, projectRoot, dialect));
    if (!parsed.ok) return undefined;
    return dotenvVars(parsed.entries, path, { kind: 'settings-loader', note: '(loaded by settings)' });
  };
}
