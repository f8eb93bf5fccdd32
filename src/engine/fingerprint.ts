import { createHash } from 'node:crypto';
import type { Location } from '../core/location.js';

/** rule + file (or URL) + a whitespace-normalised snippet; no line numbers, so baselines survive edits. */
export function fingerprint(rule: string, location: Location, snippet: string): string {
  const where = 'file' in location ? location.file : location.url;
  const normalised = snippet.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${rule}\0${where}\0${normalised}`).digest('hex').slice(0, 20);
}
