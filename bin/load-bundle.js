// Runs dist/deploycheck.cjs, the whole CLI in one file, through the V8 code cache that the build wrote
// beside it. Node 20 has no compile cache of its own, and compiling the CLI anew on every run (a
// pre-commit hook runs it on every commit) would cost more than the check itself.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (bin/package.json) */
const { existsSync, readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const { basename, dirname, join, resolve } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// The tree-sitter grammar is compiled by Liftoff at once and then, in the background, again by
// TurboFan, which keeps the process alive some 100 ms after the check is done. Parsing a settings
// module takes a millisecond either way. Set before the bundle is compiled, so that the build's code
// cache and every run see the same flags.
setFlagsFromString('--liftoff-only');
// Release builds of V8 check only a code cache's length, version and flags; with this, its checksum
// too, so that a damaged cache is rejected rather than run (about a millisecond for the whole cache).
setFlagsFromString('--verify-snapshot-checksum');

/** The last line of a built bundle: an id of its contents, which its code cache repeats in its header. */
const BUILD_ID_LINE = /\n\/\/ deploycheck-build ([0-9a-f]{16})\n$/;
const CACHE_HEADER = 'deploycheck-code-cache ';

/**
 * A bundle has two code caches, of the same training but for the Node pack's: `any`, and `node` which
 * holds the Node pack and the JS parser too (some 0.4 MB more, which every run that reads the cache
 * deserialises, about 4 ms).
 */
const CODE_CACHE_KINDS = ['any', 'node'];

function codeCacheFile(bundle, kind) {
  return kind === 'node' ? `${bundle}.node.cache` : `${bundle}.cache`;
}

/**
 * The cache for a run: `node` for a check of a directory (an argument, or else the working directory)
 * that holds a package.json. Only a guess from the command line, and a wrong one costs only time:
 * both caches hold code of the same bundle.
 */
function codeCacheKind(args, cwd) {
  // No working directory (it was removed): the CLI reports that where it needs one.
  if (args[0] !== 'check' || cwd === undefined) return 'any';
  // Operands and option values alike: those that are directories are the checked ones.
  const dirs = args.slice(1).filter((arg) => !arg.startsWith('-')).map((arg) => resolve(cwd, arg)).filter(isDirectory);
  return (dirs.length ? dirs : [cwd]).some((dir) => existsSync(join(dir, 'package.json'))) ? 'node' : 'any';
}

/** process.cwd(), or undefined when the working directory no longer exists. */
function workingDirectory() {
  try {
    return process.cwd();
  } catch {
    return undefined;
  }
}

/** Whether path is a directory; false for anything that cannot be read as one (the CLI reports it). */
function isDirectory(path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The code cache of a bundle, when it was written for this very bundle. V8 itself rejects a cache of
 * another V8 version, other flags or a damaged one (it checks a checksum and the length), but it
 * would take the cache of another bundle of the same length (an older deploycheck's, left beside a
 * newer bundle) and run that bundle's compiled code: the build id in the header rules that out.
 */
function readCodeCache(bundle, source, kind) {
  let file;
  try {
    file = readFileSync(codeCacheFile(bundle, kind));
  } catch {
    return { state: 'missing' };
  }
  const id = BUILD_ID_LINE.exec(source.slice(-64))?.[1];
  const header = `${CACHE_HEADER}${id}\n`;
  if (!id || file.length <= header.length || file.toString('latin1', 0, header.length) !== header) return { state: 'stale' };
  return { state: 'read', cachedData: file.subarray(header.length) };
}

/** The bundle's exports and its Script (whose code caches the build writes after training runs). */
function loadBundle(bundle = join(__dirname, '..', 'dist', 'deploycheck.cjs'), cacheKind = 'any') {
  // The build writes the bundle in ASCII only, which reads the same as Latin-1: a copy into a one-byte
  // string, about half the time of decoding it as UTF-8 (3 ms instead of 6 ms for 2.8 MB here).
  const source = readFileSync(bundle, 'latin1');
  const cache = readCodeCache(bundle, source, cacheKind);
  // A cache V8 rejects (another Node version, other V8 flags, a damaged file) is ignored and costs only its read.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: bundle, cachedData: cache.cachedData });
  if (process.env.DEPLOYCHECK_DEBUG_CODE_CACHE) {
    const state = cache.state === 'read' ? (script.cachedDataRejected ? 'rejected' : 'used') : cache.state;
    process.stderr.write(`deploycheck: code cache ${state}${cacheKind === 'any' ? '' : ` (${basename(codeCacheFile(bundle, cacheKind))})`}\n`);
  }
  const exports = {};
  const bundleModule = { exports };
  script.runInThisContext()(exports, createRequire(bundle), bundleModule, bundle, dirname(bundle));
  return { exports: bundleModule.exports, script };
}

let loaded;

/**
 * The bundle's exports, loaded once per process: the bin and the `deploycheck/api/<kind>` modules that
 * users' rule files import share them, so a rule file gets the very helpers the running CLI uses.
 */
function bundleExports() {
  loaded ??= loadBundle(undefined, codeCacheKind(process.argv.slice(2), workingDirectory())).exports;
  return loaded;
}

module.exports = { loadBundle, bundleExports, codeCacheFile, codeCacheKind, BUILD_ID_LINE, CACHE_HEADER, CODE_CACHE_KINDS };
