import { createHash } from 'node:crypto';
import type { Location } from '../core/location.js';

/**
 * rule + file (or URL) + what the finding is about (whitespace-normalised); no message wording and no line
 * numbers, so baselines survive edits anywhere.
 */
export function fingerprint(rule: string, location: Location, about: string): string {
  const where = 'file' in location ? location.file : location.url;
  const normalised = about.replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${rule}\0${where}\0${normalised}`).digest('hex').slice(0, 20);
}
