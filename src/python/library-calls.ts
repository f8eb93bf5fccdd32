import type { FileLocation } from '../core/location.js';
import type { EnvFileDialect, EnvVar } from '../env/types.js';
import type { PyNode as SyntaxNode } from './syntax.js';
import type { EnvRead, PyValue } from './value.js';
import { truthy } from './value.js';
import type { Args, Interpreter } from './evaluator.js';
import { attribute, decide, osEnvironItem } from './expressions.js';
import { internalOf, setInternal } from './internals.js';
import type { SchemeEntry } from './internals.js';
import { hitOf, readOf } from './env-state.js';
import type { EnvHit } from './env-state.js';
import {
  bool,
  dirnamePath,
  envOf,
  int,
  joinPath,
  list,
  mergeEnv,
  none,
  normalizePath,
  object,
  pyEquals,
  pyStr,
  reprOf,
  resolvePath,
  str,
  unknown,
  unknownStr,
  withMeta,
} from './pyops.js';
import type { CastResult } from './env-casts.js';
import {
  castNameOf,
  decoupleCast,
  decoupleCsv,
  defaultCsv,
  environParseValue,
  pyFloat,
  pyInt,
} from './env-casts.js';
import { djDatabaseUrlParse, environCacheUrl, environDbUrl, environEmailUrl } from './db-url.js';
import { literalEval } from './literal-eval.js';
import { callFunction } from './functions.js';

/** Calls into the standard library and the env libraries (research §4), modelled by dotted name. */

const ALIASES: [RegExp, string][] = [
  [/^environ\.environ\./, 'environ.'],
  [/^pathlib\.(PosixPath|PurePath|PurePosixPath)$/, 'pathlib.Path'],
  [/^posixpath\./, 'os.path.'],
  [/^decouple\.(AutoConfig)$/, 'decouple.AutoConfig'],
];

const canonicalNames = new Map<string, string>();

function canonical(dotted: string): string {
  let out = canonicalNames.get(dotted);
  if (out !== undefined) return out;
  out = dotted;
  for (const [pattern, replacement] of ALIASES) out = out.replace(pattern, replacement);
  if (canonicalNames.size < 10_000) canonicalNames.set(dotted, out);
  return out;
}

export function externalAttribute(dotted: string, name: string, where: FileLocation): PyValue {
  const full = canonical(`${dotted}.${name}`);
  if (full === 'os.sep' || full === 'os.path.sep') return str('/', { loc: where });
  if (full === 'os.linesep') return str('\n', { loc: where });
  return object(`ext:${full}`);
}

interface Arg {
  value: PyValue;
  text: string;
}

function arg(interp: Interpreter, args: Args, index: number, keyword: string): Arg | undefined {
  if (index >= 0 && index < args.positional.length) {
    const node = args.positionalNodes[index];
    const value = args.positional[index]!;
    return { value, text: sourceText(interp, node, value) };
  }
  const value = args.keywords.get(keyword);
  if (!value) return undefined;
  return { value, text: sourceText(interp, args.keywordNodes.get(keyword), value) };
}

/** How an argument reads in messages: its source, except a parameter name inside a called function (its value then). */
function sourceText(interp: Interpreter, node: SyntaxNode | undefined, value: PyValue): string {
  if (node?.type === 'identifier' && interp.frames.length) return reprOf(value) ?? node.text;
  return node?.text ?? reprOf(value) ?? '…';
}

function textOf(value: PyValue | undefined): string | undefined {
  return value && (value.kind === 'str' || value.kind === 'path') ? value.value : undefined;
}

const notSetReason = (name: string, hit: EnvHit) => `${name} is set by ${hit.sourceLabel ?? 'the platform'}, value not known here`;

/** A call whose callee is an import from outside the project. */
export function callExternal(interp: Interpreter, dottedName: string, args: Args, node: SyntaxNode): PyValue {
  const dotted = canonical(dottedName);
  const where = interp.here(node);
  interp.noteLibraryCall(dotted, args, where);
  const meta = { loc: where, env: envOf(...args.positional, ...args.keywords.values()) };
  if (args.opaque) return unknown(`${dotted}() with *args/**kwargs that are not known`, meta);
  const a0 = args.positional[0];
  switch (dotted) {
    // ---------------------------------------------------------------- builtins
    case 'builtins.bool': {
      if (!a0) return bool(false, meta);
      const t = decide(a0);
      return t === undefined ? unknown(reasonOf(a0, 'bool() of an unknown value'), meta) : bool(t, meta);
    }
    case 'builtins.int':
      return cast(interp, a0 ? pyInt(a0) : { ok: true, value: int(0) }, a0, meta);
    case 'builtins.float':
      return cast(interp, a0 ? pyFloat(a0) : { ok: true, value: int(0) }, a0, meta);
    case 'builtins.str': {
      if (!a0) return str('', meta);
      const text = pyStr(a0);
      return text === undefined ? unknown(reasonOf(a0, `str() of ${a0.kind}`), meta) : str(text, meta);
    }
    case 'builtins.repr': {
      const text = a0 ? reprOf(a0) : undefined;
      return text === undefined ? unknown('repr() of an unknown value', meta) : str(text, meta);
    }
    case 'builtins.list':
    case 'builtins.tuple':
    case 'builtins.set':
    case 'builtins.frozenset':
    case 'builtins.sorted': {
      const kind = dotted === 'builtins.tuple' ? 'tuple' : dotted === 'builtins.set' || dotted === 'builtins.frozenset' ? 'set' : 'list';
      if (!a0) return { kind, items: [], ...meta };
      const items = iterate(a0);
      if (!items) return unknown(reasonOf(a0, `${dotted.slice(9)}() of a value that is not iterable`), meta);
      if (dotted === 'builtins.sorted') {
        if (items.some((i) => i.kind !== 'str') || args.keywords.size) return unknown('sorted() is only modelled on strings', meta);
        return list([...items].sort((x, y) => ((x as { value: string }).value < (y as { value: string }).value ? -1 : 1)), meta);
      }
      return { kind, items, ...meta };
    }
    case 'builtins.dict': {
      const entries = a0?.kind === 'dict' ? [...a0.entries] : [];
      if (a0 && a0.kind !== 'dict') return unknown(reasonOf(a0, 'dict() of a value that is not a dict'), meta);
      for (const [key, value] of args.keywords) entries.push({ key: str(key), value });
      return { kind: 'dict', entries, ...meta };
    }
    case 'builtins.len': {
      if (!a0) return unknown('len() without argument', meta);
      const n = a0.kind === 'str' ? a0.value.length : a0.kind === 'dict' ? a0.entries.length : 'items' in a0 ? a0.items.length : undefined;
      return n === undefined ? unknown(reasonOf(a0, 'len() of a value that is not sized'), meta) : int(n, meta);
    }
    case 'ast.literal_eval':
      return a0 ? literalEval(interp, a0, where) : unknown('ast.literal_eval() without argument', meta);
    case 'builtins.print':
      return none(meta);
    case 'builtins.any':
    case 'builtins.all': {
      const items = a0 ? iterate(a0) : undefined;
      if (!items) return unknown(reasonOf(a0 ?? none(), `${dotted.slice(9)}() of a value that is not iterable`), meta);
      const decided = items.map(decide);
      const wanted = dotted === 'builtins.any';
      if (decided.includes(wanted)) return bool(wanted, meta);
      return decided.includes(undefined) ? unknown(`${dotted.slice(9)}() of values that are not known`, meta) : bool(!wanted, meta);
    }
    case 'builtins.getattr': {
      const name = textOf(args.positional[1]);
      if (!a0 || name === undefined) return unknown('getattr() with a name that is not known', meta);
      const value = attribute(interp, a0, name, where);
      return value.kind === 'unknown' && args.positional[2] ? args.positional[2] : value;
    }
    case 'builtins.range': {
      const nums = args.positional.map((p) => (p.kind === 'int' ? p.value : undefined));
      if (nums.some((n) => n === undefined) || !nums.length) return unknown('range() of values that are not known', meta);
      const [start, stop] = nums.length === 1 ? [0, nums[0]!] : [nums[0]!, nums[1]!];
      const stepBy = nums[2] ?? 1;
      if (stepBy === 0 || Math.abs((stop - start) / stepBy) > 10_000) return unknown('range() too large to model', meta);
      const items: PyValue[] = [];
      for (let i = start; stepBy > 0 ? i < stop : i > stop; i += stepBy) items.push(int(i));
      return list(items, meta);
    }

    // ---------------------------------------------------------------- os
    case 'os.environ.get':
    case 'os.getenv':
      return osGet(interp, dotted === 'os.getenv' ? 'os.getenv' : 'os.environ.get', args, where);
    case 'os.environ.setdefault': {
      const name = textOf(a0);
      const value = args.positional[1];
      if (name === undefined) return unknown('os.environ.setdefault() with a name that is not known', meta);
      if (value) interp.noteEnvWrite(name, value, where, false);
      const existing = interp.env.lookup(name);
      if (existing) {
        const read = readOf(name, 'os.environ.setdefault', existing);
        return existing.value === undefined ? unknownStr(notSetReason(name, existing), { loc: where, env: [read] }) : str(existing.value, { loc: where, env: [read] });
      }
      if (value?.kind === 'str') interp.env.setDefault(name, { value: value.value, source: where, sourceLabel: 'os.environ.setdefault in the settings code' });
      // The code's default: the value depends on the variable being unset.
      const defaultText = args.positionalNodes[1]?.text;
      return withMeta(value ?? none(meta), { env: [readOf(name, 'os.environ.setdefault', undefined, defaultText === undefined ? {} : { defaultText })] });
    }
    case 'os.environ.__getitem__':
      return a0?.kind === 'str' ? osEnvironItem(interp, a0.value, where) : unknown('os.environ[] with a name that is not known', meta);
    case 'os.environ.pop': {
      const name = textOf(a0);
      return name === undefined ? unknown('os.environ.pop() with a name that is not known', meta) : osGet(interp, 'os.environ.pop', args, where);
    }
    case 'os.path.join': {
      const parts = args.positional.map(textOf);
      if (parts.some((p) => p === undefined) || !parts.length) return unknown(reasonOf(args.positional.find((p) => textOf(p) === undefined) ?? none(), 'os.path.join() of parts that are not known'), meta);
      return str(parts.slice(1).reduce<string>((acc, p) => (p!.startsWith('/') ? p! : acc === '' || acc.endsWith('/') ? acc + p! : `${acc}/${p!}`), parts[0]!), meta);
    }
    case 'os.path.dirname':
    case 'os.path.abspath':
    case 'os.path.realpath':
    case 'os.path.normpath':
    case 'os.path.basename':
    case 'os.path.expanduser':
    case 'os.fspath': {
      const text = textOf(a0);
      if (text === undefined) return unknown(reasonOf(a0 ?? none(), `${dotted}() of a value that is not a known path`), meta);
      if (dotted === 'os.path.dirname') return str(dirnamePath(text), meta);
      if (dotted === 'os.path.basename') return str(text.slice(text.lastIndexOf('/') + 1), meta);
      if (dotted === 'os.path.normpath') return str(normalizePath(text), meta);
      if (dotted === 'os.path.expanduser' || dotted === 'os.fspath') return str(text, meta);
      return text.startsWith('/') ? str(resolvePath(text), meta) : unknown(`${dotted}() of a relative path depends on the working directory`, meta);
    }
    case 'os.path.exists':
    case 'os.path.isfile':
    case 'os.path.isdir': {
      const text = textOf(a0);
      const relative = text === undefined ? undefined : interp.toWorkspacePath(text);
      if (relative === undefined) return unknown(`${dotted}() of a path outside the project`, meta);
      const isDir = interp.options.workspace.files.some((f) => f.startsWith(`${relative}/`));
      if (dotted === 'os.path.isdir') return bool(isDir, meta);
      if (dotted === 'os.path.isfile') return bool(interp.exists(relative), meta);
      return bool(isDir || interp.exists(relative), meta);
    }

    // ---------------------------------------------------------------- pathlib
    case 'pathlib.Path': {
      const parts = args.positional.map(textOf);
      if (parts.some((p) => p === undefined)) return unknown(reasonOf(args.positional.find((p) => textOf(p) === undefined)!, 'Path() of a value that is not known'), meta);
      return { kind: 'path', value: parts.length ? parts.reduce<string>((acc, p) => joinPath(acc, p!), '') : '.', ...meta };
    }
    case 'environ.Path': {
      const text = textOf(a0);
      return text === undefined ? unknown('environ.Path() of a value that is not known', meta) : { kind: 'path', value: normalizePath(text), ...meta };
    }

    // ---------------------------------------------------------------- django-environ
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

    // ---------------------------------------------------------------- python-decouple
    case 'decouple.config':
      return decoupleGet(interp, autoConfig(interp), args, node);
    case 'decouple.Csv': {
      const spec = defaultCsv();
      const castArg = arg(interp, args, 0, 'cast');
      if (castArg) spec.cast = castNameOf(castArg.value);
      const delimiter = textOf(arg(interp, args, 1, 'delimiter')?.value);
      if (delimiter !== undefined) spec.delimiter = delimiter;
      const strip = textOf(arg(interp, args, 2, 'strip')?.value);
      if (strip !== undefined) spec.strip = strip;
      const post = castNameOf(arg(interp, args, 3, 'post_process')?.value);
      if (post === 'tuple' || post === 'list') spec.postProcess = post;
      else if (post === 'callable:builtins.set' || post === 'callable:builtins.frozenset') spec.postProcess = 'set';
      const csv = object('decouple.Csv', { loc: where });
      setInternal(csv, { tag: 'decouple.Csv', spec, text: node.text });
      return csv;
    }
    case 'decouple.Choices': {
      const flat = arg(interp, args, 0, 'flat')?.value;
      const choices = flat && (flat.kind === 'list' || flat.kind === 'tuple') ? flat.items : [];
      const choicesObject = object('decouple.Choices', { loc: where });
      setInternal(choicesObject, { tag: 'decouple.Choices', choices, cast: castNameOf(arg(interp, args, 1, 'cast')?.value), text: node.text });
      return choicesObject;
    }
    case 'decouple.RepositoryEnv':
    case 'decouple.RepositoryIni': {
      const path = textOf(arg(interp, args, 0, 'source')?.value);
      const relative = path === undefined ? undefined : interp.toWorkspacePath(path);
      const repository = object(dotted, { loc: where });
      setInternal(repository, {
        tag: 'decouple.Repository',
        vars: relative === undefined ? undefined : interp.loadEnvFile(relative, dotted === 'decouple.RepositoryIni' ? 'decouple-ini' : 'decouple'),
        label: relative ?? path ?? 'an env file',
      });
      return repository;
    }
    case 'decouple.Config': {
      const repository = internalOf(a0);
      const config = object('decouple.Config', { loc: where });
      setInternal(config, {
        tag: 'decouple.Config',
        repository: repository?.tag === 'decouple.Repository' ? repository.vars : undefined,
        label: repository?.tag === 'decouple.Repository' ? repository.label : 'a repository',
      });
      return config;
    }
    case 'decouple.AutoConfig':
      return autoConfig(interp, textOf(arg(interp, args, 0, 'search_path')?.value));

    // ---------------------------------------------------------------- dj-database-url
    case 'dj_database_url.config':
      return djDatabaseUrlConfig(interp, args, where);
    case 'dj_database_url.parse': {
      if (!a0) return unknown('dj_database_url.parse() without a URL', meta);
      if (a0.kind !== 'str') return unknown(reasonOf(a0, 'dj_database_url.parse() of a value that is not a string'), meta);
      return cast(interp, djDatabaseUrlParse(a0.value, databaseOptions(args)), a0, meta);
    }

    // ---------------------------------------------------------------- python-dotenv, django-dotenv
    case 'dotenv.load_dotenv':
    case 'dotenv.read_dotenv':
      return readEnvFile(interp, args, where, dotted);
    case 'dotenv.find_dotenv': {
      const found = findUpward(interp, ['.env']);
      return str(found ? interp.absolute(found) : '', meta);
    }
    case 'dotenv.dotenv_values': {
      const path = textOf(a0);
      const relative = path === undefined ? findUpward(interp, ['.env']) : interp.toWorkspacePath(path);
      const vars = relative === undefined ? undefined : interp.loadEnvFile(relative, 'python-dotenv');
      if (!vars) return unknown('dotenv_values() of a file production does not have', meta);
      return { kind: 'dict', entries: vars.map((v) => ({ key: str(v.name), value: v.value === undefined ? unknown(`${v.name}: value not known`) : str(v.value) })), ...meta };
    }

    // ---------------------------------------------------------------- others
    case 'datetime.timedelta': {
      const units: Record<string, number> = { weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, milliseconds: 0.001, microseconds: 0.000001 };
      let seconds = 0;
      const positionalUnits = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
      const all: [string, PyValue][] = [...args.positional.map((v, i): [string, PyValue] => [positionalUnits[i] ?? '', v]), ...args.keywords];
      for (const [unit, value] of all) {
        if (value.kind !== 'int' && value.kind !== 'float') return unknown('timedelta() of values that are not known', meta);
        seconds += value.value * (units[unit] ?? 0);
      }
      return object('datetime.timedelta', meta, new Map([['total_seconds', int(Math.round(seconds))]]));
    }
    case 'django.core.management.utils.get_random_secret_key':
      return unknown('get_random_secret_key() makes a new key at every start', meta);
    default:
      if (dotted.startsWith('configurations.values.') || dotted.startsWith('configurations.')) {
        const kind = dotted.split('.').pop()!;
        if (/Value$/.test(kind)) return makeConfigurationsValue(interp, kind, args, where);
      }
      return unknown(`${dotted}() is not evaluated`, meta);
  }
}

/** Calling an object the evaluator made: an `environ.Env`, a decouple config, or a bound method of one. */
export function callObject(interp: Interpreter, fn: PyValue, args: Args, node: SyntaxNode): PyValue | undefined {
  const where = interp.here(node);
  const internal = internalOf(fn);
  if (internal?.tag === 'environ.Env') return environCall(interp, fn, 'get_value', args, where);
  if (internal?.tag === 'decouple.Config') return decoupleGet(interp, fn, args, node);
  if (internal?.tag === 'bound') {
    const self = internalOf(internal.self);
    if (self?.tag === 'environ.Env') return environCall(interp, internal.self, internal.name, args, where);
    if (self?.tag === 'decouple.Config' && (internal.name === 'get' || internal.name === '__call__')) return decoupleGet(interp, internal.self, args, node);
  }
  return undefined;
}

function reasonOf(value: PyValue, fallback: string): string {
  return value.kind === 'unknown' ? value.reason : fallback;
}

function iterate(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') return value.items;
  if (value.kind === 'dict') return value.entries.map((e) => e.key);
  if (value.kind === 'str') return [...value.value].map((c) => str(c));
  return undefined;
}

/** A cast result as a value: an exception becomes a failure at `meta.loc`. */
function cast(interp: Interpreter, result: CastResult, input: PyValue | undefined, meta: { loc: FileLocation; env?: EnvRead[] | undefined }): PyValue {
  if (input?.kind === 'unknown') return unknown(input.reason, meta);
  if (!result.ok) return interp.fail(result.error.split(':')[0] ?? 'ValueError', result.error, meta.loc, meta.env);
  return withMeta(result.value, meta);
}

function urlConfig(
  interp: Interpreter,
  parse: (url: string, override?: string) => CastResult,
  url: PyValue | undefined,
  override: string | undefined,
  meta: { loc: FileLocation; env?: EnvRead[] | undefined },
): PyValue {
  if (!url || url.kind !== 'str') return unknown(url ? reasonOf(url, 'a URL that is not a string') : 'no URL', meta);
  return cast(interp, parse(url.value, override), url, meta);
}

// ------------------------------------------------------------------ os.environ

function osGet(interp: Interpreter, reader: string, args: Args, where: FileLocation): PyValue {
  const nameValue = args.positional[0] ?? args.keywords.get('key');
  const name = textOf(nameValue);
  if (name === undefined) return unknown(`${reader}() with a name that is not known`, { loc: where });
  const fallback = arg(interp, args, 1, 'default');
  const { hit, read } = interp.env.read(name, reader, fallback ? { defaultText: fallback.text } : {});
  if (!hit) return withMeta(fallback?.value ?? none(), { loc: fallback?.value.loc ?? where, env: [read] });
  if (hit.value === undefined) return unknownStr(notSetReason(name, hit), { loc: where, env: [read] });
  return str(hit.value, { loc: where, env: [read] });
}

// ------------------------------------------------------------------ django-environ

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

function environCall(interp: Interpreter, self: PyValue, method: string, args: Args, where: FileLocation): PyValue {
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

/** environ.Env.read_env / dotenv.load_dotenv: load a file into the environment (setdefault unless overriding). */
function readEnvFile(interp: Interpreter, args: Args, where: FileLocation, reader: string): PyValue {
  const pathArg = args.positional[0] ?? args.keywords.get('env_file') ?? args.keywords.get('dotenv_path');
  let relative: string | undefined;
  if (pathArg && pathArg.kind !== 'none') {
    const text = textOf(pathArg);
    if (text === undefined) return unknown(reasonOf(pathArg, `${reader}() of a path that is not known`), { loc: where });
    relative = interp.toWorkspacePath(text);
  } else if (reader === 'environ.Env.read_env') {
    const dir = dirnamePath(interp.file);
    relative = dir ? `${dir}/.env` : '.env';
  } else relative = findUpward(interp, ['.env']);
  const override = truthy(args.keywords.get('override') ?? args.keywords.get('overwrite') ?? bool(false)) === true;
  const parseComments = reader === 'environ.Env.read_env' && truthy(args.keywords.get('parse_comments') ?? bool(false)) === true;
  const dialect = reader === 'environ.Env.read_env' ? (parseComments ? 'django-environ-comments' : 'django-environ') : reader === 'dotenv.read_dotenv' ? 'django-dotenv' : 'python-dotenv';
  const vars = relative === undefined ? absentDotenvUpward(interp, dialect) : interp.loadEnvFile(relative, dialect);
  if (vars) interp.env.load(vars, override);
  for (const [key, value] of args.keywords) {
    if (['override', 'overwrite', 'env_file', 'dotenv_path', 'encoding', 'verbose', 'interpolate', 'stream', 'parse_comments'].includes(key)) continue;
    if (reader === 'environ.Env.read_env' && value.kind === 'str') interp.env.setDefault(key, { value: value.value, source: where, sourceLabel: `${reader} override` });
  }
  return bool(vars !== undefined, { loc: where });
}

/**
 * For a search (`load_dotenv()`) that finds no `.env` production has: the variables the loader knows
 * the nearest absent `.env` up from the current file sets (one a committed sample documents), if any.
 */
function absentDotenvUpward(interp: Interpreter, dialect: EnvFileDialect): EnvVar[] | undefined {
  let dir = dirnamePath(interp.file);
  for (;;) {
    const vars = interp.loadEnvFile(dir ? `${dir}/.env` : '.env', dialect);
    if (vars) return vars;
    if (!dir) return undefined;
    dir = dirnamePath(dir);
  }
}

/** The first of `names` found walking up from the current file's directory to the workspace root. */
function findUpward(interp: Interpreter, names: string[]): string | undefined {
  let dir = dirnamePath(interp.file);
  for (;;) {
    for (const name of names) {
      const candidate = dir ? `${dir}/${name}` : name;
      if (interp.exists(candidate)) return candidate;
    }
    if (!dir) return undefined;
    dir = dirnamePath(dir);
  }
}

// ------------------------------------------------------------------ python-decouple

function autoConfig(interp: Interpreter, searchPath?: string): PyValue {
  const config = object('decouple.AutoConfig');
  const found = searchPath !== undefined ? findIn(interp, interp.toWorkspacePath(searchPath)) : findUpward(interp, ['settings.ini', '.env']);
  const dialect = found?.endsWith('settings.ini') ? 'decouple-ini' : 'decouple';
  setInternal(config, { tag: 'decouple.Config', repository: found ? interp.loadEnvFile(found, dialect) : undefined, label: found ?? 'no settings.ini or .env' });
  return config;
}

function findIn(interp: Interpreter, dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  for (const name of ['settings.ini', '.env']) {
    const candidate = dir ? `${dir}/${name}` : name;
    if (interp.exists(candidate)) return candidate;
  }
  return undefined;
}

/** `config(option, default=undefined, cast=undefined)`: os.environ, then the repository, then the default; the default is cast too. */
function decoupleGet(interp: Interpreter, config: PyValue, args: Args, node: SyntaxNode): PyValue {
  const where = interp.here(node);
  const internal = internalOf(config);
  const repository: EnvVar[] | undefined = internal?.tag === 'decouple.Config' && Array.isArray(internal.repository) ? internal.repository : undefined;
  const name = textOf(arg(interp, args, 0, 'option')?.value);
  if (name === undefined) return unknown('config() with a name that is not known', { loc: where });
  const fallback = arg(interp, args, 1, 'default');
  const castArg = arg(interp, args, 2, 'cast');
  const extra = { ...(fallback ? { defaultText: fallback.text } : {}), ...(castArg ? { cast: castArg.text } : {}) };
  let hit = interp.env.lookup(name);
  if (!hit && !interp.env.isForcedUnset(name)) {
    // configparser (settings.ini) matches option names case-insensitively.
    const ini = internal?.tag === 'decouple.Config' && internal.label.endsWith('.ini');
    const fromFile = repository?.find((v) => v.name === name) ?? (ini ? repository?.find((v) => v.name.toLowerCase() === name.toLowerCase()) : undefined);
    if (fromFile) hit = hitOf(fromFile);
  }
  const read = readOf(name, 'decouple.config', hit, extra);
  const meta = { loc: where, env: [read] as EnvRead[] };
  let value: PyValue;
  if (!hit) {
    if (!fallback) return interp.requiredRead('UndefinedValueError', `${name} is not set: config('${name}') raises UndefinedValueError (${name} not found. Declare it as envvar or define a default value.)`, where, read, !castArg);
    value = fallback.value;
  } else if (hit.value === undefined) return castArg ? unknown(notSetReason(name, hit), meta) : unknownStr(notSetReason(name, hit), meta);
  else value = str(hit.value);
  if (value.kind === 'unknown') return unknown(value.reason, { loc: where, env: mergeEnv([read], value.env) });
  const env = mergeEnv([read], hit ? undefined : value.env);
  const valueMeta = { loc: hit ? where : (value.loc ?? where), env };
  if (!castArg) return withMeta(value, valueMeta);
  const castInternal = internalOf(castArg.value);
  let result: CastResult;
  if (castInternal?.tag === 'decouple.Csv') result = decoupleCsv(castInternal.spec, value);
  else if (castInternal?.tag === 'decouple.Choices') {
    const castValue = castInternal.cast ? decoupleCast(castInternal.cast, value) : { ok: true as const, value };
    result =
      castValue.ok && castInternal.choices.length && !castInternal.choices.some((c) => pyEquals(c, castValue.value) === true)
        ? { ok: false, error: `ValueError: Value not in list: ${pyStr(value) ?? '?'}; valid values are ${castInternal.choices.map((c) => reprOf(c)).join(', ')}` }
        : castValue;
  } else {
    const castName = castNameOf(castArg.value);
    const projectFunction = castInternal?.tag === 'function' ? castInternal.definition : undefined;
    // A cast the project writes (`cast=lambda v: [h.strip() for h in v.split(',')]`) runs like any of its functions.
    if (projectFunction && castInternal?.tag === 'function') {
      const called = callFunction(interp, castInternal.name, projectFunction, { positional: [value], positionalNodes: [undefined], keywords: new Map(), keywordNodes: new Map(), opaque: false }, node);
      return withMeta(called, valueMeta);
    }
    if (castName === 'db_url') result = value.kind === 'str' ? djDatabaseUrlParse(value.value) : { ok: false, error: 'TypeError: not a URL' };
    else if (castName === undefined || castName.startsWith('callable:')) return unknown(`cast=${castArg.text} is not modelled`, valueMeta);
    else result = decoupleCast(castName, value);
  }
  if (!result.ok && result.error.startsWith('cast ')) return unknown(`${name}: ${result.error}`, valueMeta);
  return cast(interp, result, value, valueMeta);
}

// ------------------------------------------------------------------ dj-database-url

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

// ------------------------------------------------------------------ django-configurations

function makeConfigurationsValue(interp: Interpreter, valueType: string, args: Args, where: FileLocation): PyValue {
  const value = object(`configurations.values.${valueType}`, { loc: where });
  const fallback = arg(interp, args, 0, 'default');
  setInternal(value, { tag: 'configurations.Value', valueType, args, ...(fallback ? { defaultText: fallback.text } : {}) });
  return value;
}
