// Runs dist/deploycheck.cjs, the whole CLI in one file, through the V8 code cache that the build wrote
// beside it. Node 20 has no compile cache of its own, and compiling the CLI anew on every run (a
// pre-commit hook runs it on every commit) would cost more than the check itself.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

// The tree-sitter grammar is compiled by Liftoff at once and then, in the background, again by
// TurboFan, which keeps the process alive some 100 ms after the check is done. Parsing a settings
// module takes a millisecond either way. Set before the bundle is compiled, so that the build's code
// cache and every run see the same flags.
setFlagsFromString('--liftoff-only');

/** The bundle's exports and its Script (whose code cache the build writes after training runs). */
export function loadBundle(bundle = fileURLToPath(new URL('../dist/deploycheck.cjs', import.meta.url))) {
  const source = readFileSync(bundle, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${bundle}.cache`);
  } catch {
    // No cache: V8 compiles as usual.
  }
  // A cache V8 rejects (another Node version, other V8 flags) is ignored and costs only its read.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData });
  if (process.env.DEPLOYCHECK_DEBUG_CODE_CACHE) {
    process.stderr.write(`deploycheck: code cache ${cachedData ? (script.cachedDataRejected ? 'rejected' : 'used') : 'missing'}\n`);
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return { exports: module.exports, script };
}

let loaded;

/**
 * The bundle's exports, loaded once per process: the bin and the `deploycheck/api/<kind>` modules that
 * users' rule files import share them, so a rule file gets the very helpers the running CLI uses.
 */
export function bundleExports() {
  loaded ??= loadBundle().exports;
  return loaded;
}
