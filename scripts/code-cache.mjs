// Writes the V8 code caches of a bundle (`<bundle>.cache`, `<bundle>.node.cache`) after training runs
// over the bundled fixtures, so that they hold the functions a real check compiles, not just the top
// level. The bundle gets a last line with an id of its contents, which the cache's header repeats (see
// bin/load-bundle.js).
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CACHE_HEADER, CODE_CACHE_KINDS, codeCacheFile, loadBundle } from '../bin/load-bundle.js';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
// Every function a training run compiles is in the cache, and every run deserialises all of the cache
// (about 10 ms per MB here), used or not: train on what checks commonly run (a Django project with the
// common settings libraries and secrets, the pretty and JSON reports), not on rarer commands (`rules`,
// the CI report formats), which compile their few functions when they run.
const TRAINING = [
  ['--version'],
  ['check', fixture('startproject')],
  ['check', fixture('startproject'), '--format', 'json'],
  ['check', fixture('hardened'), '--format', 'json'],
  ['check', fixture('split-environ'), '--format', 'json'],
  ['check', fixture('decouple'), '--format', 'json'],
  ['check', fixture('dburl-sqlite'), '--format', 'json'],
  ['check', fixture('secrets')],
  ['check', fixture('broken')],
];

// The Node pack and the JS parser add some 0.4 MB to the cache: only the second cache, which the
// launcher takes for checks of a directory with a package.json, holds them as well.
const NODE_TRAINING = [['check', fixture('node-express-insecure'), '--format', 'json']];

/** Ends the bundle with its build id line (once) and returns the id. */
export function stampBuildId(bundle) {
  const source = readFileSync(bundle, 'utf8');
  const id = createHash('sha256').update(source).digest('hex').slice(0, 16);
  appendFileSync(bundle, `${source.endsWith('\n') ? '' : '\n'}// deploycheck-build ${id}\n`);
  return id;
}

async function train(exports, runs) {
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    for (const args of runs) {
      const code = await exports.main(['node', 'deploycheck', ...args]);
      if (code === 2) throw new Error(`code cache: training run 'deploycheck ${args.join(' ')}' failed (exit 2)`);
    }
  } finally {
    process.stdout.write = write;
  }
}

export async function writeCodeCache(bundle) {
  for (const kind of CODE_CACHE_KINDS) rmSync(codeCacheFile(bundle, kind), { force: true });
  const id = stampBuildId(bundle);
  const { exports, script } = loadBundle(bundle);
  const header = Buffer.from(`${CACHE_HEADER}${id}\n`, 'latin1');
  await train(exports, TRAINING);
  writeFileSync(codeCacheFile(bundle, 'any'), Buffer.concat([header, script.createCachedData()]));
  await train(exports, NODE_TRAINING);
  writeFileSync(codeCacheFile(bundle, 'node'), Buffer.concat([header, script.createCachedData()]));
}
