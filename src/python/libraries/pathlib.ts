import { joinPath, unknown } from '../value-ops.js';
import type { LibraryHandler } from './call.js';
import { reasonOf, textOf } from './call.js';

/** `pathlib.Path` and its pure/posix variants. */
export const callPathlib: LibraryHandler = (call) => {
  const { dotted, args, meta } = call;
  switch (dotted) {
    case 'pathlib.Path': {
      const parts = args.positional.map(textOf);
      if (parts.some((p) => p === undefined)) return unknown(reasonOf(args.positional.find((p) => textOf(p) === undefined)!, 'Path() of a value that is not known'), meta);
      return { kind: 'path', value: parts.length ? parts.reduce<string>((acc, p) => joinPath(acc, p!), '') : '.', ...meta };
    }
    default:
      return undefined;
  }
};
