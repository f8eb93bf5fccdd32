import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import type { ReadResult } from './types.js';

/** Files above this size are refused: no settings module or deploy file is this big. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Read an absolute path as UTF-8 text (BOM stripped). Never throws. `name` is used in messages. */
export function readTextFile(absolute: string, name: string): ReadResult {
  let fd: number;
  try {
    fd = openSync(absolute, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: `${name} does not exist` };
    return { ok: false, reason: 'unreadable', message: `${name} cannot be read (${code ?? String(error)})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: 'unreadable', message: `${name} is not a regular file` };
    if (stat.size > MAX_TEXT_BYTES) {
      return {
        ok: false,
        reason: 'too-large',
        message: `${name} is ${formatSize(stat.size)}, over the ${formatSize(MAX_TEXT_BYTES)} limit for text files`,
      };
    }
    const buffer = Buffer.alloc(stat.size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    const bytes = buffer.subarray(0, read);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
      return { ok: false, reason: 'binary', message: `${name} is a binary file` };
    }
    try {
      return { ok: true, text: utf8.decode(bytes) };
    } catch {
      return { ok: false, reason: 'invalid-utf8', message: `${name} is not valid UTF-8` };
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'unreadable', message: `${name} cannot be read (${code ?? String(error)})` };
  } finally {
    closeSync(fd);
  }
}
