/**
 * The options the built-in frameworks declare (src/frameworks.ts), kept apart from the frameworks
 * themselves: the CLI registers them on every start, and must not load a framework to do it.
 */
import type { FrameworkOption } from './engine/framework.js';
import { DJANGO_OPTIONS } from './django/options.js';
import { NODE_OPTIONS } from './node/options.js';

export const FRAMEWORK_OPTIONS: readonly FrameworkOption[] = [...DJANGO_OPTIONS, ...NODE_OPTIONS];

/** Each framework option's value from commander's flags (keyed by the option's key), for CheckOptions.frameworkOptions. */
export function frameworkFlagValues(flags: object): Record<string, string | undefined> {
  const values = flags as Record<string, unknown>;
  return Object.fromEntries(FRAMEWORK_OPTIONS.map(({ key }) => [key, typeof values[key] === 'string' ? values[key] : undefined]));
}
