import type { Workspace } from '../workspace/types.js';
import { readAppJson } from './app-json.js';
import { isAppEngineYaml, readAppYaml } from './app-engine.js';
import { readCompose } from './compose.js';
import { readDockerfile } from './dockerfile.js';
import { readFlyToml } from './fly.js';
import { readProcfile } from './procfile.js';
import type { DeployReading } from './reading.js';
import { readRenderYaml } from './render.js';
import type { DeployFacts, DeployFileKind, Platform } from './types.js';

const DOCKERFILE = /^(?:dockerfile(?:\.[\w.-]+)?|[\w.-]+\.dockerfile)$/i;
/** Dockerfiles for development or CI are not what production runs. */
const NON_PRODUCTION_DOCKERFILE = /(?:^|[.\-_])(?:dev|develop|development|local|test|tests|ci)(?:$|[.\-_])/i;
const COMPOSE_FILES = [
  'docker-compose.yml',
  'docker-compose.yaml',
  'compose.yaml',
  'compose.yml',
  'docker-compose.prod.yml',
  'docker-compose.prod.yaml',
  'docker-compose.production.yml',
  'docker-compose.production.yaml',
  'compose.prod.yaml',
  'compose.production.yaml',
];

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Names of the files directly inside a workspace-relative directory. */
function namesIn(workspace: Workspace, dir: string): Set<string> {
  const names = new Set<string>();
  const prefix = dir === '' ? '' : `${dir}/`;
  for (const path of workspace.files) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    if (!rest.includes('/')) names.add(rest);
  }
  return names;
}

function dockerfileOrder(a: string, b: string): number {
  const plain = (name: string): number => (name.toLowerCase() === 'dockerfile' ? 0 : 1);
  return plain(a) - plain(b) || a.localeCompare(b);
}

/**
 * Read every deploy file in the workspace root and the project root (the project's files last, so
 * they win), in an order where platform configuration overrides image defaults: Dockerfile, compose,
 * Procfile, app.json, fly.toml, render.yaml, app.yaml. Never throws: bad files become problems.
 */
export function readDeployFacts(workspace: Workspace, projectRoot: string): DeployFacts {
  const facts: DeployFacts = { files: [], commands: [], env: [], buildArgs: [], platforms: [], platformSettings: {}, problems: [] };
  const platforms = new Set<Platform>();
  let dockerUsesPort = false;
  let cloudRunConfig = false;
  let dokkuMarker = false;

  const take = (kind: DeployFileKind, path: string, read: (text: string) => DeployReading): DeployReading | undefined => {
    const result = workspace.readText(path);
    if (!result.ok) {
      facts.problems.push({ message: result.message, location: { file: path, line: 1, column: 1 } });
      return undefined;
    }
    const reading = read(result.text);
    facts.files.push({ kind, path });
    facts.commands.push(...reading.commands);
    facts.env.push(...reading.env);
    facts.buildArgs.push(...reading.buildArgs);
    facts.problems.push(...reading.problems);
    if (reading.forceHttps && !facts.platformSettings.forceHttps) facts.platformSettings.forceHttps = reading.forceHttps;
    if (reading.containerUser) facts.containerUser = reading.containerUser;
    if (reading.healthChecks?.length) {
      facts.platformSettings.healthChecks = [...(facts.platformSettings.healthChecks ?? []), ...reading.healthChecks];
    }
    return reading;
  };

  const dirs = projectRoot === '' ? [''] : ['', projectRoot];
  for (const dir of dirs) {
    const names = namesIn(workspace, dir);
    const dockerfiles = [...names].filter((name) => DOCKERFILE.test(name) && !NON_PRODUCTION_DOCKERFILE.test(name.replace(/dockerfile/i, '')));
    for (const name of dockerfiles.sort(dockerfileOrder)) {
      const reading = take('dockerfile', join(dir, name), (text) => readDockerfile(join(dir, name), text));
      if (!reading) continue;
      platforms.add('docker');
      if (reading.usesPortVariable) dockerUsesPort = true;
    }
    for (const name of COMPOSE_FILES.filter((candidate) => names.has(candidate))) {
      const path = join(dir, name);
      take('docker-compose', path, (text) => readCompose(path, text, workspace));
    }
    if (names.has('Procfile')) {
      const path = join(dir, 'Procfile');
      if (take('procfile', path, (text) => readProcfile(path, text))) platforms.add('heroku');
    }
    if (names.has('app.json')) {
      const path = join(dir, 'app.json');
      if (take('app.json', path, (text) => readAppJson(path, text))) platforms.add('heroku');
      const text = workspace.readText(path);
      if (text.ok && /"healthchecks"\s*:/.test(text.text)) dokkuMarker = true;
    }
    if (names.has('CHECKS') || names.has('DOKKU_SCALE')) dokkuMarker = true;
    if (names.has('fly.toml')) {
      const path = join(dir, 'fly.toml');
      if (take('fly.toml', path, (text) => readFlyToml(path, text))) platforms.add('fly');
    }
    if (names.has('render.yaml')) {
      const path = join(dir, 'render.yaml');
      if (take('render.yaml', path, (text) => readRenderYaml(path, text))) platforms.add('render');
    }
    for (const name of ['app.yaml', 'app.yml']) {
      const path = join(dir, name);
      const text = names.has(name) ? workspace.readText(path) : undefined;
      if (!text?.ok || !isAppEngineYaml(text.text)) continue;
      if (take('app.yaml', path, (source) => readAppYaml(path, source))) platforms.add('app-engine');
    }
    if (names.has('cloudbuild.yaml') || names.has('cloudbuild.yml')) cloudRunConfig = true;
    if (names.has('service.yaml')) {
      const text = workspace.readText(join(dir, 'service.yaml'));
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

