import { posix } from 'node:path';
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import { dotenvVars } from '../env/dotenv.js';
import { readDotenv } from '../env/workspace-dotenv.js';
import type { Workspace } from '../workspace/types.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { isMap, isScalar, isSeq, mapPairs, scalarString, seqItems, valueOf, YamlSource } from './yaml-source.js';
import { dirName, isWithin, resolveFrom } from '../workspace/paths.js';
import { hasAuthSign, internalServiceKind, PASSWORD_NAME, publishedPorts } from './internal-services.js';
import type { InternalServiceKind, PublishedPort } from './internal-services.js';

/** Images, service names and Dockerfile paths of infrastructure next to the app, not the app itself. */
const INFRASTRUCTURE = 'postgres|postgis|mysql|mariadb|redis|valkey|memcached|nginx|traefik|caddy|rabbitmq|mongo|elasticsearch|opensearch|minio|mailhog|mailpit|localstack|adminer|pgadmin4?';
const INFRASTRUCTURE_IMAGE = new RegExp(`^(?:[\\w.-]+/)*(?:${INFRASTRUCTURE})(?::|@|$)`, 'i');
const INFRASTRUCTURE_NAME = new RegExp(`(?:^|[-_./])(?:${INFRASTRUCTURE})(?:[-_./]|$)`, 'i');
const APP_COMMAND = /manage\.py|gunicorn|uvicorn|daphne|uwsgi|hypercorn|granian|django|celery/;
/** Services that run tests, linters or docs builds: never what production runs. */
const TOOLING_SERVICE = /(?:^|[-_.])(?:test|tests|testing|ci|lint|linting|docs|devcontainer)(?:[-_.]|$)/i;
const RUNSERVER = /(?:manage\.py|django-admin(?:\.py)?|-m\s+django)\s+runserver/;
const DEVELOPMENT_WORD = /(?:^|[-_./])(?:dev|develop|development|local)(?:[-_./]|$)/i;
const DEVELOPMENT_TARGET = /^(?:dev|develop|development|local|debug)$/i;
const DEVELOPMENT_MODULE = /\.(?:dev|develop|development|local|test|tests|testing)$/i;
const TRUTHY = /^(?:1|true|yes|on|y|t)$/i;

/** An `env_file` of a service (any service, not only the app's), resolved; `${VAR}` paths are left out. */
export interface ComposeEnvFileUse {
  path: string;
  service: string;
  /** Whether the service runs the app. */
  app: boolean;
  location: FileLocation;
}

export type ProxyName = 'traefik' | 'nginx' | 'caddy';
const PROXY = /(?:^|[-_./])(traefik|nginx|caddy)(?:[-_./:@]|$)/i;

/** A reverse-proxy service (by its name, image or build), with the text of its labels and command. */
export interface ComposeProxy {
  proxy: ProxyName;
  service: string;
  text: string;
  location: FileLocation;
  /** Configuration files of the repository it runs: bind-mounted into its config folder, or in its build context. */
  configFiles?: string[];
}

/** Where each proxy's image reads its configuration. */
const PROXY_CONFIG_DIR: Record<ProxyName, string> = { nginx: '/etc/nginx', traefik: '/etc/traefik', caddy: '/etc/caddy' };
const PROXY_CONFIG_FILE = /\.(?:conf|conf\.template|ya?ml|toml)$|^Caddyfile/i;
/** At most this many configuration files are taken from one proxy's mounts and build context. */
const MAX_PROXY_FILES = 30;

/** The repository's files a proxy service runs with: bind mounts into its config folder, and its build context's config files. */
function proxyConfigFiles(file: string, proxy: ProxyName, node: unknown, workspace: Workspace): string[] {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const item of seqItems(valueOf(node, 'volumes'))) {
    const short = scalarString(item)?.split(':');
    const source = short ? short[0] : scalarString(valueOf(item, 'source'));
    const target = short ? short[1] : scalarString(valueOf(item, 'target'));
    if (!source?.startsWith('.') || !target?.startsWith(PROXY_CONFIG_DIR[proxy])) continue;
    const path = resolveFrom(file, source);
    // The whole repository mounted is not a configuration folder.
    if (path === undefined || path === '') continue;
    if (workspace.files.some((candidate) => isWithin(candidate, path))) dirs.push(path);
    else if (workspace.exists(path)) files.push(path);
  }
  const build = valueOf(node, 'build');
  const context = scalarString(build) ?? scalarString(valueOf(build, 'context'));
  const contextDir = context === undefined || interpolated(context) ? undefined : resolveFrom(file, context);
  if (contextDir !== undefined && contextDir !== dirName(file)) dirs.push(contextDir);
  for (const dir of dirs) {
    for (const path of workspace.files) {
      if (files.length >= MAX_PROXY_FILES) break;
      if (isWithin(path, dir) && PROXY_CONFIG_FILE.test(path.slice(path.lastIndexOf('/') + 1)) && !files.includes(path)) files.push(path);
    }
  }
  return files.slice(0, MAX_PROXY_FILES);
}

/** A database, cache, broker or admin UI that publishes ports on every interface of the host. */
export interface ComposeInternalPorts {
  service: string;
  kind: InternalServiceKind;
  ports: PublishedPort[];
  /** Whether its command or variables set up credentials. */
  auth: boolean;
  /** A password variable with a literal value in a file git tracks (the compose file or an env_file). */
  committedPassword?: { name: string; location: FileLocation };
}

/** An app service's `user:` (`"1000:1000"`, `app`, `"0:0"`); `user` undefined when interpolated (`${UID}`). */
export interface ComposeServiceUser {
  service: string;
  user: string | undefined;
  location: FileLocation;
}

/** What a compose file contributes, and whether it describes a development setup. */
export interface ComposeReading extends DeployReading {
  /** Why the file looks like a development setup (the first sign found); absent when it does not. */
  development?: string;
  /** Names of the services taken as running the app. */
  appServices: string[];
  envFileUses: ComposeEnvFileUse[];
  proxies: ComposeProxy[];
  internalPorts: ComposeInternalPorts[];
  /** The `user:` of app services, which overrides the image's USER. */
  serviceUsers: ComposeServiceUser[];
}

/** An empty reading, for a file that cannot be read. */
export function emptyComposeReading(): ComposeReading {
  return { ...emptyReading(), appServices: [], envFileUses: [], proxies: [], internalPorts: [], serviceUsers: [] };
}

/** A `${VAR}` / `$VAR` the compose CLI interpolates from the shell or its own .env: value unknown here. */
function interpolated(value: string): boolean {
  return /(^|[^$])\$(\{|[A-Za-z_])/.test(value);
}

/** The default of a value that is one `${VAR:-text}` / `${VAR-text}`: what runs when the host leaves VAR unset. */
function hostDefault(value: string): string | undefined {
  const match = /^\$\{[A-Za-z_]\w*:?-([^}$]*)\}$/.exec(value.trim());
  return match?.[1];
}

function commandText(node: unknown): string | undefined {
  if (isSeq(node)) return seqItems(node).map((item) => scalarString(item) ?? '').join(' ');
  return scalarString(node);
}

/** The Dockerfile a service's `build` uses, when it is in the workspace. */
function buildDockerfile(file: string, service: unknown, workspace: Workspace): string | undefined {
  const build = valueOf(service, 'build');
  const context = scalarString(build) ?? scalarString(valueOf(build, 'context')) ?? '.';
  const dockerfile = isMap(build) ? (scalarString(valueOf(build, 'dockerfile')) ?? 'Dockerfile') : 'Dockerfile';
  if (build === undefined || interpolated(context) || interpolated(dockerfile) || /^[\w+-]+:\/\//.test(context)) return undefined;
  const path = resolveFrom(file, posix.join(context, dockerfile));
  return path !== undefined && workspace.exists(path) ? path : undefined;
}

/** A bind mount whose source is a directory of the project's Python code (`.:/app`, `./src:/code`, `$PWD:/app`). */
function mountedSource(file: string, service: unknown, workspace: Workspace): string | undefined {
  for (const item of seqItems(valueOf(service, 'volumes'))) {
    const short = scalarString(item);
    const source = short !== undefined ? (short.includes(':') ? short.slice(0, short.indexOf(':')) : undefined) : scalarString(valueOf(item, 'source'));
    if (source === undefined || (short === undefined && scalarString(valueOf(item, 'type')) !== 'bind')) continue;
    const relative = /^\$\{?PWD\}?/.test(source) ? source.replace(/^\$\{?PWD\}?/, '.') : source;
    if (!relative.startsWith('.')) continue;
    const dir = resolveFrom(file, relative);
    const holdsCode = dir === undefined || workspace.files.some((path) => path.endsWith('.py') && isWithin(path, dir));
    if (holdsCode) return short ?? `${source}:${scalarString(valueOf(item, 'target')) ?? ''}`;
  }
  return undefined;
}

/** The first sign that a service is set up for development, as a phrase. */
function developmentSign(file: string, name: string, service: unknown, env: EnvVar[], workspace: Workspace): string | undefined {
  const mount = mountedSource(file, service, workspace);
  if (mount) return `${name} bind-mounts the source (${mount})`;
  for (const key of ['entrypoint', 'command']) {
    if (RUNSERVER.test(commandText(valueOf(service, key)) ?? '')) return `${name} runs manage.py runserver`;
  }
  const target = scalarString(valueOf(valueOf(service, 'build'), 'target'));
  if (target && DEVELOPMENT_TARGET.test(target)) return `${name} builds the ${target} stage`;
  for (const variable of env) {
    if ((variable.name === 'DEBUG' || variable.name === 'DJANGO_DEBUG') && TRUTHY.test(variable.value ?? '')) return `${name} sets ${variable.name}=${variable.value}`;
    if (variable.name === 'DJANGO_SETTINGS_MODULE' && DEVELOPMENT_MODULE.test(variable.value ?? '')) return `${name} uses ${variable.value}`;
  }
  for (const item of envFileEntries(service)) {
    const path = scalarString(item) ?? scalarString(valueOf(item, 'path'));
    if (path && DEVELOPMENT_WORD.test(path)) return `${name} loads ${path}`;
  }
  return undefined;
}

/**
 * docker-compose.yml / compose.yaml: for the services that run the app (built from the project,
 * or running Django, gunicorn, celery, …; database and proxy services and test/lint/docs services
 * are left out), their `env_file` variables then `environment` (map or list form), `command` /
 * `entrypoint`, and the Dockerfiles they build from. Also tells whether the file is a development
 * setup (source bind mount, runserver, a dev build target, DEBUG on, dev env files or settings).
 * `appServices` names services to take as the app's whatever they say (for an override file,
 * whose services only add to the base file's).
 */
export function readCompose(file: string, text: string, workspace: Workspace, options: { appServices?: readonly string[] } = {}): ComposeReading {
  const reading = emptyComposeReading();
  const source = new YamlSource(file, text);
  reading.problems.push(...source.problems());
  const services = mapPairs(valueOf(source.root(), 'services'));
  // The one service that runs an image of its own while the others run databases and proxies (`image:
  // owner/app` next to `postgres` and `nginx`): the app's prebuilt image.
  const ownImages = services.filter((pair) => {
    const image = scalarString(valueOf(pair.value, 'image'));
    return valueOf(pair.value, 'build') !== undefined || image === undefined || !INFRASTRUCTURE_IMAGE.test(image);
  });
  const soleNonInfrastructureImage = (name: string): boolean => ownImages.length === 1 && scalarString(ownImages[0]!.key) === name;
  const isApp = (name: string, service: unknown): boolean => {
    if (TOOLING_SERVICE.test(name) || INFRASTRUCTURE_NAME.test(name)) return false;
    if (options.appServices?.includes(name)) return true;
    const build = valueOf(service, 'build');
    // `build: ./docker/postgres`: an image of infrastructure built from the repository.
    if (build !== undefined) return ![scalarString(valueOf(build, 'dockerfile')), scalarString(build) ?? scalarString(valueOf(build, 'context'))].some((path) => INFRASTRUCTURE_NAME.test(path ?? ''));
    const command = `${commandText(valueOf(service, 'command')) ?? ''} ${commandText(valueOf(service, 'entrypoint')) ?? ''}`;
    if (APP_COMMAND.test(command)) return true;
    const image = scalarString(valueOf(service, 'image'));
    return image !== undefined && !INFRASTRUCTURE_IMAGE.test(image) && soleNonInfrastructureImage(name);
  };

  for (const pair of services) {
    const name = scalarString(pair.key) ?? '';
    const service = pair.value;
    if (!isMap(service) || !isApp(name, service)) continue;
    reading.appServices.push(name);
    const env = [...envFiles(file, source, service, workspace, reading), ...environment(file, source, name, valueOf(service, 'environment'))];
    reading.env.push(...env);
    reading.development ??= developmentSign(file, name, service, env, workspace);
    const dockerfile = buildDockerfile(file, service, workspace);
    if (dockerfile && !reading.dockerfiles?.includes(dockerfile)) (reading.dockerfiles ??= []).push(dockerfile);
    const userNode = valueOf(service, 'user');
    const user = scalarString(userNode);
    if (user !== undefined) reading.serviceUsers.push({ service: name, user: interpolated(user) ? undefined : user, location: source.at(userNode) });
    const build = valueOf(service, 'build');
    // `build.args` (map or `- NAME=value` list): values baked into the image's history and layers.
    reading.buildArgs.push(...environment(file, source, name, valueOf(build, 'args')).map((arg) => ({ ...arg, source: { ...arg.source, label: `${file} ${name}.build.args` } })));
    const target = valueOf(build, 'target');
    const context = scalarString(build) ?? scalarString(valueOf(build, 'context'));
    const contextDir = context === undefined ? undefined : resolveFrom(file, context);
    if (dockerfile && (scalarString(target) || contextDir !== undefined)) {
      (reading.builds ??= []).push({
        dockerfile,
        ...(scalarString(target) ? { target: scalarString(target)! } : {}),
        ...(contextDir !== undefined ? { context: contextDir } : {}),
        chosenBy: `${file} ${name}.build${scalarString(target) ? '.target' : ''}`,
        location: source.at(target ?? build),
      });
    }
    for (const key of ['entrypoint', 'command']) {
      const node = valueOf(service, key);
      const command = commandText(node);
      if (command) reading.commands.push({ text: command, process: name, kind: 'docker-compose', location: source.at(node) });
    }
  }
  for (const pair of services) {
    if (!isMap(pair.value)) continue;
    const name = scalarString(pair.key) ?? '';
    const app = reading.appServices.includes(name);
    for (const entry of envFileEntries(pair.value)) {
      const written = scalarString(entry) ?? scalarString(valueOf(entry, 'path'));
      // `${VAR}` paths are chosen by the shell that runs compose: not known here.
      const path = written && !written.includes('$') ? resolveFrom(file, written) : undefined;
      if (path !== undefined) reading.envFileUses.push({ path, service: name, app, location: source.at(entry) });
    }
    const proxy = proxyOf(source, name, pair.value);
    if (proxy) {
      const configFiles = proxyConfigFiles(file, proxy.proxy, pair.value, workspace);
      reading.proxies.push({ ...proxy, location: source.at(pair.key), ...(configFiles.length > 0 ? { configFiles } : {}) });
    }
    const internal = internalPorts(file, source, name, pair.value, app, workspace);
    if (internal) reading.internalPorts.push(internal);
  }
  return reading;
}

/** The ports an internal service publishes on the host, with what protects it. */
function internalPorts(file: string, source: YamlSource, name: string, service: unknown, app: boolean, workspace: Workspace): ComposeInternalPorts | undefined {
  const kind = internalServiceKind(name, service, app);
  const ports = kind ? publishedPorts(service, source) : [];
  if (!kind || ports.length === 0) return undefined;
  // Read for its password only: problems of these env files are reported where the app loads them.
  const variables = [...envFiles(file, source, service, workspace, emptyReading()), ...environment(file, source, name, valueOf(service, 'environment'))];
  const committed = variables.find(
    (variable) => PASSWORD_NAME.test(variable.name) && variable.value && variable.source.location && workspace.isTracked(variable.source.location.file) !== false,
  );
  const location = committed?.source.location;
  return {
    service: name,
    kind,
    ports,
    auth: hasAuthSign(service, variables.map((variable) => variable.name)),
    ...(committed && location ? { committedPassword: { name: committed.name, location } } : {}),
  };
}

/** The proxy a service runs, by its name, image or build, with the text of its labels and command. */
function proxyOf(source: YamlSource, service: string, node: unknown): { proxy: ProxyName; service: string; text: string } | undefined {
  const build = valueOf(node, 'build');
  const where = [service, scalarString(valueOf(node, 'image')) ?? '', scalarString(build) ?? '', scalarString(valueOf(build, 'dockerfile')) ?? ''];
  const proxy = where.map((text) => PROXY.exec(text)?.[1]?.toLowerCase()).find(Boolean) as ProxyName | undefined;
  if (!proxy) return undefined;
  const words: string[] = [];
  for (const key of ['labels', 'command']) {
    const value = valueOf(node, key);
    if (isMap(value)) for (const label of mapPairs(value)) words.push(`${scalarString(label.key) ?? ''}=${scalarString(label.value) ?? ''}`);
    else for (const item of seqItems(value)) words.push(scalarString(item) ?? '');
    const scalar = scalarString(value);
    if (scalar) words.push(scalar);
  }
  return { proxy, service, text: words.join('\n') };
}

function envFileEntries(service: unknown): unknown[] {
  const node = valueOf(service, 'env_file');
  return isSeq(node) ? seqItems(node) : node === undefined ? [] : [node];
}

/**
 * The variables of a service's env files. A missing file is not a problem: deploys usually create
 * it (and git ignores it), so its variables are simply not known here.
 */
function envFiles(file: string, source: YamlSource, service: unknown, workspace: Workspace, reading: DeployReading): EnvVar[] {
  const vars: EnvVar[] = [];
  for (const entry of envFileEntries(service)) {
    const path = scalarString(entry) ?? scalarString(valueOf(entry, 'path'));
    if (!path || interpolated(path)) continue;
    const envPath = resolveFrom(file, path);
    if (envPath === undefined) continue;
    const parsed = readDotenv(workspace, envPath, 'compose');
    if (!parsed.ok) {
      if (parsed.reason !== 'missing') reading.problems.push({ message: `${file}: env_file ${path}: ${parsed.message}`, location: source.at(entry) });
      continue;
    }
    if (parsed.error !== undefined) reading.problems.push({ message: `${file}: env_file ${path}: Compose rejects it (${parsed.error})`, location: source.at(entry) });
    vars.push(...dotenvVars(parsed.entries, envPath, { kind: 'docker-compose', note: `(env_file of ${file})` }));
  }
  return vars;
}

function environment(file: string, source: YamlSource, service: string, node: unknown): EnvVar[] {
  const vars: EnvVar[] = [];
  const label = `${file} ${service}.environment`;
  const add = (name: string, value: string | undefined, at: unknown): void => {
    const known = value !== undefined && !interpolated(value) ? value.replace(/\$\$/g, '$') : undefined;
    const location = source.at(at);
    const fallback = value === undefined ? undefined : hostDefault(value);
    vars.push({ name, value: known, source: { kind: 'docker-compose', location, label }, ...(fallback !== undefined ? { fallback: { value: fallback, location } } : {}) });
  };
  if (isMap(node)) {
    for (const pair of mapPairs(node)) {
      const name = scalarString(pair.key);
      if (name) add(name, isScalar(pair.value) ? scalarString(pair.value) : undefined, pair.key);
    }
  } else {
    for (const item of seqItems(node)) {
      const entry = scalarString(item);
      if (!entry) continue;
      const equals = entry.indexOf('=');
      // `- NAME` without a value passes the variable through from the host: set, value unknown.
      add(equals === -1 ? entry : entry.slice(0, equals), equals === -1 ? undefined : entry.slice(equals + 1), item);
    }
  }
  return vars;
}
