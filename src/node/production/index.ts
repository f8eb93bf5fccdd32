/**
 * What production runs for one Node project, each fact with its source or stated as an assumption:
 * the start command (start.ts), the server entries (entries.ts), the platform, and NODE_ENV
 * (node-env.ts). Built before any JS is evaluated; pm2 ecosystem apps are read by the caller, which
 * owns the evaluator (see project.ts).
 */
import { posix } from 'node:path';
import type { FileLocation } from '../../core/location.js';
import { isFileLocation } from '../../core/location.js';
import { redactCommand } from '../../deploy/redact.js';
import type { DeployFacts } from '../../deploy/types.js';
import type { RuntimePlatform } from '../../env/platform.js';
import type { EnvVar, Environment } from '../../env/types.js';
import { inferPlatforms } from '../../production/platform.js';
import { dirName, joinPath } from '../../workspace/paths.js';
import type { Workspace } from '../../workspace/types.js';
import type { NodeFrameworkName, NodeProduction, PackageJson, Pm2Watch } from '../types.js';
import type { NodeRun } from './command.js';
import { entriesOfRun, fallbackEntries, resolveRunFile } from './entries.js';
import type { Entry } from './entries.js';
import { deployTarget } from './deploy-target.js';
import { nixpacksVariables } from './nixpacks.js';
import { decideNodeEnv, impliedNodeEnv } from './node-env.js';
import { findStart } from './start.js';
import type { StartCommand } from './start.js';

/** An app of a pm2 ecosystem file: the script it runs and the NODE_ENV of its production env, as read by the evaluator. */
export interface EcosystemApp {
  script: string;
  /** `cwd`: the folder pm2 starts the app in and resolves `script` from (relative to the ecosystem file's folder). */
  cwd?: string;
  nodeEnv?: { value: string | undefined; location: FileLocation; how: string };
  /** Its `watch`, when it turns watching on. */
  watch?: Pm2Watch;
}

export interface NodeProductionInput {
  workspace: Workspace;
  root: string;
  packageJson: PackageJson;
  frameworks: readonly NodeFrameworkName[];
  deploy: DeployFacts;
  /** The environment for a set of platforms, the start command's own variables and the deploy files of the deploy production is (built once per key by the caller). */
  environment(platforms: readonly RuntimePlatform[], commandVars: readonly EnvVar[], deploy: DeployFacts): Environment;
  /** The apps of a pm2 ecosystem file (evaluated by the caller); [] when it cannot be read. */
  ecosystemApps(file: string): EcosystemApp[];
}

export interface NodeProductionResult {
  production: NodeProduction;
  start?: StartCommand;
  platforms: RuntimePlatform[];
  /** The environment production runs with, NODE_ENV included when a platform or `next start` sets it. */
  environment: Environment;
}

/**
 * `node server.js` in a Next.js app whose repository has no server.js: the standalone server `next
 * build` writes (`output: 'standalone'`), copied into the image; it runs in production mode.
 */
function isNextStandalone(run: NodeRun, entries: readonly Entry[], frameworks: readonly NodeFrameworkName[]): boolean {
  return run.kind === 'file' && entries.length === 0 && frameworks.includes('next') && /(?:^|\/)server\.js$/.test(run.file);
}

/** Platforms that host the app: `docker` only says how it is packaged. */
function primaryPlatform(platforms: readonly RuntimePlatform[]): RuntimePlatform | undefined {
  return platforms.find((platform) => platform !== 'docker') ?? platforms[0];
}

/** The start command's own `NAME=value` words as variables of the app's environment. */
function commandVars(start: StartCommand | undefined): EnvVar[] {
  const location = start && isFileLocation(start.location) ? start.location : undefined;
  const fromDeploy = start?.deployCommand?.env ?? [];
  const fromWords = (start?.parsed?.assignments ?? []).map(({ name, value }) => ({
    name,
    value,
    source: { kind: 'deploy-script' as const, ...(location ? { location } : {}), label: `the start command (${start!.how})` },
  }));
  return [...fromDeploy, ...fromWords.filter((variable) => !fromDeploy.some((other) => other.name === variable.name))];
}

/** An environment that also holds NODE_ENV as the platform or runner sets it, when nothing else does. */
function withImplied(environment: Environment, implied: EnvVar | undefined): Environment {
  if (!implied) return environment;
  const vars = new Map(environment.vars);
  vars.set(implied.name, implied);
  return { ...environment, vars, get: (name) => vars.get(name) };
}

function ecosystemEntries(input: NodeProductionInput, target: string, how: string): { entries: Entry[]; apps: EcosystemApp[] } {
  const file = input.root ? `${input.root}/${target.replace(/^\.\//, '')}` : target.replace(/^\.\//, '');
  if (!/(?:^|\/)ecosystem[^/]*\.(?:c?js|json)$|\.config\.c?js$/.test(file)) {
    const entry = resolveRunFile(input.workspace, input.root, target, `${how} runs ${target}`, input.packageJson.scripts);
    return { entries: entry ? [entry] : [], apps: [] };
  }
  const apps = input.ecosystemApps(file);
  // pm2 resolves an app's script from its cwd, itself from the ecosystem file's folder.
  const folder = dirName(file);
  const fromRoot = input.root === '' ? folder : folder.slice(input.root.length + 1);
  const entries = apps.flatMap((app) => {
    const cwd = app.cwd === undefined || app.cwd.startsWith('/') ? fromRoot : posix.normalize(joinPath(fromRoot, app.cwd)).replace(/^\.$/, '');
    const script = app.script.startsWith('/') ? app.script : posix.normalize(joinPath(cwd, app.script)).replace(/^\.\//, '');
    const entry = resolveRunFile(input.workspace, input.root, script, `${how}: ${file} apps[].script ${app.script}`, input.packageJson.scripts);
    return entry ? [entry] : [];
  });
  return { entries, apps };
}

export function buildNodeProduction(input: NodeProductionInput): NodeProductionResult {
  const { workspace, root, packageJson, frameworks, deploy } = input;
  const start = findStart(workspace, root, packageJson, deploy, frameworks.includes('next'));
  const assumptions: string[] = [];
  const target = deployTarget(deploy, start);
  if (target.note) assumptions.push(target.note);
  const inferred = inferPlatforms(target.deploy, []);
  assumptions.push(...inferred.assumptions);
  const platforms: RuntimePlatform[] = inferred.platforms.map((fact) => fact.platform);
  if (start?.platform && !platforms.includes(start.platform)) platforms.unshift(start.platform);

  let run: NodeRun | undefined = start?.parsed?.run;
  let entries: Entry[] = [];
  let apps: EcosystemApp[] = [];
  if (run?.kind === 'pm2') ({ entries, apps } = ecosystemEntries(input, run.target, start!.how));
  else if (run) entries = entriesOfRun(workspace, root, run, start!.how, packageJson.scripts);
  if (run && isNextStandalone(run, entries, frameworks)) {
    assumptions.push(`${start!.how} runs ${run.kind === 'file' ? run.file : ''}, not in the repository: taken as the server \`next build\` writes for output: 'standalone', which serves the app as \`next start\` does`);
    run = { kind: 'next', mode: 'start' };
  }
  if (entries.length === 0 && run?.kind !== 'next') {
    const reason = !start ? 'no deploy file or package.json script names a start command' : run ? `${start.how} names no server file found in the repository` : `${start.how} (${redactCommand(start.command)}) starts nothing deploycheck reads`;
    const fallback = fallbackEntries(workspace, root, packageJson, frameworks, reason);
    entries = fallback.entries;
    assumptions.push(...fallback.assumptions);
  }

  // The start command's own words win over the builder's image variables.
  const fromCommand = commandVars(start);
  const variables = [...nixpacksVariables(workspace, root).filter((variable) => !fromCommand.some((other) => other.name === variable.name)), ...fromCommand];
  const base = input.environment(platforms, variables, target.deploy);
  const startLocation = start && isFileLocation(start.location) ? start.location : undefined;
  const nodeEnvInput = {
    ...(start ? { command: { assignments: start.parsed?.assignments ?? [], location: startLocation, how: start.how } } : {}),
    ...(run ? { run } : {}),
    environment: base,
    platforms,
  };
  let nodeEnv = decideNodeEnv(nodeEnvInput);
  // pm2's env_production (`pm2 start ecosystem.config.js --env production`) sets it for the app it starts.
  const pm2Env = apps.find((app) => app.nodeEnv)?.nodeEnv;
  if (pm2Env && nodeEnv.confidence !== 'certain') {
    nodeEnv = pm2Env.value === undefined ? { how: pm2Env.how, location: pm2Env.location, confidence: 'unknown' } : { value: pm2Env.value, how: pm2Env.how, location: pm2Env.location, confidence: 'certain' };
  }
  const pm2Var: EnvVar | undefined = pm2Env && !base.get('NODE_ENV') ? { name: 'NODE_ENV', value: pm2Env.value, source: { kind: 'deploy-script', location: pm2Env.location, label: pm2Env.how } } : undefined;
  const environment = withImplied(base, pm2Var ?? impliedNodeEnv(nodeEnvInput));

  const platform = primaryPlatform(platforms);
  const pm2Watch = apps.find((app) => app.watch)?.watch;
  const production: NodeProduction = {
    ...(start ? { start: { command: start.command, location: start.location, how: start.how } } : {}),
    entries,
    nodeEnv,
    ...(platform ? { platform } : {}),
    ...(pm2Watch ? { pm2Watch } : {}),
    assumptions,
  };
  return { production, ...(start ? { start } : {}), platforms, environment };
}
