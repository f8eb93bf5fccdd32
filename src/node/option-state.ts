/**
 * Reading a package's options object the way the package does (`opts.x || default`): an option is written,
 * absent (its default applies), or not knowable (a spread we could not follow, options that are not an object).
 * One reading for every helper (session, cookies, CORS, Helmet, JWT secrets).
 */
import type { Confidence } from '../core/severity.js';
import type { JsValue } from '../js/types.js';
import { confidenceOf, truthyOf } from '../js/values.js';
import { weaker } from './app-uses.js';

export type OptionState =
  | { state: 'written'; value: JsValue }
  /**
   * container: the object it is missing from, when there is one; value: the `undefined` written instead
   * (an unset variable: `name: process.env.SESSION_NAME`), whose env reads give the confidence.
   */
  | { state: 'absent'; container?: JsValue; value?: JsValue }
  | { state: 'unknown' };

export function optionState(container: JsValue | undefined, key: string): OptionState {
  if (container === undefined || container.kind === 'undefined') return { state: 'absent' };
  if (container.kind !== 'object') return { state: 'unknown' };
  const value = container.props.get(key);
  if (value === undefined) return container.partial ? { state: 'unknown' } : { state: 'absent', container };
  // The packages read `opts.x || default` / `opts.x ?? default`: undefined is as good as absent.
  if (value.kind === 'undefined') return { state: 'absent', container, value };
  return { state: 'written', value };
}

/** The first of these options that is written (aliases: `hsts` / `strictTransportSecurity`), or undefined. */
export function writtenOption(container: JsValue | undefined, ...keys: string[]): JsValue | undefined {
  for (const key of keys) {
    const option = optionState(container, key);
    if (option.state === 'written') return option.value;
  }
  return undefined;
}

/** How sure an option's state is: a written value's or an undefined's env reads; an absence in code is certain. */
export function optionConfidence(option: OptionState): Confidence {
  if (option.state === 'written') return confidenceOf(option.value) ?? 'certain';
  if (option.state === 'absent') return weaker(confidenceOf(option.value), confidenceOf(option.container));
  return 'certain';
}

/** A value known to be falsy (`false`, `0`, `''`, `null`, `undefined`): an option turned off. */
export function isOff(value: JsValue | undefined): boolean {
  return truthyOf(value) === false;
}
