// Writes the V8 code cache of a bundle (`<bundle>.cache`) after training runs over the bundled
// fixtures, so that it holds the functions a real check compiles, not just the top level. The bundle
// gets a last line with an id of its contents, which the cache's header repeats (see bin/load-bundle.js).
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CACHE_HEADER, loadBundle } from '../bin/load-bundle.js';

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const TRAINING = [
  ['--version'],
  ['rules'],
  ['check', fixture('startproject')],
  ['check', fixture('hardened'), '--format', 'json'],
  ['check', fixture('split-environ'), '--format', 'sarif'],
  ['check', fixture('decouple'), '--format', 'junit'],
  ['check', fixture('dburl-sqlite'), '--format', 'gitlab'],
  ['check', fixture('secrets'), '--verbose'],
  ['check', fixture('broken')],
];

/** Ends the bundle with its build id line (once) and returns the id. */
export function stampBuildId(bundle) {
  const source = readFileSync(bundle, 'utf8');
  const id = createHash('sha256').update(source).digest('hex').slice(0, 16);
  appendFileSync(bundle, `${source.endsWith('\n') ? '' : '\n'}// deploycheck-build ${id}\n`);
  return id;
}

export async function writeCodeCache(bundle) {
  rmSync(`${bundle}.cache`, { force: true });
  const id = stampBuildId(bundle);
  const { exports, script } = loadBundle(bundle);
  const write = process.stdout.write;
  process.stdout.write = () => true;
  try {
    for (const args of TRAINING) {
      const code = await exports.main(['node', 'deploycheck', ...args]);
      if (code === 2) throw new Error(`code cache: training run 'deploycheck ${args.join(' ')}' failed (exit 2)`);
    }
  } finally {
    process.stdout.write = write;
  }
  writeFileSync(`${bundle}.cache`, Buffer.concat([Buffer.from(`${CACHE_HEADER}${id}\n`, 'latin1'), script.createCachedData()]));
}
