import type { FileLocation } from '../core/location.js';
import { chooseKey } from './assumptions.js';
import type { PyDict, PyValue } from './value.js';
import type { Args, Interpreter } from './evaluator.js';
import { setInternal } from './internals.js';
import {
  bool,
  certainItemsOf,
  unknownWithItems,
  dictLookup,
  dictSet,
  envOf,
  float,
  int,
  joinPath,
  list,
  mergeDicts,
  none,
  normalizePath,
  object,
  parentPath,
  pyEquals,
  resolvePath,
  str,
  tuple,
  unknown,
  withMeta,
} from './value-ops.js';
import { stripChars } from './env-casts.js';
import { strFormat } from './strings.js';

/** Methods and attributes of str, list, dict and pathlib values. Values are never mutated in place. */

export interface MethodOutcome {
  result: PyValue;
  /** The receiver's new value, for methods that mutate it (`append`, `update`, …). */
  updated?: PyValue;
}

const PY_WHITESPACE = ' \t\n\r\x0b\x0c';

/** Attributes of plain values (pathlib properties); undefined when not one of them. */
export function valueAttribute(interp: Interpreter, owner: PyValue, name: string, where: FileLocation): PyValue | undefined {
  if (owner.kind !== 'path') return undefined;
  const meta = { loc: where, env: owner.env };
  const path = owner.value;
  const base = path.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  switch (name) {
    case 'parent':
      return { kind: 'path', value: parentPath(path), ...meta };
    case 'parents': {
      const paths: string[] = [];
      for (let p = parentPath(path), prev = path; p !== prev; prev = p, p = parentPath(p)) paths.push(p);
      const value = object('path-parents', meta);
      setInternal(value, { tag: 'parents', paths });
      return value;
    }
    case 'name':
      return str(base, meta);
    case 'stem':
      return str(dot > 0 ? base.slice(0, dot) : base, meta);
    case 'suffix':
      return str(dot > 0 ? base.slice(dot) : '', meta);
    default:
      void interp;
      return undefined;
  }
}

const NON_MUTATING = new Set(['index', 'count', 'copy']);

/** An unknown sequence with certain items after `name(args)`: adding keeps them, anything else may remove some. */
function afterMutation(receiver: PyValue & { kind: 'unknown' }, name: string, args: Args): PyValue {
  const items = receiver.certainItems ?? [];
  const added = name === 'append' || name === 'add' ? args.positional.slice(0, 1) : name === 'insert' ? args.positional.slice(1, 2) : name === 'extend' || name === 'update' ? certainItemsOf(args.positional[0] ?? none()) : undefined;
  if (added) return unknownWithItems(receiver.reason, { loc: receiver.loc, env: envOf(receiver, ...args.positional) }, [...items, ...added]);
  if (NON_MUTATING.has(name)) return receiver;
  return unknown(receiver.reason, { loc: receiver.loc, env: receiver.env });
}

/** Call a method on a value; undefined when the receiver/method pair is not modelled here. */
export function callMethod(interp: Interpreter, receiver: PyValue, name: string, args: Args, where: FileLocation): MethodOutcome | undefined {
  const meta = { loc: where, env: envOf(receiver, ...args.positional, ...args.keywords.values()) };
  const done = (result: PyValue | undefined): MethodOutcome | undefined => (result ? { result: withMeta(result, meta) } : undefined);
  if (args.opaque) {
    const result = unknown(`call with *args/**kwargs that are not known`, meta);
    return receiver.kind === 'unknown' && receiver.certainItems ? { result, updated: unknown(receiver.reason, { loc: receiver.loc, env: receiver.env }) } : { result };
  }
  if (receiver.kind === 'unknown') {
    const result = unknown(receiver.reason, meta);
    return receiver.certainItems ? { result, updated: afterMutation(receiver, name, args) } : { result };
  }
  const unknownArg = [...args.positional, ...args.keywords.values()].find((a) => a.kind === 'unknown');
  switch (receiver.kind) {
    case 'str':
      if (unknownArg) return { result: unknown((unknownArg as { reason: string }).reason, meta) };
      return done(strMethod(receiver.value, name, args));
    case 'list':
      return listMethod(receiver, name, args, meta);
    case 'dict': {
      // `{'production': …, 'dev': …}.get(ENV, …)` with ENV undecided: the key naming production.
      const chosen = (name === 'get' || name === '__getitem__') && args.positional[0] ? chooseKey(interp, receiver, args.positional[0], where) : undefined;
      return dictMethod(receiver, name, chosen ? { ...args, positional: [chosen, ...args.positional.slice(1)] } : args, meta);
    }
    case 'path':
      return done(pathMethod(interp, receiver.value, name, args));
    case 'tuple':
      if (name === 'index' || name === 'count') return listMethod(receiver, name, args, meta);
      return undefined;
    case 'object': {
      const seconds = receiver.type === 'datetime.timedelta' && name === 'total_seconds' ? receiver.attrs?.get('total_seconds') : undefined;
      return seconds?.kind === 'int' ? { result: float(seconds.value, meta) } : undefined;
    }
    default:
      return undefined;
  }
}

function argText(args: Args, index: number, keyword?: string): string | undefined | null {
  const value = args.positional[index] ?? (keyword ? args.keywords.get(keyword) : undefined);
  if (!value || value.kind === 'none') return undefined;
  return value.kind === 'str' ? value.value : null;
}

function strMethod(text: string, name: string, args: Args): PyValue | undefined {
  const a0 = argText(args, 0);
  switch (name) {
    case 'lower':
    case 'casefold':
      return str(text.toLowerCase());
    case 'upper':
      return str(text.toUpperCase());
    case 'title':
      return str(text.replace(/[A-Za-z]+/g, (w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()));
    case 'capitalize':
      return str(text ? text[0]!.toUpperCase() + text.slice(1).toLowerCase() : '');
    case 'strip':
    case 'lstrip':
    case 'rstrip': {
      if (a0 === null) return undefined;
      const chars = a0 ?? PY_WHITESPACE;
      if (name === 'strip') return str(stripChars(text, chars));
      let start = 0;
      let end = text.length;
      if (name === 'lstrip') while (start < end && chars.includes(text[start]!)) start++;
      else while (end > start && chars.includes(text[end - 1]!)) end--;
      return str(text.slice(start, end));
    }
    case 'split':
    case 'rsplit': {
      const sep = argText(args, 0, 'sep');
      const maxValue = args.positional[1] ?? args.keywords.get('maxsplit');
      const max = maxValue?.kind === 'int' ? maxValue.value : -1;
      if (sep === null || sep === '') return undefined;
      let parts: string[];
      if (sep === undefined) parts = splitWhitespace(text);
      else parts = text.split(sep);
      if (max >= 0 && parts.length > max + 1) {
        if (sep === undefined) return undefined;
        parts = name === 'split' ? [...parts.slice(0, max), parts.slice(max).join(sep)] : [parts.slice(0, parts.length - max).join(sep), ...parts.slice(parts.length - max)];
      }
      return list(parts.map((p) => str(p)));
    }
    case 'splitlines':
      return list(text.split(/\r\n|\r|\n/).filter((p, i, all) => i < all.length - 1 || p !== '').map((p) => str(p)));
    case 'replace': {
      const b = argText(args, 1);
      if (typeof a0 !== 'string' || typeof b !== 'string') return undefined;
      return str(text.split(a0).join(b));
    }
    case 'startswith':
    case 'endswith': {
      const arg = args.positional[0];
      const options = arg?.kind === 'tuple' ? arg.items : arg ? [arg] : [];
      if (!options.length || options.some((o) => o.kind !== 'str')) return undefined;
      const test = (o: PyValue) => (name === 'startswith' ? text.startsWith((o as { value: string }).value) : text.endsWith((o as { value: string }).value));
      return bool(options.some(test));
    }
    case 'join': {
      const items = args.positional[0];
      if (!items || (items.kind !== 'list' && items.kind !== 'tuple' && items.kind !== 'set')) return undefined;
      const missing = items.items.find((i) => i.kind === 'unknown');
      if (missing?.kind === 'unknown') return unknown(missing.reason);
      if (items.items.some((i) => i.kind !== 'str')) return undefined;
      return str(items.items.map((i) => (i as { value: string }).value).join(text));
    }
    case 'format': {
      const out = strFormat(text, args.positional, args.keywords);
      return out === undefined ? undefined : str(out);
    }
    case 'encode':
      return { kind: 'bytes', value: text };
    case 'isdigit':
      return bool(/^\d+$/.test(text));
    case 'isupper':
      return bool(text.toUpperCase() === text && text.toLowerCase() !== text);
    case 'find':
      return typeof a0 === 'string' ? int(text.indexOf(a0)) : undefined;
    case 'count':
      return typeof a0 === 'string' && a0 ? int(text.split(a0).length - 1) : undefined;
    default:
      return undefined;
  }
}

function listMethod(
  receiver: Extract<PyValue, { items: PyValue[] }>,
  name: string,
  args: Args,
  meta: { loc: FileLocation; env: PyValue['env'] },
): MethodOutcome | undefined {
  const [a0, a1] = args.positional;
  const keep = { ...(receiver.loc ? { loc: receiver.loc } : {}), env: envOf(receiver, ...args.positional) };
  const updated = (items: PyValue[]): MethodOutcome => ({ result: none(meta), updated: withMeta({ ...receiver, items }, keep) });
  switch (name) {
    case 'append':
      return a0 ? updated([...receiver.items, a0]) : undefined;
    case 'extend':
      if (a0 && (a0.kind === 'list' || a0.kind === 'tuple' || a0.kind === 'set')) return updated([...receiver.items, ...a0.items]);
      return { result: none(meta), updated: unknown(a0?.kind === 'unknown' ? a0.reason : 'extended with a value that is not a known sequence', keep) };
    case 'insert': {
      if (a0?.kind !== 'int' || !a1) return { result: none(meta), updated: unknown('insert at an unknown position', keep) };
      const items = [...receiver.items];
      const index = a0.value < 0 ? Math.max(0, items.length + a0.value) : Math.min(a0.value, items.length);
      items.splice(index, 0, a1);
      return updated(items);
    }
    case 'remove': {
      if (!a0) return undefined;
      const index = receiver.items.findIndex((i) => pyEquals(i, a0) === true);
      if (index < 0) {
        if (receiver.items.some((i) => pyEquals(i, a0) === undefined)) return { result: none(meta), updated: unknown('removed an item that cannot be compared', keep) };
        return { result: unknown(`ValueError: list.remove(x): x not in list`, meta) };
      }
      return updated(receiver.items.filter((_, i) => i !== index));
    }
    case 'pop': {
      const index = a0?.kind === 'int' ? a0.value : -1;
      const at = index < 0 ? receiver.items.length + index : index;
      const item = receiver.items[at];
      if (!item) return { result: unknown('pop from an empty or short list', meta) };
      return { result: withMeta(item, meta), updated: withMeta({ ...receiver, items: receiver.items.filter((_, i) => i !== at) }, keep) };
    }
    case 'clear':
      return updated([]);
    case 'sort':
      return { result: none(meta), updated: unknown('sorted in place', keep) };
    case 'reverse':
      return updated([...receiver.items].reverse());
    case 'copy':
      return { result: withMeta({ ...receiver }, meta) };
    case 'index': {
      if (!a0) return undefined;
      const index = receiver.items.findIndex((i) => pyEquals(i, a0) === true);
      return { result: index >= 0 ? int(index, meta) : unknown('ValueError: not in list', meta) };
    }
    case 'count': {
      if (!a0) return undefined;
      return { result: int(receiver.items.filter((i) => pyEquals(i, a0) === true).length, meta) };
    }
    default:
      return undefined;
  }
}

function dictMethod(receiver: PyDict, name: string, args: Args, meta: { loc: FileLocation; env: PyValue['env'] }): MethodOutcome | undefined {
  const [a0, a1] = args.positional;
  const keep = { ...(receiver.loc ? { loc: receiver.loc } : {}), env: envOf(receiver, ...args.positional) };
  switch (name) {
    case 'get': {
      if (!a0) return undefined;
      const found = dictLookup(receiver, a0);
      if (found === null) return { result: unknown(`cannot decide which key is read`, meta) };
      return { result: found ? withMeta(found, { env: receiver.env }) : (a1 ?? none(meta)) };
    }
    case 'keys':
      return { result: list(receiver.entries.map((e) => e.key), meta) };
    case 'values':
      return { result: list(receiver.entries.map((e) => e.value), meta) };
    case 'items':
      return { result: list(receiver.entries.map((e) => tuple([e.key, e.value])), meta) };
    case 'copy':
      return { result: withMeta({ ...receiver, entries: [...receiver.entries] }, meta) };
    case 'update': {
      let out: PyDict = { ...receiver, entries: [...receiver.entries] };
      if (a0) {
        if (a0.kind !== 'dict') return { result: none(meta), updated: unknown(a0.kind === 'unknown' ? a0.reason : 'updated with a value that is not a dict', keep) };
        out = mergeDicts(out, a0);
      }
      for (const [key, value] of args.keywords) dictSet(out, str(key), value);
      return { result: none(meta), updated: withMeta(out, keep) };
    }
    case 'setdefault': {
      if (!a0) return undefined;
      const found = dictLookup(receiver, a0);
      if (found === null) return { result: unknown('cannot decide which key is set'), updated: unknown('setdefault with an undecidable key', keep) };
      if (found) return { result: found };
      const value = a1 ?? none(meta);
      const out: PyDict = { ...receiver, entries: [...receiver.entries] };
      dictSet(out, a0, value);
      return { result: value, updated: withMeta(out, keep) };
    }
    case 'pop': {
      if (!a0) return undefined;
      const found = dictLookup(receiver, a0);
      if (found === null) return { result: unknown('cannot decide which key is popped', meta), updated: unknown('pop with an undecidable key', keep) };
      const out: PyDict = { ...receiver, entries: receiver.entries.filter((e) => pyEquals(e.key, a0) !== true) };
      return { result: found ?? a1 ?? unknown('KeyError in dict.pop', meta), updated: withMeta(out, keep) };
    }
    default:
      return undefined;
  }
}

function pathMethod(interp: Interpreter, path: string, name: string, args: Args): PyValue | undefined {
  const parts = args.positional.map((a) => (a.kind === 'str' || a.kind === 'path' ? a.value : undefined));
  switch (name) {
    case 'resolve':
    case 'absolute':
      return { kind: 'path', value: path.startsWith('/') ? resolvePath(path) : path };
    case 'joinpath':
      if (parts.some((p) => p === undefined)) return undefined;
      return { kind: 'path', value: parts.reduce<string>((acc, p) => joinPath(acc, p!), path) };
    case 'with_name':
      return parts[0] === undefined ? undefined : { kind: 'path', value: joinPath(parentPath(path), parts[0]) };
    case 'with_suffix': {
      if (parts[0] === undefined) return undefined;
      return { kind: 'path', value: path.replace(/(\.[^./]*)?$/, parts[0]) };
    }
    case 'as_posix':
    case '__str__':
      return str(path);
    case 'expanduser':
      return { kind: 'path', value: normalizePath(path) };
    case 'exists':
    case 'is_file':
    case 'is_dir': {
      const relative = interp.toWorkspacePath(path);
      if (relative === undefined) return undefined;
      if (name === 'is_dir') return bool(interp.options.workspace.files.some((f) => f.startsWith(`${relative}/`)));
      if (name === 'is_file') return bool(interp.exists(relative));
      return bool(interp.exists(relative) || interp.options.workspace.files.some((f) => f.startsWith(`${relative}/`)));
    }
    default:
      return undefined;
  }
}

/** `str.split()` with no separator: runs of Python whitespace, empty parts dropped. */
function splitWhitespace(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of text) {
    if (PY_WHITESPACE.includes(ch)) {
      if (current) parts.push(current);
      current = '';
    } else current += ch;
  }
  if (current) parts.push(current);
  return parts;
}
