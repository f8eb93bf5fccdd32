import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { readFileRecorded } from '../run-cache/record.js';

let version: string | undefined;

/** The package version, from deploycheck's own package.json. */
export function toolVersion(): string {
  version ??= (JSON.parse(readFileRecorded(join(packageRoot(), 'package.json')).toString('utf8')) as { version: string }).version;
  return version;
}
