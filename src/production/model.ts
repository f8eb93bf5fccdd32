/**
 * The production model of one project, built once from the deploy facts before any setting is
 * evaluated: entry command → app module → settings module → platform → edge, each with its source.
 */
import type { DeployCommand, DeployFacts } from '../deploy/types.js';
import { envSourceKind } from '../deploy/commands.js';
import { redactCommand } from '../deploy/redact.js';
import type { Location } from '../core/location.js';
import { PLATFORM_NAMES } from '../env/platform.js';
import type { RuntimePlatform } from '../env/platform.js';
import type { EnvVar, Environment } from '../env/types.js';
import type { ServerCommand } from './server-command.js';
import { dirName, isWithin, joinPath } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { appModuleFile, selectSettingsModule, settingsHow, settingsSources } from './django-settings.js';
import type { Selection } from './django-settings.js';
import { readEdge } from './edge.js';
import { chooseEntry, entryLabel } from './entry.js';
import { inferPlatforms } from './platform.js';
import type { Deployment, EntryCommand, ProductionModel, ProductionStep } from './types.js';

export interface ProductionInput {
  workspace: Workspace;
  root: string;
  projectRoots: readonly string[];
  deploy: DeployFacts;
  /** `--settings`. */
  settings?: string;
  /** Whether the environment is production's (not `--env development`). */
  production: boolean;
  /**
   * The environment production runs with, given the platforms it runs on (their runtime variables
   * are set) and the variables the web command sets itself.
   */
  environment: (platforms: readonly RuntimePlatform[], commandVars: readonly EnvVar[]) => Environment;
}

export interface BuiltProduction {
  model: ProductionModel;
  selection: Selection;
  platforms: RuntimePlatform[];
  /** The variables the web command sets, for the environment. */
  commandVars: EnvVar[];
}

function at(location: Location | undefined): string {
  return location && 'file' in location ? `${location.file}:${location.line}` : '';
}

/** `NAME=value gunicorn …`, `gunicorn --env NAME=value`: variables of the web process, located at its command. */
function entryVariables(command: DeployCommand, server: ServerCommand): EnvVar[] {
  const label = `${at(command.location)} (${command.process ?? command.kind} command)`;
  return Object.entries(server.env).map(([name, value]) => ({ name, value, source: { kind: envSourceKind(command.kind), location: command.location, label } }));
}

/** Whether a deploy entry point reaches this project, and how. */
function reach(input: ProductionInput, entry: EntryCommand | undefined, appFile: string | undefined, selection: Selection): Omit<Deployment, 'status'> | undefined {
  const { root, deploy, workspace } = input;
  // The app module was looked up from this project's Python path: wherever the file sits (even in
  // a nested project's folder), this project is the one that imports it.
  if (appFile) return { reason: `production serves ${appFile}`, location: { file: appFile, line: 1, column: 1 } };
  const manage = entry?.server?.managePy;
  if (manage && entry) {
    const file = joinPath(entry.server?.chdir?.replace(/^\.\//, '') ?? '', manage);
    if (workspace.exists(file) && dirName(file) === root) return { reason: `production runs ${file}`, location: entry.command.location };
  }
  const named = selection.candidates.find((candidate) => (candidate.how === 'environment' || candidate.how === 'command') && (candidate.exists || candidate.standIn));
  if (named) return { reason: `production's DJANGO_SETTINGS_MODULE ${named.module} is this project's`, ...(named.location ? { location: named.location } : {}) };
  const own = root !== '' ? deploy.files.find((file) => isWithin(file.path, root)) : undefined;
  if (own) return { reason: `${own.path} deploys it`, location: { file: own.path, line: 1, column: 1 } };
  return undefined;
}

export function buildProductionModel(input: ProductionInput): BuiltProduction {
  const { workspace, root, deploy } = input;
  const entry = chooseEntry(deploy.commands);
  const steps: ProductionStep[] = [];
  const assumptions: string[] = [];
  if (entry) {
    const { command, server } = entry;
    steps.push({ kind: 'entry', value: entryLabel(command), how: `${command.kind}${command.process ? ` ${command.process} process` : ' command'}`, location: command.location });
    if (server) steps.push({ kind: 'server', value: [server.server, server.appModule].filter(Boolean).join(' '), how: redactCommand(command.text), location: command.location });
    else assumptions.push(`the web process runs \`${redactCommand(command.text)}\`, which starts no server deploycheck recognises: the app module is not known`);
  } else {
    assumptions.push('no deploy file says which process production starts');
  }
  const appFile = appModuleFile(workspace, root, entry);
  const appModule = entry?.server?.appModule;
  if (appModule && entry) {
    steps.push({ kind: 'app', value: appModule, how: appFile ? `serves ${appFile}` : 'not in this project', location: appFile ? { file: appFile, line: 1, column: 1 } : entry.command.location });
  }

  const commandVars = entry?.server ? entryVariables(entry.command, entry.server) : [];
  const baseEnvironment = once(() => input.environment(deploy.platforms, commandVars));
  const selection = selectSettingsModule({
    workspace,
    root,
    projectRoots: input.projectRoots,
    environment: baseEnvironment,
    commands: deploy.commands,
    ...(entry ? { entry } : {}),
    ...(input.settings ? { settings: input.settings } : {}),
    production: input.production,
    platforms: deploy.platforms,
  });
  assumptions.push(...selection.assumptions);
  const chosen = selection.chosen;
  if (chosen) steps.push({ kind: 'settings', value: chosen.module, how: settingsHow(chosen), ...(chosen.location ? { location: chosen.location } : {}) });

  const sources = settingsSources(workspace, root, chosen ? [chosen.module] : [], [appFile, ...selection.entryPoints.map((point) => point.file)]);
  const inferred = inferPlatforms(deploy, sources);
  assumptions.push(...inferred.assumptions);
  for (const fact of inferred.platforms) {
    steps.push({ kind: 'platform', value: fact.platform, how: fact.how === 'marker' ? `${PLATFORM_NAMES[fact.platform]}: ${fact.evidence}` : `${PLATFORM_NAMES[fact.platform]} (${fact.evidence})`, ...(fact.location ? { location: fact.location } : {}) });
  }
  const platforms = inferred.platforms.map((fact) => fact.platform);
  const edge = readEdge(workspace, deploy, platforms);
  if (edge.httpsRedirect) steps.push({ kind: 'edge', value: 'HTTP→HTTPS redirect', how: `${edge.httpsRedirect.kind === 'platform' ? 'the platform' : 'reverse proxy'}: ${edge.httpsRedirect.by}`, ...(edge.httpsRedirect.location ? { location: edge.httpsRedirect.location } : {}) });
  if (edge.hsts) steps.push({ kind: 'edge', value: 'HSTS', how: `reverse proxy: ${edge.hsts.by}`, ...(edge.hsts.location ? { location: edge.hsts.location } : {}) });

  const reached = reach(input, entry, appFile, selection);
  const model: ProductionModel = {
    ...(entry ? { entry } : {}),
    ...(appModule && entry ? { app: { module: appModule, ...(appFile ? { file: appFile } : {}), location: entry.command.location } } : {}),
    candidates: selection.candidates,
    ...(chosen ? { settings: chosen } : {}),
    platforms: inferred.platforms,
    edge,
    deployment: reached ? { status: 'deployed', ...reached } : { status: 'unknown', reason: 'no deploy entry point names this project' },
    steps,
    assumptions,
    assumed: selection.assumed,
    gaps: selection.gaps,
  };
  return { model, selection, platforms, commandVars };
}

/**
 * Across the projects of one repository: when a deploy entry point reaches some, the others are
 * not deployed (a leftover `startproject`, an example, a docs site).
 */
export function markUndeployed(models: readonly ProductionModel[]): void {
  // Only a reached project whose settings module is in it decides: when production's settings live
  // elsewhere (a wsgi.py that puts another project on sys.path), no project is set aside.
  const deployed = models.filter((model) => model.deployment.status === 'deployed');
  if (deployed.some((model) => !model.settings?.exists && !model.settings?.standIn)) return;
  if (deployed.length === 0) return;
  for (const model of models) {
    if (model.deployment.status === 'deployed') continue;
    const first = deployed[0]!.deployment;
    model.deployment = { status: 'not-deployed', reason: `no deploy entry point reaches it, while ${first.reason}` };
  }
}

export function once<T>(build: () => T): () => T {
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
