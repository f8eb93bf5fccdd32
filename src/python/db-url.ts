import { maskSecret } from '../core/mask.js';
import type { PyValue } from './value.js';
import { bool, int, str } from './value-ops.js';
import type { CastResult } from './env-casts.js';

/** Database, cache and email URLs as dj-database-url and django-environ turn them into settings dicts. */

interface ParsedUrl {
  scheme: string;
  username: string;
  password: string;
  hostname: string;
  port: number | undefined;
  path: string;
  netloc: string;
  query: [string, string][];
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

function decodeKeepPlus(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** `urllib.parse.urlparse` for the parts these libraries use. */
function parseUrl(url: string): ParsedUrl | undefined {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(url);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  let rest = m[2]!;
  let query = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let netloc = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    netloc = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  const at = netloc.lastIndexOf('@');
  const userinfo = at >= 0 ? netloc.slice(0, at) : '';
  const hostport = at >= 0 ? netloc.slice(at + 1) : netloc;
  const colon = userinfo.indexOf(':');
  const username = colon >= 0 ? userinfo.slice(0, colon) : userinfo;
  const password = colon >= 0 ? userinfo.slice(colon + 1) : '';
  let hostname = hostport;
  let port: number | undefined;
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(hostport.startsWith('[') ? hostport.replace(/^\[([^\]]*)\]/, '$1') : hostport);
  if (portMatch) {
    hostname = portMatch[1]!;
    if (portMatch[2]) port = Number.parseInt(portMatch[2], 10);
  }
  const pairs = query
    .split(/[&;]/)
    .filter((p) => p)
    .map((p): [string, string] => {
      const eq = p.indexOf('=');
      return eq < 0 ? [decode(p), ''] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
    });
  return { scheme, username, password, hostname: hostname.toLowerCase(), port, path: rest, netloc, query: pairs };
}

const dict = (entries: [string, PyValue][]): PyValue => ({
  kind: 'dict',
  entries: entries.map(([k, v]) => ({ key: str(k), value: v })),
});

const DJ_DATABASE_URL_ENGINES: Record<string, string> = {
  postgres: 'django.db.backends.postgresql',
  postgresql: 'django.db.backends.postgresql',
  pgsql: 'django.db.backends.postgresql',
  postgis: 'django.contrib.gis.db.backends.postgis',
  mysql: 'django.db.backends.mysql',
  mysql2: 'django.db.backends.mysql',
  mysqlgis: 'django.contrib.gis.db.backends.mysql',
  'mysql-connector': 'mysql.connector.django',
  mssql: 'sql_server.pyodbc',
  mssqlms: 'mssql',
  spatialite: 'django.contrib.gis.db.backends.spatialite',
  sqlite: 'django.db.backends.sqlite3',
  oracle: 'django.db.backends.oracle',
  oraclegis: 'django.contrib.gis.db.backends.oracle',
  redshift: 'django_redshift_backend',
  cockroach: 'django_cockroachdb',
  timescale: 'timescale.db.backends.postgresql',
  timescalegis: 'timescale.db.backends.postgis',
};

const ENVIRON_DB_ENGINES: Record<string, string> = {
  ...DJ_DATABASE_URL_ENGINES,
  psql: 'django.db.backends.postgresql',
  mssql: 'mssql',
  pyodbc: 'sql_server.pyodbc',
  ldap: 'ldapdb.backends.ldap',
  cockroachdb: 'django_cockroachdb',
};

export interface DatabaseOptions {
  engine?: string;
  connMaxAge?: PyValue;
  connHealthChecks?: PyValue;
  sslRequire?: boolean;
}

/** `dj_database_url.parse(url, …)`. */
export function djDatabaseUrlParse(url: string, options: DatabaseOptions = {}): CastResult {
  if (url === 'sqlite://:memory:') {
    return { ok: true, value: dict([['ENGINE', str(DJ_DATABASE_URL_ENGINES.sqlite!)], ['NAME', str(':memory:')]]) };
  }
  const parsed = parseUrl(url);
  if (!parsed) return { ok: false, error: `ValueError: not a database URL (${maskSecret(url)}: it may hold a password)` };
  const engine = options.engine ?? DJ_DATABASE_URL_ENGINES[parsed.scheme];
  if (!engine) return { ok: false, error: `ValueError: No support for '${parsed.scheme}'. We support: ${Object.keys(DJ_DATABASE_URL_ENGINES).join(', ')}` };
  let name = decodeKeepPlus(parsed.path.slice(1));
  if (parsed.scheme === 'sqlite' && name === '') name = ':memory:';
  const optionsEntries: [string, PyValue][] = parsed.query.map(([k, v]) => [k, queryValue(v)]);
  if (options.sslRequire) optionsEntries.push(['sslmode', str('require')]);
  const entries: [string, PyValue][] = [
    ['NAME', str(name)],
    ['USER', str(decodeKeepPlus(parsed.username))],
    ['PASSWORD', str(decodeKeepPlus(parsed.password))],
    ['HOST', str(decodeKeepPlus(parsed.hostname))],
    ['PORT', parsed.port === undefined ? str('') : int(parsed.port)],
    ['CONN_MAX_AGE', options.connMaxAge ?? int(0)],
    ['CONN_HEALTH_CHECKS', options.connHealthChecks ?? bool(false)],
    ['DISABLE_SERVER_SIDE_CURSORS', bool(false)],
    ['ENGINE', str(engine)],
  ];
  if (optionsEntries.length) entries.push(['OPTIONS', dict(optionsEntries)]);
  return { ok: true, value: dict(entries) };
}

function queryValue(text: string): PyValue {
  if (/^\d+$/.test(text)) return int(Number.parseInt(text, 10));
  if (text.toLowerCase() === 'true') return bool(true);
  if (text.toLowerCase() === 'false') return bool(false);
  return str(text);
}

const ENVIRON_LIFTED = ['CONN_MAX_AGE', 'ATOMIC_REQUESTS', 'AUTOCOMMIT', 'DISABLE_SERVER_SIDE_CURSORS', 'CONN_HEALTH_CHECKS'];

/** `environ.Env.db_url_config(url, engine)`. */
export function environDbUrl(url: string, engineOverride?: string): CastResult {
  if (url === 'sqlite://:memory:') {
    return { ok: true, value: dict([['ENGINE', str(ENVIRON_DB_ENGINES.sqlite!)], ['NAME', str(':memory:')]]) };
  }
  const parsed = parseUrl(url);
  if (!parsed) return { ok: false, error: `ImproperlyConfigured: not a database URL (${maskSecret(url)})` };
  const engine = engineOverride ?? ENVIRON_DB_ENGINES[parsed.scheme];
  if (!engine) return { ok: false, error: `KeyError: '${parsed.scheme}'` };
  let name = decode(parsed.path.slice(1));
  if (parsed.scheme === 'sqlite' && name === '') name = ':memory:';
  const entries: [string, PyValue][] = [
    ['NAME', str(name)],
    ['USER', str(decode(parsed.username))],
    ['PASSWORD', str(decode(parsed.password))],
    ['HOST', str(decode(parsed.hostname))],
    ['PORT', parsed.port === undefined ? str('') : int(parsed.port)],
    ['ENGINE', str(engine)],
  ];
  const options: [string, PyValue][] = [];
  for (const [key, value] of parsed.query) {
    if (ENVIRON_LIFTED.includes(key.toUpperCase())) entries.push([key.toUpperCase(), queryValue(value)]);
    else options.push([key, /^\d+$/.test(value) ? int(Number.parseInt(value, 10)) : str(value)]);
  }
  if (options.length) entries.push(['OPTIONS', dict(options)]);
  return { ok: true, value: dict(entries) };
}

const CACHE_BACKENDS: Record<string, string> = {
  dbcache: 'django.core.cache.backends.db.DatabaseCache',
  dummycache: 'django.core.cache.backends.dummy.DummyCache',
  filecache: 'django.core.cache.backends.filebased.FileBasedCache',
  locmemcache: 'django.core.cache.backends.locmem.LocMemCache',
  memcache: 'django.core.cache.backends.memcached.MemcachedCache',
  pymemcache: 'django.core.cache.backends.memcached.PyMemcacheCache',
  pylibmc: 'django.core.cache.backends.memcached.PyLibMCCache',
  rediscache: 'django_redis.cache.RedisCache',
  redis: 'django_redis.cache.RedisCache',
  rediss: 'django_redis.cache.RedisCache',
};

/** `environ.Env.cache_url_config(url, backend)`. */
export function environCacheUrl(url: string, backendOverride?: string): CastResult {
  const parsed = parseUrl(url);
  if (!parsed) return { ok: false, error: `ImproperlyConfigured: not a cache URL (${maskSecret(url)})` };
  const backend = backendOverride ?? CACHE_BACKENDS[parsed.scheme];
  if (!backend) return { ok: false, error: `ImproperlyConfigured: Invalid cache schema ${parsed.scheme}` };
  let location: string;
  if (parsed.scheme === 'filecache' || parsed.scheme === 'dbcache') location = parsed.netloc + parsed.path;
  else if (parsed.scheme.startsWith('redis')) location = `${parsed.scheme === 'rediss' ? 'rediss' : 'redis'}://${parsed.netloc}${parsed.path}`;
  else location = parsed.netloc;
  const entries: [string, PyValue][] = [
    ['BACKEND', str(backend)],
    ['LOCATION', str(location)],
  ];
  if (parsed.query.length) entries.push(['OPTIONS', dict(parsed.query.map(([k, v]) => [k.toUpperCase(), str(v)]))]);
  return { ok: true, value: dict(entries) };
}

const EMAIL_BACKENDS: Record<string, string> = {
  smtp: 'django.core.mail.backends.smtp.EmailBackend',
  smtps: 'django.core.mail.backends.smtp.EmailBackend',
  'smtp+tls': 'django.core.mail.backends.smtp.EmailBackend',
  'smtp+ssl': 'django.core.mail.backends.smtp.EmailBackend',
  consolemail: 'django.core.mail.backends.console.EmailBackend',
  filemail: 'django.core.mail.backends.filebased.EmailBackend',
  memorymail: 'django.core.mail.backends.locmem.EmailBackend',
  dummymail: 'django.core.mail.backends.dummy.EmailBackend',
};

/** `environ.Env.email_url_config(url, backend)`. */
export function environEmailUrl(url: string, backendOverride?: string): CastResult {
  const parsed = parseUrl(url);
  if (!parsed) return { ok: false, error: `ImproperlyConfigured: not an email URL (${maskSecret(url)})` };
  const backend = backendOverride ?? EMAIL_BACKENDS[parsed.scheme];
  if (!backend) return { ok: false, error: `ImproperlyConfigured: Invalid email schema ${parsed.scheme}` };
  const entries: [string, PyValue][] = [
    ['EMAIL_FILE_PATH', str(decode(parsed.path))],
    ['EMAIL_HOST_USER', str(decode(parsed.username))],
    ['EMAIL_HOST_PASSWORD', str(decode(parsed.password))],
    ['EMAIL_HOST', str(parsed.hostname)],
    ['EMAIL_PORT', parsed.port === undefined ? str('') : int(parsed.port)],
    ['EMAIL_BACKEND', str(backend)],
  ];
  if (parsed.scheme === 'smtps' || parsed.scheme === 'smtp+tls') entries.push(['EMAIL_USE_TLS', bool(true)]);
  if (parsed.scheme === 'smtp+ssl') entries.push(['EMAIL_USE_SSL', bool(true)]);
  return { ok: true, value: dict(entries) };
}
