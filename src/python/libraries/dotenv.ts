import type { FileLocation } from '../../core/location.js';
import type { EnvFileDialect, EnvVar } from '../../env/types.js';
import type { PyValue } from '../value.js';
import { truthy } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import { bool, dirnamePath, str, unknown } from '../value-ops.js';
import type { LibraryHandler } from './call.js';
import { findUpward, reasonOf, textOf } from './call.js';

/** python-dotenv and django-dotenv. */
export const callDotenv: LibraryHandler = (call) => {
  const { interp, dotted, args, where, meta, a0 } = call;
  switch (dotted) {
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
    default:
      return undefined;
  }
};

/** environ.Env.read_env / dotenv.load_dotenv: load a file into the environment (setdefault unless overriding). */
export function readEnvFile(interp: Interpreter, args: Args, where: FileLocation, reader: string): PyValue {
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
