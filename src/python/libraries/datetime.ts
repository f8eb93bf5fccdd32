import type { PyValue } from '../value.js';
import { int, object, unknown } from '../pyops.js';
import type { LibraryHandler } from './call.js';

/** `datetime.timedelta`. */
export const callDatetime: LibraryHandler = (call) => {
  const { dotted, args, meta } = call;
  switch (dotted) {
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
    default:
      return undefined;
  }
};
