import type { FileLocation } from '../../core/location.js';
import type { EnvRead, PyValue } from '../value.js';
import { truthy } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import { mergeEnv, none, str, unknown } from '../value-ops.js';
import { djDatabaseUrlParse } from '../db-url.js';
import type { LibraryHandler } from './call.js';
import { arg, cast, notSetReason, reasonOf, textOf } from './call.js';

/** dj-database-url: `config` and `parse`. */
export const callDjDatabaseUrl: LibraryHandler = (call) => {
  const { interp, dotted, args, where, meta, a0 } = call;
  switch (dotted) {
    case 'dj_database_url.config':
      return djDatabaseUrlConfig(interp, args, where);
    case 'dj_database_url.parse': {
      if (!a0) return unknown('dj_database_url.parse() without a URL', meta);
      if (a0.kind !== 'str') return unknown(reasonOf(a0, 'dj_database_url.parse() of a value that is not a string'), meta);
      return cast(interp, djDatabaseUrlParse(a0.value, databaseOptions(args)), a0, meta);
    }
    default:
      return undefined;
  }
};

function databaseOptions(args: Args) {
  const options: { engine?: string; connMaxAge?: PyValue; connHealthChecks?: PyValue; sslRequire?: boolean } = {};
  const engine = textOf(args.keywords.get('engine'));
  if (engine !== undefined) options.engine = engine;
  const age = args.keywords.get('conn_max_age');
  if (age) options.connMaxAge = age;
  const health = args.keywords.get('conn_health_checks');
  if (health) options.connHealthChecks = health;
  const ssl = args.keywords.get('ssl_require');
  if (ssl) options.sslRequire = truthy(ssl) === true;
  return options;
}

/** `dj_database_url.config(env='DATABASE_URL', default=None, …)`: `{}` when there is no URL. */
function djDatabaseUrlConfig(interp: Interpreter, args: Args, where: FileLocation): PyValue {
  const nameArg = arg(interp, args, 0, 'env');
  const name = nameArg ? textOf(nameArg.value) : 'DATABASE_URL';
  if (name === undefined) return unknown('dj_database_url.config() with a variable name that is not known', { loc: where });
  const fallback = arg(interp, args, 1, 'default');
  const { hit, read } = interp.env.read(name, 'dj_database_url.config', fallback ? { defaultText: fallback.text } : {});
  const meta = { loc: where, env: [read] as EnvRead[] };
  let url: PyValue;
  if (hit) {
    if (hit.value === undefined) return unknown(notSetReason(name, hit), meta);
    url = str(hit.value);
  } else url = fallback?.value ?? none();
  const env = mergeEnv([read], hit ? undefined : url.env);
  if (url.kind === 'unknown') return unknown(url.reason, { loc: where, env });
  if (url.kind === 'none' || (url.kind === 'str' && url.value === '')) return { kind: 'dict', entries: [], loc: where, ...(env ? { env } : {}) };
  if (url.kind !== 'str' && url.kind !== 'path') return unknown('dj_database_url.config() default that is not a string', { loc: where, env });
  return cast(interp, djDatabaseUrlParse(url.value, databaseOptions(args)), url, { loc: where, env });
}
