import type { PyValue } from '../value.js';
import { attribute, decide } from '../expressions.js';
import { bool, int, list, none, pyStr, reprOf, str, unknown } from '../value-ops.js';
import { pyFloat, pyInt } from '../env-casts.js';
import { literalEval } from '../literal-eval.js';
import type { LibraryHandler } from './call.js';
import { cast, reasonOf, textOf } from './call.js';

/** Python builtins (and `ast.literal_eval`). */
export const callBuiltins: LibraryHandler = (call) => {
  const { interp, dotted, args, where, meta, a0 } = call;
  switch (dotted) {
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
    default:
      return undefined;
  }
};

function iterate(value: PyValue): PyValue[] | undefined {
  if (value.kind === 'list' || value.kind === 'tuple' || value.kind === 'set') return value.items;
  if (value.kind === 'dict') return value.entries.map((e) => e.key);
  if (value.kind === 'str') return [...value.value].map((c) => str(c));
  return undefined;
}

