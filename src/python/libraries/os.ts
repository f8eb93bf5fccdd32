import type { FileLocation } from '../../core/location.js';
import type { PyValue } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import { osEnvironItem } from '../expressions.js';
import { readOf } from '../env-state.js';
import { bool, dirnamePath, none, normalizePath, resolvePath, str, unknown, unknownStr, withMeta } from '../value-ops.js';
import type { LibraryHandler } from './call.js';
import { arg, notSetReason, reasonOf, textOf } from './call.js';

/** `os`, `os.environ` and `os.path` (posixpath). */
export const callOs: LibraryHandler = (call) => {
  const { interp, dotted, args, where, meta, a0 } = call;
  switch (dotted) {
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
    default:
      return undefined;
  }
};

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
