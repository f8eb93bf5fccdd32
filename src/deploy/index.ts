import type { Workspace } from '../workspace/types.js';
import { readAppJson } from './app-json.js';
import { isAppEngineYaml, readAppYaml } from './app-engine.js';
import { emptyComposeReading, readCompose } from './compose.js';
import type { ComposeReading } from './compose.js';
import { isDockerfileName, readDockerfile } from './dockerfile.js';
import type { DockerfileOptions } from './dockerfile.js';
import { readFlyToml } from './fly.js';
import { readHerokuYml } from './heroku-yml.js';
import { deployDirectories, namesIn } from './locations.js';
import { readProcfile } from './procfile.js';
import type { DeployReading } from './reading.js';
import { readRenderYaml } from './render.js';
import { mapPairs, valueOf, YamlSource } from './yaml-source.js';
import type { ComposeFileFacts, DeployCommand, DeployFacts, DeployFileKind, Platform } from './types.js';
import { baseName, dirName, joinPath, resolveFrom } from '../workspace/paths.js';
import type { DockerBuild } from './reading.js';
import { readDockerIgnore } from './dockerignore.js';
import { completeCommands } from './commands.js';
import type { PathBase } from './follow.js';
import { readOtherDeployFiles } from './other-files.js';
import { DO_APP_SPECS, readDoAppSpec } from './digitalocean.js';
import { CAPTAIN_DEFINITION, readCaptainDefinition } from './caprover.js';
import type { ComposeChain } from './deploy-scripts.js';
import { readKubernetesManifests } from './kubernetes.js';
import type { KubernetesManifests } from './kubernetes.js';

/** Dockerfiles for development, CI or a side service (proxy, database) are not what production runs. */
const NON_PRODUCTION_DOCKERFILE = /(?:^|[.\-_])(?:dev|develop|development|local|test|tests|ci|nginx|traefik|caddy|postgres|redis)(?:$|[.\-_])/i;
/** `docker-compose.yml`, `compose.yaml`, `docker-compose.<qualifier>.yml`; group 1 is the qualifier. */
const COMPOSE = /^(?:docker-)?compose(?:[.-]([\w.-]+?))?\.ya?ml$/i;
const PRODUCTION_WORD = /(?:^|[.\-_])(?:prod|production|prd|live)(?:$|[.\-_])/i;
/** cookiecutter-django's `production.yml` and the like: compose files named only for production. */
const PRODUCTION_ONLY_NAME = /^(?:prod|production)\.ya?ml$/i;
const NON_PRODUCTION_COMPOSE = /(?:^|[.\-_])(?:dev|develop|development|local|test|tests|ci|e2e|debug|override|devcontainer)(?:$|[.\-_])/i;

interface ComposeFile {
  dir: string;
  path: string;
  production: boolean;
  reading: ComposeReading;
}

function dockerfileOrder(a: string, b: string): number {
  const plain = (name: string): number => (name.toLowerCase() === 'dockerfile' ? 0 : 1);
  return plain(a) - plain(b) || a.localeCompare(b);
}

/**
 * Whether a compose file only adjusts services another file defines: it has services, and none
 * has an image, a build or an `extends` of its own (`docker-compose.prod.yml` setting `command:`
 * for the base file's service). Compose cannot run it alone: `-f docker-compose.yml -f <it>` does.
 */
function adjustsOnly(workspace: Workspace, path: string): boolean {
  const read = workspace.readText(path);
  if (!read.ok) return false;
  const source = new YamlSource(path, read.text);
  if (source.problems().length > 0) return false;
  const services = mapPairs(valueOf(source.root(), 'services'));
  return services.length > 0 && services.every(({ value }) => ['image', 'build', 'extends'].every((key) => valueOf(value, key) === undefined));
}

/**
 * A production override (`docker-compose.prod.override.yml`), or a production-named file that only
 * adjusts the plain file's services, is merged over the plain file of its folder, as compose does.
 */
function overrideChains(workspace: Workspace, dirs: string[]): ComposeChain[] {
  const chains: ComposeChain[] = [];
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    const base = ['docker-compose.yml', 'docker-compose.yaml', 'compose.yaml', 'compose.yml'].find((name) => names.has(name));
    for (const name of [...names].sort()) {
      const qualifier = COMPOSE.exec(name)?.[1] ?? '';
      if (!PRODUCTION_WORD.test(qualifier)) continue;
      const path = joinPath(dir, name);
      const override = /(?:^|[.\-_])override$/i.test(qualifier);
      if (!override && !(base && adjustsOnly(workspace, path))) continue;
      chains.push({
        files: base ? [base, name] : [name],
        location: { file: path, line: 1, column: 1 },
        deploying: true,
        reason: base ? `${name} merged over it` : 'named for production',
      });
    }
  }
  return chains;
}

/**
 * The compose files production uses. A production-named file (`docker-compose.prod.yml`,
 * `production.yml`, …) always counts, and when one exists the plain ones are development's. A
 * plain file counts unless it (or the `docker-compose.override.yml` compose merges into it) looks
 * like a development setup. Files named for dev, CI, tests or overrides never count. A `-f a -f b`
 * chain a deploy script runs (a deploy recipe, or any chain with a production-named file) counts
 * whole, merged in order, whatever the names. When production runs elsewhere (`deployedElsewhere`: Kubernetes
 * manifests, or a fly.toml or render.yaml in the compose file's folder), the plain files are development's too. `looked` says, for every compose file, whether and why.
 */
function productionComposeFiles(
  workspace: Workspace,
  dirs: string[],
  scriptChains: ComposeChain[],
  onlyStarter = false,
  deployedElsewhere: (dir: string) => string | undefined = () => undefined,
): { files: ComposeFile[]; looked: ComposeFileFacts[] } {
  const productionNamed = (chain: ComposeChain): boolean =>
    chain.files.some((path) => PRODUCTION_ONLY_NAME.test(baseName(path)) || PRODUCTION_WORD.test(COMPOSE.exec(baseName(path))?.[1] ?? ''));
  // A chain with a production-named file wins over another deploy chain (staging) sharing its base file.
  const chains = [...scriptChains, ...overrideChains(workspace, dirs)].sort((a, b) => Number(productionNamed(b)) - Number(productionNamed(a)));
  const candidates: ComposeFile[] = [];
  const looked: ComposeFileFacts[] = [];
  const inChain = new Set<string>();
  const chained: ComposeFile[] = [];
  for (const chain of chains) {
    const paths = chain.files.map((path) => resolveFrom(chain.location.file, path) ?? path);
    if (!(chain.deploying || productionNamed(chain)) || paths.some((path) => inChain.has(path) || !workspace.exists(path))) continue;
    const appServices: string[] = [];
    for (const path of paths) {
      const read = workspace.readText(path);
      const reading: ComposeReading = read.ok ? readCompose(path, read.text, workspace, { appServices }) : emptyComposeReading();
      appServices.push(...reading.appServices.filter((name) => !appServices.includes(name)));
      inChain.add(path);
      chained.push({ dir: dirName(paths[0]!), path, production: true, reading });
      const why = chain.reason === undefined ? `-f chain in ${chain.location.file}:${chain.location.line}` : path === paths.at(-1) ? 'named for production' : chain.reason;
      looked.push({ path, production: true, why });
    }
  }
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    for (const name of [...names].sort()) {
      const path = joinPath(dir, name);
      if (inChain.has(path)) continue;
      const qualifier = COMPOSE.exec(name)?.[1] ?? '';
      const isCompose = COMPOSE.test(name) || PRODUCTION_ONLY_NAME.test(name);
      if (!isCompose) continue;
      if (NON_PRODUCTION_COMPOSE.test(qualifier)) {
        looked.push({ path, production: false, why: `named for ${qualifier}` });
        continue;
      }
      const read = workspace.readText(path);
      const text = read.ok ? read.text : '';
      if (PRODUCTION_ONLY_NAME.test(name) && !/^services\s*:/m.test(text)) continue;
      // An unreadable file is reported when it is merged.
      const reading: ComposeReading = read.ok ? readCompose(path, text, workspace) : emptyComposeReading();
      // A file of databases and caches alone (`db_dev: postgres`) runs them beside an app started some other way.
      // A file that did not parse says nothing about its services: it stays a candidate, so its problem is reported.
      if (read.ok && reading.problems.length === 0 && reading.appServices.length === 0 && !reading.development && !PRODUCTION_WORD.test(qualifier) && !PRODUCTION_ONLY_NAME.test(name)) {
        reading.development = 'runs no app service, only services beside it';
      }
      const override = ['docker-compose.override.yml', 'docker-compose.override.yaml', 'compose.override.yaml', 'compose.override.yml'].find((other) => names.has(other));
      if (!reading.development && override && !PRODUCTION_WORD.test(qualifier)) {
        const overrideText = workspace.readText(joinPath(dir, override));
        if (overrideText.ok) {
          reading.development = readCompose(joinPath(dir, override), overrideText.text, workspace, { appServices: reading.appServices }).development;
        }
      }
      const production = PRODUCTION_ONLY_NAME.test(name) || PRODUCTION_WORD.test(qualifier);
      const elsewhere = production ? undefined : deployedElsewhere(dir);
      if (elsewhere) reading.development ??= elsewhere;
      candidates.push({ dir, path, production, reading });
    }
  }
  const hasProductionFile = chained.length > 0 || candidates.some((candidate) => candidate.production);
  const files = [...chained];
  for (const candidate of candidates) {
    const starter = onlyStarter && !hasProductionFile && candidate.reading.development !== undefined && candidate.reading.appServices.length > 0;
    const used = candidate.production || (!hasProductionFile && !candidate.reading.development) || starter;
    if (used) files.push(candidate);
    const why = candidate.production
      ? 'named for production'
      : starter
        ? `nothing else starts the app, although ${candidate.reading.development}`
        : used
          ? 'no production compose file, and no development signs'
          : (candidate.reading.development ?? 'a production compose file exists');
    looked.push({ path: candidate.path, production: used, why });
  }
  return { files, looked };
}

/** Files that run an image only through compose, or that the commands themselves come from. */
const COMPOSE_ONLY_KINDS = new Set<DeployFileKind>(['dockerfile', 'docker-compose', 'script', 'gunicorn-config', 'uwsgi-ini', 'deploy-script']);

/**
 * When production runs its images only through compose files and every app service sets its own
 * `command:`/`entrypoint:`, the images' CMD never runs: mark it `overriddenBy` the first such command.
 */
function markOverriddenCmds(facts: DeployFacts, files: ComposeFile[], imageCommands: { cmd?: DeployCommand }[]): void {
  if (files.length === 0 || !facts.files.every((file) => COMPOSE_ONLY_KINDS.has(file.kind))) return;
  const paths = new Set(files.map((file) => file.path));
  const apps = new Set(files.flatMap((file) => file.reading.appServices));
  const own = facts.commands.filter((command) => command.kind === 'docker-compose' && paths.has(command.location.file) && command.process !== undefined);
  if (apps.size === 0 || [...apps].some((service) => !own.some((command) => command.process === service))) return;
  for (const { cmd } of imageCommands) if (cmd) cmd.overriddenBy = own[0]!.location;
}

/**
 * Read the deploy files production uses: those of the conventional deploy folders, the workspace
 * root and the project root (later ones win), and the Dockerfiles a compose file or heroku.yml
 * builds from. Within a folder the order makes platform configuration override image defaults:
 * Dockerfile, compose (its environment overrides the image's ENV at run time), heroku.yml,
 * Procfile, app.json, fly.toml, render.yaml, app.yaml. Development compose files contribute
 * nothing, unless nothing else starts the app (then a plain compose file with an app service is
 * production's whatever it looks like). Never throws: bad files become problems.
 */
export function readDeployFacts(workspace: Workspace, projectRoot: string): DeployFacts {
  const kubernetes = readKubernetesManifests(workspace);
  const facts = readDeployFiles(workspace, projectRoot, false, kubernetes);
  // A compose file that looks like development is still what production runs when no other deploy
  // file starts anything (an image without CMD, no platform file): it is the only way the app runs.
  // Not beside Kubernetes workloads: they run the image's own CMD.
  if (!kubernetes.workload && facts.composeFiles?.some((file) => !file.production) && !facts.commands.some((command) => command.deployed !== false)) {
    const fallback = readDeployFiles(workspace, projectRoot, true, kubernetes);
    if (fallback.commands.some((command) => command.deployed !== false)) return fallback;
  }
  return facts;
}

function readDeployFiles(workspace: Workspace, projectRoot: string, composeOnlyStarter: boolean, kubernetes: KubernetesManifests): DeployFacts {
  const facts: DeployFacts = { files: [], commands: [], env: [], buildArgs: [], platforms: [], platformSettings: {}, problems: [] };
  const platforms = new Set<Platform>();
  const taken = new Set<string>();
  let dockerUsesPort = false;
  let cloudRunConfig = false;
  let dokkuMarker = false;

  const images = new Map<DeployCommand, PathBase>();
  const imageCommands: { entrypoint?: DeployCommand; cmd?: DeployCommand }[] = [];
  let primaryImage: PathBase | undefined;

  const merge = (kind: DeployFileKind, path: string, reading: DeployReading, deployed = true): void => {
    taken.add(path);
    facts.files.push({ kind, path });
    facts.problems.push(...reading.problems);
    if (!deployed) {
      // Read for the record (its problems, its commands marked not deployed); production never runs it.
      for (const command of reading.commands) command.deployed = false;
      facts.commands.push(...reading.commands);
      return;
    }
    // Every other file read here is one production uses.
    for (const command of reading.commands) command.deployed ??= true;
    facts.commands.push(...reading.commands);
    facts.env.push(...reading.env);
    facts.buildArgs.push(...reading.buildArgs);
    if (reading.forceHttps && !facts.platformSettings.forceHttps) facts.platformSettings.forceHttps = reading.forceHttps;
    if (reading.containerUser) facts.containerUser = reading.containerUser;
    if (reading.staticDirs?.length) {
      facts.platformSettings.staticDirs = [...(facts.platformSettings.staticDirs ?? []), ...reading.staticDirs];
    }
    if (reading.healthChecks?.length) {
      facts.platformSettings.healthChecks = [...(facts.platformSettings.healthChecks ?? []), ...reading.healthChecks];
    }
  };
  /** Read and merge a file; the Dockerfiles it builds from are merged first, as its values override theirs. */
  const take = (kind: DeployFileKind, path: string, read: (text: string) => DeployReading, deployed = true): DeployReading | undefined => {
    if (taken.has(path)) return undefined;
    taken.add(path);
    const result = workspace.readText(path);
    if (!result.ok) {
      facts.problems.push({ message: result.message, location: { file: path, line: 1, column: 1 } });
      return undefined;
    }
    const reading = read(result.text);
    for (const dockerfile of reading.dockerfiles ?? []) takeDockerfile(dockerfile);
    merge(kind, path, reading, deployed);
    return reading;
  };
  function takeDockerfile(path: string): void {
    // Once a platform file names the Dockerfiles it builds, the others found beside it are not the deployed image.
    if (named.size > 0 && !named.has(path)) {
      take('dockerfile', path, (text) => readDockerfile(path, text), false);
      return;
    }
    const build = builds.get(path);
    const options: DockerfileOptions = {
      ...(build?.target !== undefined ? { target: { name: build.target, chosenBy: build.chosenBy, location: build.location } } : {}),
      ...(build?.context !== undefined ? { context: build.context } : {}),
      ...(build && build.target === undefined ? { namedBy: build.chosenBy } : {}),
    };
    const reading = take('dockerfile', path, (text) => readDockerfile(path, text, options));
    if (!reading) return;
    platforms.add('docker');
    if (reading.usesPortVariable) dockerUsesPort = true;
    if (reading.stage) (facts.deployedStages ??= []).push(reading.stage);
    if (!reading.image) return;
    const base: PathBase = { kind: 'image', layout: reading.image };
    primaryImage ??= base;
    for (const command of [reading.imageCommands?.entrypoint, reading.imageCommands?.cmd]) if (command) images.set(command, base);
    if (reading.imageCommands) imageCommands.push(reading.imageCommands);
    const ignore = [`${path}.dockerignore`, joinPath(reading.image.context, '.dockerignore')].find((file) => workspace.exists(file));
    const ignoreText = ignore === undefined ? undefined : workspace.readText(ignore);
    if (ignore && ignoreText?.ok && !facts.dockerignores?.some((known) => known.file === ignore && known.context === reading.image!.context)) {
      (facts.dockerignores ??= []).push(readDockerIgnore(ignore, reading.image.context, ignoreText.text));
    }
  }

  const dirs = deployDirectories(workspace, projectRoot);
  const other = readOtherDeployFiles(workspace, dirs, projectRoot);
  // fly.toml, render.yaml and heroku.yml are read first for the Dockerfiles they build, and taken below with the same reading.
  const platformReadings = new Map<string, DeployReading>();
  const platformBuilds: DockerBuild[] = [];
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    for (const [name, read] of [['fly.toml', readFlyToml], ['render.yaml', readRenderYaml]] as const) {
      const path = joinPath(dir, name);
      const text = names.has(name) ? workspace.readText(path) : undefined;
      if (!text?.ok) continue;
      const reading = read(path, text.text);
      platformReadings.set(path, reading);
      platformBuilds.push(...(reading.builds ?? []));
    }
  }
  const workload = kubernetes.workload;
  // Fly.io and Render run the image or the command their file names, never a compose file: one in the same folder is development's.
  const platformFileIn = (dir: string): string | undefined =>
    [...platformReadings].find(([path, reading]) => dirName(path) === dir && (reading.commands.length > 0 || (reading.dockerfiles ?? []).length > 0))?.[0];
  const elsewhere = (dir: string): string | undefined => {
    if (workload) return `production runs on Kubernetes (${workload.kind} in ${workload.file}:${workload.line})`;
    const platformFile = platformFileIn(dir);
    return platformFile ? `production runs what ${platformFile} names` : undefined;
  };
  const compose = productionComposeFiles(workspace, dirs, other.composeChains, composeOnlyStarter, elsewhere);
  facts.composeFiles = compose.looked;
  // The build targets and contexts production compose files, fly.toml and render.yaml name, before any Dockerfile is read.
  const builds = new Map<string, DockerBuild>();
  const addBuilds = (list: DockerBuild[] | undefined): void => {
    for (const build of list ?? []) if (!builds.has(build.dockerfile)) builds.set(build.dockerfile, build);
  };
  for (const file of compose.files) addBuilds(file.reading.builds);
  addBuilds(platformBuilds);
  const topLevel = new Set(projectRoot === '' ? [''] : ['', projectRoot]);
  // Platform specs that name the Dockerfile they build (DigitalOcean App Platform, CapRover), read before any Dockerfile.
  const specs: { kind: DeployFileKind; path: string; reading: DeployReading }[] = [];
  const addSpec = (kind: DeployFileKind, path: string, read: (file: string, text: string) => DeployReading): void => {
    const text = workspace.exists(path) ? workspace.readText(path) : undefined;
    if (text?.ok) specs.push({ kind, path, reading: read(path, text.text) });
  };
  for (const base of topLevel) for (const spec of DO_APP_SPECS) addSpec('do-app-spec', joinPath(base, spec), readDoAppSpec);
  for (const dir of dirs) if (namesIn(workspace, dir).has(CAPTAIN_DEFINITION)) addSpec('captain-definition', joinPath(dir, CAPTAIN_DEFINITION), readCaptainDefinition);
  for (const spec of specs) addBuilds(spec.reading.builds);
  /** The Dockerfiles production compose files, fly.toml (`[build] dockerfile`, else the one beside it), render.yaml, heroku.yml and other platform files build. */
  const named = new Set<string>(builds.keys());
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    if (names.has('fly.toml') && names.has('Dockerfile')) {
      const text = workspace.readText(joinPath(dir, 'fly.toml'));
      if (text.ok && !/^\s*(?:dockerfile|image)\s*=/m.test(text.text)) named.add(joinPath(dir, 'Dockerfile'));
    }
    const heroku = names.has('heroku.yml') ? workspace.readText(joinPath(dir, 'heroku.yml')) : undefined;
    if (heroku?.ok) {
      const reading = readHerokuYml(joinPath(dir, 'heroku.yml'), heroku.text, workspace);
      platformReadings.set(joinPath(dir, 'heroku.yml'), reading);
      for (const path of reading.dockerfiles ?? []) named.add(path);
    }
  }
  for (const file of [...compose.files, ...other.files]) for (const path of file.reading.dockerfiles ?? []) named.add(path);
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    const dockerfiles = [...names].filter((name) => isDockerfileName(name) && !NON_PRODUCTION_DOCKERFILE.test(name.replace(/dockerfile/i, '')));
    for (const name of dockerfiles.sort(dockerfileOrder)) takeDockerfile(joinPath(dir, name));
    for (const file of compose.files.filter((candidate) => candidate.dir === dir)) {
      if (!take('docker-compose', file.path, () => file.reading)) continue;
      (facts.composeServices ??= []).push({
        path: file.path,
        envFileUses: file.reading.envFileUses,
        proxies: file.reading.proxies,
        internalPorts: file.reading.internalPorts,
        ...(file.reading.serviceUsers.length ? { users: file.reading.serviceUsers } : {}),
      });
    }
    if (names.has('heroku.yml')) {
      const path = joinPath(dir, 'heroku.yml');
      if (take('heroku.yml', path, (text) => platformReadings.get(path) ?? readHerokuYml(path, text, workspace))) platforms.add('heroku');
    }
    if (names.has('Procfile')) {
      const path = joinPath(dir, 'Procfile');
      // A Procfile in a deploy subfolder is run by that folder's setup (often Fly), not by Heroku.
      if (take('procfile', path, (text) => readProcfile(path, text)) && topLevel.has(dir)) platforms.add('heroku');
    }
    if (names.has('app.json')) {
      const path = joinPath(dir, 'app.json');
      if (take('app.json', path, (text) => readAppJson(path, text))) platforms.add('heroku');
      const text = workspace.readText(path);
      if (text.ok && /"healthchecks"\s*:/.test(text.text)) dokkuMarker = true;
    }
    if (names.has('CHECKS') || names.has('DOKKU_SCALE')) dokkuMarker = true;
    if (names.has('fly.toml')) {
      const path = joinPath(dir, 'fly.toml');
      if (take('fly.toml', path, (text) => platformReadings.get(path) ?? readFlyToml(path, text))) platforms.add('fly');
    }
    if (names.has('render.yaml')) {
      const path = joinPath(dir, 'render.yaml');
      if (take('render.yaml', path, (text) => platformReadings.get(path) ?? readRenderYaml(path, text))) platforms.add('render');
    }
    for (const name of ['app.yaml', 'app.yml']) {
      const path = joinPath(dir, name);
      const text = names.has(name) ? workspace.readText(path) : undefined;
      if (!text?.ok || !isAppEngineYaml(text.text)) continue;
      if (take('app.yaml', path, (source) => readAppYaml(path, source))) platforms.add('app-engine');
    }
    if (names.has('cloudbuild.yaml') || names.has('cloudbuild.yml')) cloudRunConfig = true;
    if (names.has('service.yaml')) {
      const text = workspace.readText(joinPath(dir, 'service.yaml'));
      if (text.ok && /serving\.knative\.dev/.test(text.text)) cloudRunConfig = true;
    }
  }

  for (const spec of specs) take(spec.kind, spec.path, () => spec.reading);
  for (const manifest of kubernetes.readings) take('kubernetes', manifest.path, () => manifest.reading);
  if (workload) platforms.add('kubernetes');
  for (const file of other.files) merge(file.kind, file.path, file.reading);
  // Nothing here starts the app: the image a CI workflow pushes is what the deployment pulls.
  if (!platforms.has('docker') && !facts.commands.some((command) => command.deployed !== false)) {
    for (const build of other.pushedImages) {
      named.add(build.dockerfile);
      if (!builds.has(build.dockerfile)) builds.set(build.dockerfile, build);
      takeDockerfile(build.dockerfile);
    }
  }
  // Config a deploy script sets on the platform overrides what the deploy files declare.
  facts.env.push(...other.env);
  const skipped = [...other.skipped];
  const baseOf = (command: DeployCommand): PathBase => {
    const image = images.get(command);
    if (image) return image;
    if ((command.kind === 'docker-compose' || command.kind === 'fly.toml' || command.kind === 'heroku.yml') && primaryImage) return primaryImage;
    return { kind: 'repo', dir: dirName(command.location.file) };
  };
  completeCommands(facts, baseOf, imageCommands, {
    workspace,
    problems: facts.problems,
    skipped,
    fileRead: (kind, path) => {
      if (!facts.files.some((file) => file.path === path)) facts.files.push({ kind, path });
    },
  });
  if (skipped.length > 0) facts.skipped = skipped;
  markOverriddenCmds(facts, compose.files, imageCommands);
  // A uwsgi ini nothing names stands for the web process only when no command starts one.
  const standalone = facts.commands.filter((command) => command.kind === 'uwsgi-ini');
  if (standalone.length > 0 && facts.commands.some((command) => command.kind !== 'uwsgi-ini' && command.role === 'web' && command.server)) {
    facts.commands = facts.commands.filter((command) => command.kind !== 'uwsgi-ini');
  }
  // A config file both found by name and named by a command is read twice: report its problems once.
  const seen = new Set<string>();
  facts.problems = facts.problems.filter((problem) => {
    const key = `${problem.location.file}:${problem.location.line}:${problem.message}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });

  if (platforms.has('heroku') && dokkuMarker) {
    platforms.delete('heroku');
    platforms.add('dokku');
  }
  if (platforms.has('docker') && dockerUsesPort && cloudRunConfig) {
    platforms.delete('docker');
    platforms.add('cloud-run');
  }
  facts.platforms = [...platforms];
  return facts;
}
