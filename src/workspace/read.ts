import { closeSync, openSync, fstatSync } from 'node:fs';
import type { ReadResult } from './types.js';
import { readFromStart } from '../run-cache/format.js';
import { recordFile, recordKind, uncacheable } from '../run-cache/record.js';

/** Files above this size are refused: no settings module or deploy file is this big. */
export const MAX_TEXT_BYTES = 5 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The refusal of a `size`-byte file named `name` as too large for a text file, or undefined when it is small enough. */
export function refuseOversized(size: number, name: string): ReadResult | undefined {
  if (size <= MAX_TEXT_BYTES) return undefined;
  return { ok: false, reason: 'too-large', message: `${name} is ${formatSize(size)}, over the ${formatSize(MAX_TEXT_BYTES)} limit for text files` };
}

/**
 * Decode file contents (from disk or a git blob) as UTF-8 text, BOM stripped, refusing files that
 * are too large, binary (a NUL byte near the start) or not valid UTF-8. `name` is used in messages.
 */
export function decodeText(bytes: Uint8Array, name: string): ReadResult {
  const oversized = refuseOversized(bytes.length, name);
  if (oversized) return oversized;
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary', message: `${name} is a binary file` };
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return { ok: false, reason: 'invalid-utf8', message: `${name} is not valid UTF-8` };
  }
}

/** A failed open or read: a missing file is an input like any other, anything else is not validated. */
function recordFailure(absolute: string, error: unknown): void {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') recordKind(absolute, 'missing');
  else uncacheable(`cannot read ${absolute} (${code ?? String(error)})`);
}

/** The first `length` bytes of a regular file (fewer for a shorter one); undefined when it is none or cannot be read. Never throws. */
export function readFileHead(absolute: string, length: number): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      recordKind(absolute, stat.isDirectory() ? 'dir' : 'other');
      return undefined;
    }
    const head = readFromStart(fd, length);
    recordFile(absolute, stat, head);
    return head;
  } catch (error) {
    recordFailure(absolute, error);
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Read an absolute path as UTF-8 text (BOM stripped). Never throws. `name` is used in messages. */
export function readTextFile(absolute: string, name: string): ReadResult {
  let fd: number;
  try {
    fd = openSync(absolute, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    recordFailure(absolute, error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: `${name} does not exist` };
    return { ok: false, reason: 'unreadable', message: `${name} cannot be read (${code ?? String(error)})` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      recordKind(absolute, stat.isDirectory() ? 'dir' : 'other');
      return { ok: false, reason: 'unreadable', message: `${name} is not a regular file` };
    }
    const oversized = refuseOversized(stat.size, name);
    if (oversized) {
      // Refused by its size alone, which the stat compares: its content does not matter.
      recordFile(absolute, stat, undefined);
      return oversized;
    }
    const bytes = readFromStart(fd, stat.size);
    recordFile(absolute, stat, bytes);
    return decodeText(bytes, name);
  } catch (error) {
    uncacheable(`cannot read ${absolute}`);
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, reason: 'unreadable', message: `${name} cannot be read (${code ?? String(error)})` };
  } finally {
    closeSync(fd);
  }
}
