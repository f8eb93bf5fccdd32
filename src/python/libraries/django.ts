import { unknown } from '../value-ops.js';
import type { LibraryHandler } from './call.js';

/** Django utilities called in settings. */
export const callDjango: LibraryHandler = (call) => {
  const { dotted, meta } = call;
  switch (dotted) {
    case 'django.core.management.utils.get_random_secret_key':
      return unknown('get_random_secret_key() makes a new key at every start', meta);
    default:
      return undefined;
  }
};
