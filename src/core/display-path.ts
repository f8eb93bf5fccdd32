import { relative } from 'node:path';

/**
 * A path as messages show it: relative to the working directory when it is inside it, else as given
 * (also when the working directory no longer exists: process.cwd() then throws).
 */
export function displayPath(path: string): string {
  let shown: string;
  try {
    shown = relative(process.cwd(), path);
  } catch {
    return path;
  }
  return shown && !shown.startsWith('..') ? shown : path;
}
