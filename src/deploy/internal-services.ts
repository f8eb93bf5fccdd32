/**
 * Services that only the app should reach (databases, caches, brokers, admin UIs) and the ports a
 * compose service publishes on the host's every interface.
 */
import type { FileLocation } from '../core/location.js';
import { isMap, scalarString, seqItems, valueOf } from './yaml-source.js';
import type { YamlSource } from './yaml-source.js';

export interface InternalServiceKind {
  /** What it is, for messages: `PostgreSQL`, `Redis`, `Celery Flower`. */
  label: string;
  /** Whether the service, as its image starts it, answers without any credentials. */
  openByDefault: boolean;
}

const FLOWER: InternalServiceKind = { label: 'Celery Flower', openByDefault: true };
/** Checked in order: an admin UI named after its database (`redis-commander`) before the database. */
const KINDS: { words: string; kind: InternalServiceKind }[] = [
  { words: 'flower', kind: FLOWER },
  { words: 'redis-?commander|redisinsight', kind: { label: 'a Redis admin UI', openByDefault: true } },
  { words: 'mongo-?express', kind: { label: 'mongo-express', openByDefault: false } },
  { words: 'pgadmin4?|phpmyadmin|adminer|kibana', kind: { label: 'a database admin UI', openByDefault: false } },
  { words: 'postgres|postgresql|postgis|timescaledb', kind: { label: 'PostgreSQL', openByDefault: false } },
  { words: 'mysql|mariadb|percona', kind: { label: 'MySQL', openByDefault: false } },
  { words: 'mongo|mongodb', kind: { label: 'MongoDB', openByDefault: true } },
  { words: 'redis|valkey|keydb', kind: { label: 'Redis', openByDefault: true } },
  { words: 'memcached', kind: { label: 'Memcached', openByDefault: true } },
  { words: 'rabbitmq', kind: { label: 'RabbitMQ', openByDefault: false } },
  { words: 'kafka|zookeeper', kind: { label: 'Kafka', openByDefault: true } },
  { words: 'elasticsearch|opensearch', kind: { label: 'Elasticsearch', openByDefault: false } },
];
const MATCHERS = KINDS.map(({ words, kind }) => ({ pattern: new RegExp(`(?:^|[-_./])(?:${words})(?:[-_./:@]|$)`, 'i'), kind }));
const SIDECAR = /(?:^|[-_./])(?:exporter|backups?)(?:[-_./:@]|$)/i;
/** `celery … flower`: Flower started from the app's own image. */
const FLOWER_COMMAND = /\bcelery\b.*\sflower(?:\s|$)/;
/** Options or variables that put credentials in front of a service that has none by default. */
const AUTH_SIGN = /--requirepass|--basic[_-]auth|--auth\b|FLOWER_BASIC_AUTH|ME_CONFIG_BASICAUTH/i;
/** A variable that carries a password (`POSTGRES_PASSWORD`, `RABBITMQ_DEFAULT_PASS`, `REDIS_PASSWORD`). */
export const PASSWORD_NAME = /(?:^|_)(?:PASS|PASSWORD|PASSWD)$/i;

function commandOf(service: unknown): string {
  return ['command', 'entrypoint']
    .map((key) => {
      const node = valueOf(service, key);
      const items = seqItems(node);
      return items.length > 0 ? items.map((item) => scalarString(item) ?? '').join(' ') : (scalarString(node) ?? '');
    })
    .join(' ');
}

/**
 * What an internal service is: by its command (Flower started from the app image), else — for a
 * service that does not run the app — by its image, name or build path.
 */
export function internalServiceKind(name: string, service: unknown, runsApp: boolean): InternalServiceKind | undefined {
  if (FLOWER_COMMAND.test(commandOf(service))) return FLOWER;
  if (runsApp) return undefined;
  const build = valueOf(service, 'build');
  const image = (scalarString(valueOf(service, 'image')) ?? '').replace(/^(?:[\w.-]+\/)*/, '');
  const where = [image, name, scalarString(build) ?? '', scalarString(valueOf(build, 'context')) ?? '', scalarString(valueOf(build, 'dockerfile')) ?? ''];
  // A metrics exporter or backup job beside a database is not the database.
  if (where.some((text) => SIDECAR.test(text))) return undefined;
  for (const text of where) {
    const match = MATCHERS.find(({ pattern }) => pattern.test(text));
    if (match) return match.kind;
  }
  return undefined;
}

/** Whether the service's command or variables set up credentials (for a service open by default). */
export function hasAuthSign(service: unknown, variableNames: readonly string[]): boolean {
  return AUTH_SIGN.test(commandOf(service)) || variableNames.some((name) => AUTH_SIGN.test(name) || PASSWORD_NAME.test(name));
}

export interface PublishedPort {
  /** As written (`5435:5432`, `${DB_PORT}:5432`, `5432`). */
  text: string;
  location: FileLocation;
}

const LOOPBACK = /^(?:127(?:\.\d{1,3}){3}|localhost|::1|\[::1\])$/i;

/** The host address of a short-syntax port (`IP:HOST:CONTAINER`), or undefined when none is written. */
function hostAddress(entry: string): string | undefined {
  const bracketed = /^(\[[^\]]+\]):/.exec(entry);
  if (bracketed) return bracketed[1];
  const parts = entry.split(':');
  return parts.length >= 3 ? parts.slice(0, parts.length - 2).join(':') : undefined;
}

/** A `${VAR:-127.0.0.1}` address: loopback unless the shell sets VAR, taken as written by its default. */
function addressDefault(address: string): string | undefined {
  const interpolated = /^\$\{\w+(?::?-([^}]*))?\}$/.exec(address);
  if (!interpolated) return /\$/.test(address) ? undefined : address;
  return interpolated[1];
}

/**
 * The ports a service publishes on every interface of the host: `ports:` entries (short or long
 * syntax) without a loopback host address. An address chosen by the shell (`${BIND}:5432:5432`)
 * with no default is not known and left out; `expose:` publishes nothing.
 */
export function publishedPorts(service: unknown, source: YamlSource): PublishedPort[] {
  if (/^host$/.test(scalarString(valueOf(service, 'network_mode')) ?? '')) return [];
  const ports: PublishedPort[] = [];
  for (const item of seqItems(valueOf(service, 'ports'))) {
    if (isMap(item)) {
      const hostIp = scalarString(valueOf(item, 'host_ip'));
      if (hostIp !== undefined && (addressDefault(hostIp) === undefined || LOOPBACK.test(addressDefault(hostIp)!))) continue;
      const target = scalarString(valueOf(item, 'target')) ?? '?';
      const published = scalarString(valueOf(item, 'published'));
      ports.push({ text: published ? `${published}:${target}` : target, location: source.at(item) });
      continue;
    }
    const entry = scalarString(item)?.trim().replace(/\/(?:tcp|udp|sctp)$/i, '');
    if (!entry) continue;
    const address = hostAddress(entry);
    if (address !== undefined) {
      const known = addressDefault(address);
      if (known === undefined || LOOPBACK.test(known)) continue;
    }
    ports.push({ text: entry, location: source.at(item) });
  }
  return ports;
}
