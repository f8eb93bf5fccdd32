/**
 * A config module that exports a plugin wrapper's result: `module.exports = withNextIntl(nextConfig)`,
 * `withBundleAnalyzer(withPWA(config))`, `withSentryConfig(config, options)`. The packages are not
 * read, so the call returns an opaque instance; the configuration it wraps is the first object (or
 * config function) among the call's arguments, followed through nested wrappers.
 */
import type { JsProgram, JsValue } from '../js/types.js';

/** How many wrappers around the config are followed. */
const MAX_WRAPPERS = 8;

/** The config a wrapper call's result stands for, or the value itself when it is not a wrapper call's result. */
export function unwrapConfig(program: JsProgram, value: JsValue): JsValue {
  let current = value;
  for (let depth = 0; depth < MAX_WRAPPERS && current.kind === 'instance'; depth++) {
    const id = current.id;
    const call = program.calls.find((candidate) => candidate.result?.kind === 'instance' && candidate.result.id === id);
    const wrapped = call?.args.find((arg) => arg.kind === 'object' || arg.kind === 'function' || arg.kind === 'instance');
    if (!wrapped) break;
    current = wrapped;
  }
  return current;
}
