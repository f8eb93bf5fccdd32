import type { FileLocation } from '../../core/location.js';
import type { EnvRead, PyValue } from '../value.js';
import { truthy } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import { internalOf, setInternal } from '../internals.js';
import type { SchemeEntry } from '../internals.js';
import { bool, mergeEnv, none, normalizePath, object, pyEquals, reprOf, str, unknown, unknownStr, withMeta } from '../value-ops.js';
import type { CastResult } from '../env-casts.js';
import { castNameOf, environParseValue } from '../env-casts.js';
import { environCacheUrl, environDbUrl, environEmailUrl } from '../db-url.js';
import type { LibraryHandler, Arg } from './call.js';
import { arg, cast, notSetReason, textOf, urlConfig } from './call.js';
import { readEnvFile } from './dotenv.js';

/** django-environ: `Env`, its url parsers and `environ.Path`. */
export const callEnviron: LibraryHandler = (call) => {
  const { interp, dotted, args, where, meta, a0 } = call;
  switch (dotted) {
    case 'environ.Path': {
      const text = textOf(a0);
      return text === undefined ? unknown('environ.Path() of a value that is not known', meta) : { kind: 'path', value: normalizePath(text), ...meta };
    }
    case 'environ.Env':
    case 'environ.FileAwareEnv':
      return makeEnviron(interp, args, where);
    case 'environ.Env.read_env':
    case 'environ.FileAwareEnv.read_env':
      return readEnvFile(interp, args, where, 'environ.Env.read_env');
    case 'environ.Env.db_url_config':
      return urlConfig(interp, environDbUrl, a0, textOf(args.keywords.get('engine')), meta);
    case 'environ.Env.cache_url_config':
      return urlConfig(interp, environCacheUrl, a0, textOf(args.keywords.get('backend')), meta);
    case 'environ.Env.email_url_config':
      return urlConfig(interp, environEmailUrl, a0, textOf(args.keywords.get('backend')), meta);
    default:
      return undefined;
  }
};

function makeEnviron(interp: Interpreter, args: Args, where: FileLocation): PyValue {
  const scheme = new Map<string, SchemeEntry>();
  for (const [name, value] of args.keywords) {
    const node = args.keywordNodes.get(name);
    if (value.kind === 'tuple' && value.items.length === 2) {
      const defaultNode = node?.type === 'tuple' ? node.namedChildren[1] : undefined;
      scheme.set(name, { cast: value.items[0], default: value.items[1], defaultText: defaultNode?.text ?? reprOf(value.items[1]!) ?? '…' });
    } else scheme.set(name, { cast: value });
  }
  const env = object('environ.Env', { loc: where });
  setInternal(env, { tag: 'environ.Env', scheme, prefix: '', smartCast: true });
  return env;
}

const ENVIRON_TYPED: Record<string, string> = {
  str: 'builtins.str',
  bool: 'builtins.bool',
  int: 'builtins.int',
  float: 'builtins.float',
  json: 'json.loads',
  list: 'builtins.list',
  tuple: 'builtins.tuple',
  dict: 'builtins.dict',
};

export function environCall(interp: Interpreter, self: PyValue, method: string, args: Args, where: FileLocation): PyValue {
  const internal = internalOf(self);
  if (internal?.tag !== 'environ.Env') return unknown('not an environ.Env');
  const meta = { loc: where };
  if (method === 'read_env') return readEnvFile(interp, args, where, 'environ.Env.read_env');
  if (method === 'db_url_config') return urlConfig(interp, environDbUrl, args.positional[0], textOf(args.keywords.get('engine')), meta);
  const var0 = arg(interp, args, 0, 'var');
  const urlReaders: Record<string, { variable: string; parse: (url: string, o?: string) => CastResult; override: string }> = {
    db: { variable: 'DATABASE_URL', parse: environDbUrl, override: 'engine' },
    db_url: { variable: 'DATABASE_URL', parse: environDbUrl, override: 'engine' },
    cache: { variable: 'CACHE_URL', parse: environCacheUrl, override: 'backend' },
    cache_url: { variable: 'CACHE_URL', parse: environCacheUrl, override: 'backend' },
    email: { variable: 'EMAIL_URL', parse: environEmailUrl, override: 'backend' },
    email_url: { variable: 'EMAIL_URL', parse: environEmailUrl, override: 'backend' },
  };
  const url = urlReaders[method];
  if (url) {
    const name = var0 ? textOf(var0.value) : url.variable;
    if (name === undefined) return unknown(`env.${method}() with a name that is not known`, meta);
    const raw = environGetValue(interp, internal, name, { default: arg(interp, args, 1, 'default'), reader: `environ.Env.${method}` }, where);
    if (raw.kind === 'dict' || raw.kind === 'unknown') return raw;
    return urlConfig(interp, url.parse, raw, textOf(args.keywords.get(url.override)), { loc: where, env: raw.env });
  }
  if (method === 'get_value' || method === '__call__' || method in ENVIRON_TYPED || method === 'url' || method === 'path') {
    const name = var0 ? textOf(var0.value) : undefined;
    if (name === undefined) return unknown(`env.${method}() with a name that is not known`, meta);
    const isCall = method === 'get_value' || method === '__call__';
    let castValue: PyValue | undefined;
    let castText: string | undefined;
    const castArg = arg(interp, args, isCall ? 1 : -1, 'cast');
    if (isCall) {
      castValue = castArg?.value;
      castText = castArg?.text;
    } else if (method in ENVIRON_TYPED) {
      castValue = object(`ext:${ENVIRON_TYPED[method]}`);
      castText = method;
      if ((method === 'list' || method === 'tuple') && castArg && castArg.value.kind !== 'none') {
        castValue = { kind: method, items: [castArg.value] };
        castText = `[${castArg.text}]`;
      }
    }
    const fallback = arg(interp, args, isCall ? 2 : 1, 'default');
    const parseDefault = truthy(arg(interp, args, isCall ? 3 : -1, 'parse_default')?.value ?? bool(false)) === true;
    const value = environGetValue(
      interp,
      internal,
      name,
      { cast: castValue, castText, default: fallback, parseDefault, reader: isCall ? 'environ.Env' : `environ.Env.${method}` },
      where,
    );
    if (method === 'str' && value.kind === 'str' && truthy(arg(interp, args, 2, 'multiline')?.value ?? bool(false))) {
      return withMeta(str(value.value.replace(/\\n/g, '\n')), { loc: value.loc, env: value.env });
    }
    if (method === 'path' && value.kind === 'str') return { kind: 'path', value: normalizePath(value.value), loc: where, ...(value.env ? { env: value.env } : {}) };
    if (method === 'url' && value.kind === 'str') return object('urllib.parse.ParseResult', { loc: where, env: value.env }, new Map([['geturl', value]]));
    return value;
  }
  return unknown(`env.${method}() is not modelled`, meta);
}

interface EnvironGetOptions {
  cast?: PyValue;
  castText?: string;
  default?: Arg;
  parseDefault?: boolean;
  reader: string;
}

/** `Env.get_value`: scheme, raw default, proxy `$OTHER`, smart cast, '' → None with a None default. */
function environGetValue(
  interp: Interpreter,
  env: Extract<ReturnType<typeof internalOf>, { tag: 'environ.Env' }>,
  variable: string,
  options: EnvironGetOptions,
  where: FileLocation,
  depth = 0,
): PyValue {
  const name = `${env.prefix}${variable}`;
  let castValue = options.cast;
  let castText = options.castText;
  let fallback = options.default;
  const entry = env.scheme.get(name);
  if (entry) {
    if (!castValue || castValue.kind === 'none') {
      castValue = entry.cast;
      castText = entry.cast ? (castNameOf(entry.cast) ?? undefined) : undefined;
    }
    if (!fallback && entry.default) fallback = { value: entry.default, text: entry.defaultText ?? '…' };
  }
  const { hit, read } = interp.env.read(name, options.reader, {
    ...(fallback ? { defaultText: fallback.text } : {}),
    ...(castText ? { cast: castText } : {}),
  });
  const meta = { loc: where, env: [read] as EnvRead[] };
  // Without a cast (nor a smart cast from a non-str default) Env returns the variable's text.
  const requested = castNameOf(castValue);
  const castless =
    (requested === undefined || requested === 'str') &&
    !/\.(path|url)$/.test(options.reader) &&
    !(env.smartCast && fallback && fallback.value.kind !== 'str' && fallback.value.kind !== 'none');
  let value: PyValue;
  if (!hit) {
    if (!fallback) return interp.requiredRead('ImproperlyConfigured', `${name} is not set: env('${name}') raises ImproperlyConfigured (Set the ${name} environment variable)`, where, read, castless);
    value = fallback.value;
  } else if (hit.value === undefined) {
    return (castless ? unknownStr : unknown)(notSetReason(name, hit), meta);
  } else value = str(hit.value);
  if (value.kind === 'str' && value.value.startsWith('$') && depth < 10) {
    const proxied = environGetValue(interp, env, value.value.replace(/^\$+/, ''), { ...options, reader: options.reader }, where, depth + 1);
    return withMeta(proxied, { env: [read] });
  }
  let castName = castNameOf(castValue);
  if (env.smartCast && castName === undefined && fallback && fallback.value.kind !== 'none') {
    const type = fallback.value.kind;
    castName = type === 'bool' || type === 'int' || type === 'float' || type === 'str' || type === 'list' || type === 'tuple' || type === 'dict' ? type : undefined;
  }
  if (fallback?.value.kind === 'none' && value.kind === 'str' && value.value === '') value = none();
  if (value.kind === 'unknown') return unknown(value.reason, { loc: where, env: mergeEnv([read], value.env) });
  // An unset variable gives the default itself, which Env never casts (even an opaque object like logging.INFO).
  const equalsDefault = fallback !== undefined && (value === fallback.value || pyEquals(value, fallback.value) === true);
  if (!equalsDefault || (options.parseDefault && value.kind !== 'none')) {
    if (castName === 'db_url') return urlConfig(interp, environDbUrl, value, undefined, { loc: where, env: mergeEnv([read], value.env) });
    const parsed = environParseValue(value, castName);
    if (!parsed.ok && parsed.error.startsWith('cast ')) return unknown(`${name}: ${parsed.error}`, { loc: where, env: mergeEnv([read], value.env) });
    return cast(interp, parsed, value, { loc: where, env: mergeEnv([read], value.env) });
  }
  return withMeta(value, { loc: hit ? where : (fallback?.value.loc ?? where), env: [read] });
}

