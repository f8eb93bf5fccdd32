import type { PyValue } from '../python/value.js';
import { truthy } from '../python/value.js';

/**
 * Whether the code judges DEBUG's variable by the emptiness of its text (the evaluator's what-ifs:
 * 'False' makes the value true, '' makes it false): `env('DEBUG')` without a bool cast,
 * `config('DEBUG')` without cast=bool, `bool(os.getenv('DEBUG'))`. Then 'False' and '0' mean on.
 * A comparison with another word (`os.getenv('ENV') != 'production'`) is not that: '' is true there too.
 */
export function readsOffAsOn(value: PyValue): boolean {
  const off = value.ifOff;
  return off !== undefined && truthy(off.value) === true && off.whenEmpty !== undefined && truthy(off.whenEmpty) === false;
}
