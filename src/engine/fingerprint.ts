import type { Location } from '../core/location.js';
import { sha256Hex } from './fingerprint-sha256.js';

/**
 * rule + file (or URL) + what the finding is about (whitespace-normalised); no message wording and no line
 * numbers, so baselines survive edits anywhere.
 */
export function fingerprint(rule: string, location: Location, about: string): string {
  const where = 'file' in location ? location.file : location.url;
  const normalised = about.replace(/\s+/g, ' ').trim();
  return sha256Hex(`${rule}\0${where}\0${normalised}`).slice(0, 20);
}
