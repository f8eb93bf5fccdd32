import { timedeltaOf } from '../timedelta.js';
import type { LibraryHandler } from './call.js';

/** `datetime.timedelta`. */
export const callDatetime: LibraryHandler = ({ dotted, args, meta }) =>
  dotted === 'datetime.timedelta' ? timedeltaOf(args.positional, args.keywords, meta) : undefined;
