import type { EnvVar } from '../../env/types.js';
import type { PyNode as SyntaxNode } from '../syntax.js';
import type { EnvRead, PyValue } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import { internalOf, setInternal } from '../internals.js';
import { hitOf, readOf } from '../env-state.js';
import { mergeEnv, object, pyEquals, pyStr, reprOf, str, unknown, unknownStr, withMeta } from '../value-ops.js';
import type { CastResult } from '../env-casts.js';
import { castNameOf, decoupleCast, decoupleCsv, defaultCsv } from '../env-casts.js';
import { djDatabaseUrlParse } from '../db-url.js';
import { callFunction } from '../functions.js';
import type { LibraryHandler } from './call.js';
import { arg, cast, findUpward, notSetReason, textOf } from './call.js';

/** python-decouple: `config`, its repositories and cast helpers. */
export const callDecouple: LibraryHandler = (call) => {
  const { interp, dotted, args, node, where, a0 } = call;
  switch (dotted) {
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
    default:
      return undefined;
  }
};

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
export function decoupleGet(interp: Interpreter, config: PyValue, args: Args, node: SyntaxNode): PyValue {
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
