import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeExists, readFileRecorded } from './run-cache/record.js';

let found: string | undefined;

/**
 * The deploycheck package's own folder, found by walking up from this module to its package.json:
 * the same code then works from src/ (tests) and from the one-file bundle in dist/.
 */
export function packageRoot(): string {
  if (found) return found;
  const start = dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (probeExists(manifest) && (JSON.parse(readFileRecorded(manifest).toString('utf8')) as { name?: string }).name === 'deploycheck') return (found = dir);
    if (dirname(dir) === dir) throw new Error(`cannot find deploycheck's package.json above ${start}`);
  }
}
