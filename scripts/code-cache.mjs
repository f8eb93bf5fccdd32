// Writes the V8 code cache of a bundle (`<bundle>.cache`) after training runs over the bundled
// fixtures, so that it holds the functions a real check compiles, not just the top level.
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadBundle } from '../bin/load-bundle.js';

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

export async function writeCodeCache(bundle) {
  rmSync(`${bundle}.cache`, { force: true });
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
  writeFileSync(`${bundle}.cache`, script.createCachedData());
}
