import type { FileLocation } from '../../core/location.js';
import type { PyNode as SyntaxNode } from '../syntax.js';
import type { PyValue } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import { internalOf } from '../internals.js';
import { envOf, object, str, unknown } from '../value-ops.js';
import type { LibraryHandler } from './call.js';
import { callBuiltins } from './builtins.js';
import { callOs } from './os.js';
import { callPathlib } from './pathlib.js';
import { callEnviron, environCall } from './environ.js';
import { callDecouple, decoupleGet } from './decouple.js';
import { callDjDatabaseUrl } from './dj-database-url.js';
import { callDotenv } from './dotenv.js';
import { callDatetime } from './datetime.js';
import { callDjango } from './django.js';
import { callConfigurations } from './configurations.js';

/** Calls into the standard library and the env libraries (research §4), modelled by dotted name: one module per library. */

/** The library that models a dotted name, by its top-level module. */
const LIBRARIES = new Map<string, LibraryHandler>(Object.entries({
  builtins: callBuiltins,
  ast: callBuiltins,
  os: callOs,
  pathlib: callPathlib,
  environ: callEnviron,
  decouple: callDecouple,
  dj_database_url: callDjDatabaseUrl,
  dotenv: callDotenv,
  datetime: callDatetime,
  django: callDjango,
  configurations: callConfigurations,
}));

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

/** A call whose callee is an import from outside the project. */
export function callExternal(interp: Interpreter, dottedName: string, args: Args, node: SyntaxNode): PyValue {
  const dotted = canonical(dottedName);
  const where = interp.here(node);
  interp.noteLibraryCall(dotted, args, where);
  const meta = { loc: where, env: envOf(...args.positional, ...args.keywords.values()) };
  if (args.opaque) return unknown(`${dotted}() with *args/**kwargs that are not known`, meta);
  const library = LIBRARIES.get(dotted.split('.', 1)[0]!);
  const value = library?.({ interp, dotted, args, node, where, meta, a0: args.positional[0] });
  return value ?? unknown(`${dotted}() is not evaluated`, meta);
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
