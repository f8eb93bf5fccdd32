import type { FileLocation } from '../core/location.js';
import type { Args, Interpreter } from './evaluator.js';
import type { Scope } from './scope.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import type { EnvRead, PyValue } from './value.js';
import { decide } from './expressions.js';
import { djDatabaseUrlParse } from './db-url.js';
import { readOf } from './env-state.js';
import { int, joinPath, list, none, str, tuple, unknown, withMeta } from './value-ops.js';
import { isNamespaceCall, namespaceScope } from './targets.js';

/**
 * `django_heroku.settings(locals())` and its fork `django_on_heroku.settings(locals())`: what the
 * library writes into the settings namespace (django-heroku 0.3). With DATABASE_URL set,
 * DATABASES['default'] comes from it (`dj_database_url.config(conn_max_age=…, ssl_require=True)`);
 * STATIC_ROOT, STATIC_URL, WhiteNoise's middleware and storage are set; ALLOWED_HOSTS becomes ['*'];
 * SECRET_KEY comes from the environment when it is set there. DEBUG is left alone. Heroku sets
 * DATABASE_URL when a Postgres add-on is attached, which a project calling the library on Heroku has.
 */

const WHITENOISE_MIDDLEWARE = 'whitenoise.middleware.WhiteNoiseMiddleware';
const WHITENOISE_STORAGE = 'whitenoise.storage.CompressedManifestStaticFilesStorage';
/** django-heroku's MAX_CONN_AGE, used when the settings have no CONN_MAX_AGE. */
const MAX_CONN_AGE = 600;
const HEROKU_POSTGRES = 'the Heroku Postgres add-on (django_heroku.settings() on Heroku expects one attached)';

/** Whether the keyword switch `name` (default True) is on: true, false, or undefined when not known. */
function switchOn(args: Args, name: string): boolean | undefined {
  const value = args.keywords.get(name);
  return value === undefined ? true : decide(value);
}

/** The DATABASES['default'] the library sets, or undefined when DATABASE_URL is unset (it keeps the settings' own). */
function databaseFromUrl(interp: Interpreter, namespace: Scope, where: FileLocation): PyValue | undefined {
  const { hit, read } = interp.env.read('DATABASE_URL', 'django_heroku.settings');
  if (!hit) {
    if (!interp.env.onPlatform('heroku')) return undefined;
    const provided: EnvRead = { ...read, set: true, sourceLabel: HEROKU_POSTGRES };
    return unknown(`DATABASE_URL is set by ${HEROKU_POSTGRES}, value not known here; django_heroku.settings() builds DATABASES['default'] from it`, { loc: where, env: [provided] });
  }
  const meta = { loc: where, env: [read] };
  if (hit.value === undefined) return unknown(`DATABASE_URL is set by ${hit.sourceLabel ?? 'the platform'}, value not known here; django_heroku.settings() builds DATABASES['default'] from it`, meta);
  const age = namespace.get('CONN_MAX_AGE');
  const parsed = djDatabaseUrlParse(hit.value, { connMaxAge: age ?? int(MAX_CONN_AGE), sslRequire: true });
  return parsed.ok ? withMeta(parsed.value, meta) : unknown(`DATABASE_URL: ${parsed.error}`, meta);
}

function setDatabases(interp: Interpreter, namespace: Scope, where: FileLocation): void {
  const database = databaseFromUrl(interp, namespace, where);
  if (!database) return;
  const current = namespace.get('DATABASES');
  let updated: PyValue;
  if (current === undefined) updated = { kind: 'dict', entries: [{ key: str('default'), value: database }], loc: where };
  else if (current.kind === 'dict') {
    const others = current.entries.filter((entry) => !(entry.key.kind === 'str' && entry.key.value === 'default'));
    updated = { ...current, entries: [{ key: str('default'), value: database }, ...others] };
  } else updated = unknown(current.kind === 'unknown' ? current.reason : 'DATABASES is not a dict', { loc: where });
  namespace.set('DATABASES', updated, interp.statement);
}

/** STATIC_ROOT, STATIC_URL, WhiteNoise first in the middleware, its storage; a KeyError when BASE_DIR or the middleware is missing. */
function setStaticfiles(interp: Interpreter, namespace: Scope, where: FileLocation): PyValue | undefined {
  const base = namespace.get('BASE_DIR');
  if (!base) return interp.fail('KeyError', "KeyError: 'BASE_DIR': django_heroku.settings() needs BASE_DIR in the settings", where);
  const root = base.kind === 'str' || base.kind === 'path' ? str(joinPath(base.value, 'staticfiles'), { loc: where }) : unknown('STATIC_ROOT is BASE_DIR/staticfiles, and BASE_DIR is not known', { loc: where });
  namespace.set('STATIC_ROOT', root, interp.statement);
  namespace.set('STATIC_URL', str('/static/', { loc: where }), interp.statement);
  const name = namespace.get('MIDDLEWARE_CLASSES') ? 'MIDDLEWARE_CLASSES' : 'MIDDLEWARE';
  const middleware = namespace.get(name);
  if (!middleware) return interp.fail('KeyError', `KeyError: '${name}': django_heroku.settings() adds WhiteNoise to the middleware the settings define`, where);
  const items = middleware.kind === 'list' || middleware.kind === 'tuple' ? middleware.items : undefined;
  const withWhitenoise = items ? tuple([str(WHITENOISE_MIDDLEWARE, { loc: where }), ...items], { loc: where }) : unknown(`${name} with WhiteNoise added, and ${name} is not known`, { loc: where });
  namespace.set(name, withWhitenoise, interp.statement);
  namespace.set('STATICFILES_STORAGE', str(WHITENOISE_STORAGE, { loc: where }), interp.statement);
  return undefined;
}

function setSecretKey(interp: Interpreter, namespace: Scope, where: FileLocation): void {
  const hit = interp.env.lookup('SECRET_KEY');
  if (!hit) return;
  const read = readOf('SECRET_KEY', 'django_heroku.settings', hit);
  const value =
    hit.value === undefined
      ? unknown(`SECRET_KEY is set by ${hit.sourceLabel ?? 'the platform'}, value not known here`, { loc: where, env: [read] })
      : str(hit.value, { loc: where, env: [read] });
  namespace.set('SECRET_KEY', value, interp.statement);
}

/** A part of the library's work whose switch (`allowed_hosts=flag`) is not known: the names it writes become unknown. */
function undecided(interp: Interpreter, namespace: Scope, names: string[], switchName: string, where: FileLocation): void {
  for (const name of names) namespace.set(name, unknown(`django_heroku.settings(${switchName}=…) with a value that is not known`, { loc: where }), interp.statement);
}

export function herokuSettings(interp: Interpreter, args: Args, node: SyntaxNode, scope: Scope): PyValue {
  const where = interp.here(node);
  const configNode = args.positionalNodes[0];
  const namespace = configNode?.type === 'call' && isNamespaceCall(configNode) ? namespaceScope(configNode, scope) : undefined;
  if (!namespace) return unknown('django_heroku.settings() of a namespace other than the settings module’s is not modelled', { loc: where });
  const parts: [string, string[], () => PyValue | undefined][] = [
    ['databases', ['DATABASES'], () => void setDatabases(interp, namespace, where)],
    ['staticfiles', ['STATIC_ROOT', 'STATIC_URL', 'STATICFILES_STORAGE'], () => setStaticfiles(interp, namespace, where)],
    ['allowed_hosts', ['ALLOWED_HOSTS'], () => void namespace.set('ALLOWED_HOSTS', list([str('*', { loc: where })], { loc: where }), interp.statement)],
    ['secret_key', ['SECRET_KEY'], () => void setSecretKey(interp, namespace, where)],
  ];
  for (const [switchName, names, apply] of parts) {
    const on = switchOn(args, switchName);
    if (on === false) continue;
    if (on === undefined) {
      undecided(interp, namespace, names, switchName, where);
      continue;
    }
    const failed = apply();
    if (failed) return failed;
  }
  return none({ loc: where });
}
