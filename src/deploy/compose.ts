import { posix } from 'node:path';
import type { EnvVar } from '../env/types.js';
import { parseDotenv } from '../env/dotenv.js';
import type { Workspace } from '../workspace/types.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';
import { isMap, isScalar, isSeq, mapPairs, scalarString, seqItems, valueOf, YamlSource } from './yaml-source.js';

/** Images of services that are infrastructure next to the app, not the app itself. */
const INFRASTRUCTURE_IMAGE = /^(?:[\w.-]+\/)*(postgres|postgis|mysql|mariadb|redis|valkey|memcached|nginx|traefik|caddy|rabbitmq|mongo|elasticsearch|opensearch|minio|mailhog|mailpit|localstack|adminer|pgadmin4?)(?::|@|$)/i;
const APP_COMMAND = /manage\.py|gunicorn|uvicorn|daphne|uwsgi|hypercorn|granian|django|celery/;

/** A `${VAR}` / `$VAR` the compose CLI interpolates from the shell or its own .env: value unknown here. */
function interpolated(value: string): boolean {
  return /(^|[^$])\$(\{|[A-Za-z_])/.test(value);
}

function commandText(node: unknown): string | undefined {
  if (isSeq(node)) return seqItems(node).map((item) => scalarString(item) ?? '').join(' ');
  return scalarString(node);
}

/**
 * docker-compose.yml / compose.yaml: for the services that run the app (built from the project,
 * or running Django, gunicorn, celery, …; database and proxy images are left out), their
 * `env_file` variables then `environment` (map or list form), and `command` / `entrypoint`.
 */
export function readCompose(file: string, text: string, workspace: Workspace): DeployReading {
  const reading = emptyReading();
  const source = new YamlSource(file, text);
  reading.problems.push(...source.problems());
  const services = mapPairs(valueOf(source.root(), 'services'));
  const isApp = (service: unknown): boolean => {
    if (valueOf(service, 'build') !== undefined) return true;
    const command = `${commandText(valueOf(service, 'command')) ?? ''} ${commandText(valueOf(service, 'entrypoint')) ?? ''}`;
    if (APP_COMMAND.test(command)) return true;
    const image = scalarString(valueOf(service, 'image'));
    return image !== undefined && !INFRASTRUCTURE_IMAGE.test(image) && services.length === 1;
  };

  for (const pair of services) {
    const name = scalarString(pair.key) ?? '';
    const service = pair.value;
    if (!isMap(service) || !isApp(service)) continue;
    reading.env.push(...envFiles(file, source, service, workspace, reading));
    reading.env.push(...environment(file, source, name, valueOf(service, 'environment')));
    for (const key of ['entrypoint', 'command']) {
      const node = valueOf(service, key);
      const command = commandText(node);
      if (command) reading.commands.push({ text: command, process: name, kind: 'docker-compose', location: source.at(node) });
    }
  }
  return reading;
}

function envFiles(file: string, source: YamlSource, service: unknown, workspace: Workspace, reading: DeployReading): EnvVar[] {
  const node = valueOf(service, 'env_file');
  const entries = isSeq(node) ? seqItems(node) : node === undefined ? [] : [node];
  const vars: EnvVar[] = [];
  for (const entry of entries) {
    const path = scalarString(entry) ?? scalarString(valueOf(entry, 'path'));
    if (!path) continue;
    const required = scalarString(valueOf(entry, 'required')) !== 'false';
    const envPath = posix.normalize(posix.join(posix.dirname(file), path));
    const read = workspace.readText(envPath);
    if (!read.ok) {
      if (required || read.reason !== 'missing') reading.problems.push({ message: `${file}: env_file ${path}: ${read.message}`, location: source.at(entry) });
      continue;
    }
    vars.push(...parseDotenv(read.text, envPath, { kind: 'docker-compose', note: `(env_file of ${file})` }));
  }
  return vars;
}

function environment(file: string, source: YamlSource, service: string, node: unknown): EnvVar[] {
  const vars: EnvVar[] = [];
  const label = `${file} ${service}.environment`;
  const add = (name: string, value: string | undefined, at: unknown): void => {
    const known = value !== undefined && !interpolated(value) ? value.replace(/\$\$/g, '$') : undefined;
    vars.push({ name, value: known, source: { kind: 'docker-compose', location: source.at(at), label } });
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
