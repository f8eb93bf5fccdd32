import type { Workspace } from '../workspace/types.js';
import { readAppJson } from './app-json.js';
import { isAppEngineYaml, readAppYaml } from './app-engine.js';
import { readCompose } from './compose.js';
import type { ComposeReading } from './compose.js';
import { isDockerfileName, readDockerfile } from './dockerfile.js';
import { readFlyToml } from './fly.js';
import { readHerokuYml } from './heroku-yml.js';
import { deployDirectories, namesIn } from './locations.js';
import { readProcfile } from './procfile.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { readRenderYaml } from './render.js';
import type { DeployFacts, DeployFileKind, Platform } from './types.js';
import { joinPath } from '../workspace/paths.js';

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
 * The compose files production uses. A production-named file (`docker-compose.prod.yml`,
 * `production.yml`, …) always counts, and when one exists the plain ones are development's. A
 * plain file counts unless it (or the `docker-compose.override.yml` compose merges into it) looks
 * like a development setup. Files named for dev, CI, tests or overrides never count.
 */
function productionComposeFiles(workspace: Workspace, dirs: string[]): ComposeFile[] {
  const candidates: ComposeFile[] = [];
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    for (const name of [...names].sort()) {
      const path = joinPath(dir, name);
      const qualifier = COMPOSE.exec(name)?.[1] ?? '';
      const isCompose = COMPOSE.test(name) || PRODUCTION_ONLY_NAME.test(name);
      if (!isCompose || NON_PRODUCTION_COMPOSE.test(qualifier)) continue;
      const read = workspace.readText(path);
      const text = read.ok ? read.text : '';
      if (PRODUCTION_ONLY_NAME.test(name) && !/^services\s*:/m.test(text)) continue;
      // An unreadable file is reported when it is merged.
      const reading: ComposeReading = read.ok ? readCompose(path, text, workspace) : { ...emptyReading(), appServices: [] };
      const override = ['docker-compose.override.yml', 'docker-compose.override.yaml', 'compose.override.yaml', 'compose.override.yml'].find((other) => names.has(other));
      if (!reading.development && override && !PRODUCTION_WORD.test(qualifier)) {
        const overrideText = workspace.readText(joinPath(dir, override));
        if (overrideText.ok) {
          reading.development = readCompose(joinPath(dir, override), overrideText.text, workspace, { appServices: reading.appServices }).development;
        }
      }
      candidates.push({ dir, path, production: PRODUCTION_ONLY_NAME.test(name) || PRODUCTION_WORD.test(qualifier), reading });
    }
  }
  const hasProductionFile = candidates.some((candidate) => candidate.production);
  return candidates.filter((candidate) => candidate.production || (!hasProductionFile && !candidate.reading.development));
}

/**
 * Read the deploy files production uses: those of the conventional deploy folders, the workspace
 * root and the project root (later ones win), and the Dockerfiles a compose file or heroku.yml
 * builds from. Within a folder the order makes platform configuration override image defaults:
 * Dockerfile, compose (its environment overrides the image's ENV at run time), heroku.yml,
 * Procfile, app.json, fly.toml, render.yaml, app.yaml. Development compose files contribute
 * nothing. Never throws: bad files become problems.
 */
export function readDeployFacts(workspace: Workspace, projectRoot: string): DeployFacts {
  const facts: DeployFacts = { files: [], commands: [], env: [], buildArgs: [], platforms: [], platformSettings: {}, problems: [] };
  const platforms = new Set<Platform>();
  const taken = new Set<string>();
  let dockerUsesPort = false;
  let cloudRunConfig = false;
  let dokkuMarker = false;

  const merge = (kind: DeployFileKind, path: string, reading: DeployReading): void => {
    taken.add(path);
    facts.files.push({ kind, path });
    facts.commands.push(...reading.commands);
    facts.env.push(...reading.env);
    facts.buildArgs.push(...reading.buildArgs);
    facts.problems.push(...reading.problems);
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
  const take = (kind: DeployFileKind, path: string, read: (text: string) => DeployReading): DeployReading | undefined => {
    if (taken.has(path)) return undefined;
    taken.add(path);
    const result = workspace.readText(path);
    if (!result.ok) {
      facts.problems.push({ message: result.message, location: { file: path, line: 1, column: 1 } });
      return undefined;
    }
    const reading = read(result.text);
    for (const dockerfile of reading.dockerfiles ?? []) takeDockerfile(dockerfile);
    merge(kind, path, reading);
    return reading;
  };
  function takeDockerfile(path: string): void {
    const reading = take('dockerfile', path, (text) => readDockerfile(path, text));
    if (!reading) return;
    platforms.add('docker');
    if (reading.usesPortVariable) dockerUsesPort = true;
  }

  const dirs = deployDirectories(workspace, projectRoot);
  const compose = productionComposeFiles(workspace, dirs);
  const topLevel = new Set(projectRoot === '' ? [''] : ['', projectRoot]);
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    const dockerfiles = [...names].filter((name) => isDockerfileName(name) && !NON_PRODUCTION_DOCKERFILE.test(name.replace(/dockerfile/i, '')));
    for (const name of dockerfiles.sort(dockerfileOrder)) takeDockerfile(joinPath(dir, name));
    for (const file of compose.filter((candidate) => candidate.dir === dir)) take('docker-compose', file.path, () => file.reading);
    if (names.has('heroku.yml')) {
      const path = joinPath(dir, 'heroku.yml');
      if (take('heroku.yml', path, (text) => readHerokuYml(path, text, workspace))) platforms.add('heroku');
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
      if (take('fly.toml', path, (text) => readFlyToml(path, text))) platforms.add('fly');
    }
    if (names.has('render.yaml')) {
      const path = joinPath(dir, 'render.yaml');
      if (take('render.yaml', path, (text) => readRenderYaml(path, text))) platforms.add('render');
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
