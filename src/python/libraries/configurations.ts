import type { FileLocation } from '../../core/location.js';
import type { PyValue } from '../value.js';
import type { Args, Interpreter } from '../evaluator.js';
import { setInternal } from '../internals.js';
import { object } from '../value-ops.js';
import type { LibraryHandler } from './call.js';
import { arg } from './call.js';

/** django-configurations: `values.*Value(...)` become markers the class-based settings reader resolves. */
export const callConfigurations: LibraryHandler = ({ interp, dotted, args, where }) => {
  const kind = dotted.split('.').pop()!;
  return /Value$/.test(kind) ? makeConfigurationsValue(interp, kind, args, where) : undefined;
};

function makeConfigurationsValue(interp: Interpreter, valueType: string, args: Args, where: FileLocation): PyValue {
  const value = object(`configurations.values.${valueType}`, { loc: where });
  const fallback = arg(interp, args, 0, 'default');
  setInternal(value, { tag: 'configurations.Value', valueType, args, ...(fallback ? { defaultText: fallback.text } : {}) });
  return value;
}
