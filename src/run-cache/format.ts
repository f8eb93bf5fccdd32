/**
 * The run cache's entry format and the probes that both sides run: the bundle records what a `check`
 * read through them, and the launcher (dist/run-cache.cjs, before the bundle is loaded) runs them again
 * to see whether anything changed. Only node:fs here: this module is part of both.
 *
 * An entry is one file: a header line `deploycheck-run-cache <version> <json bytes> <blob bytes>
 * <checksum>\n`, the JSON (key, exit code, outputs, inputs), then the blob that the JSON points into
 * by [offset, length] (the run's output, git's outputs, the bytes of racily-clean files). A file of
 * any other length, or whose bytes do not give the checksum, is rejected: a truncated, padded or
 * damaged entry is never replayed.
 */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';

export const FORMAT_TAG = 'deploycheck-run-cache';
export const FORMAT_VERSION = 2;
export const ENTRY_SUFFIX = '.run';

/** What the entry's name is a hash of, compared whole when an entry is read. */
export interface RunKey {
  build: string;
  /** The bundle's absolute path: which installation ran. */
  bundle: string;
  /** uid:gid:groups, null where Node has no uids (Windows). */
  user: string | null;
  node: string;
  icu: string | null;
  platform: string;
  arch: string;
  execArgv: string[];
  cwd: string;
  argv: string[];
  /** Environment variables that change what `check` prints (colour, collation), undefined when unset. */
  env: Record<string, string | null>;
  stdoutTty: boolean;
  stderrTty: boolean;
}

/** A byte range of the entry's blob. */
export type Span = [offset: number, length: number];

/**
 * One input the run depended on (a hit needs all of them as recorded; their order only decides how soon a miss is found):
 * - `file`: a file the run read (stat fields; times in ms with sub-microsecond fractions); `head` the bytes it read from
 *   the start, kept when the file was changed too recently for its timestamps to be trusted;
 * - `kind`: what a path is (or `missing`);
 * - `dir`: a directory's entries in readdir order, as `<kind char><name>`;
 * - `real`: a path's real path (null when it has none);
 * - `git`: a git command and its result (output bytes on success, status and first stderr line on failure).
 */
export type Input =
  | { t: 'file'; p: string; size: number; mtime: number; ctime: number; ino: number; head?: Span }
  | { t: 'kind'; p: string; k: PathKind }
  | { t: 'dir'; p: string; e: string[] | null }
  | { t: 'real'; p: string; r: string | null }
  | { t: 'git'; cwd: string; args: string[]; input?: string; ok: true; out: Span }
  | { t: 'git'; cwd: string; args: string[]; input?: string; ok: false; status: number | null; err: string };

export interface Entry {
  key: RunKey;
  code: number;
  /** What the run wrote, in order: [fd (1 or 2), offset, length]. */
  output: [fd: 1 | 2, offset: number, length: number][];
  inputs: Input[];
}

/** FNV-1a, 64 bits, as 16 hex digits: names an entry after its key (the key itself is compared whole). */
export function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * FNV-1a, 32 bits, of the entry's bytes after the header, as 8 hex digits: catches damage that keeps
 * an entry's length (not tampering: whoever can write the cache directory can write a checksum too).
 */
export function checksum(bytes: Uint8Array): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

export function encodeEntry(entry: Entry, blob: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(JSON.stringify(entry), 'utf8'), blob]);
  const header = Buffer.from(`${FORMAT_TAG} ${FORMAT_VERSION} ${body.length - blob.length} ${blob.length} ${checksum(body)}\n`, 'latin1');
  return Buffer.concat([header, body]);
}

/** The JSON and the blob of an entry file of this format version; undefined for anything else. */
export function decodeEntry(file: Buffer): { json: unknown; blob: Buffer } | string {
  const newline = file.indexOf(10);
  if (newline === -1 || newline > 100) return 'no header';
  const fields = file.toString('latin1', 0, newline).split(' ');
  if (fields[0] !== FORMAT_TAG) return 'not an entry';
  if (fields[1] !== String(FORMAT_VERSION)) return `format version ${fields[1]}`;
  if (fields.length !== 5) return 'not an entry';
  const jsonLength = Number(fields[2]);
  const blobLength = Number(fields[3]);
  if (!Number.isSafeInteger(jsonLength) || !Number.isSafeInteger(blobLength) || newline + 1 + jsonLength + blobLength !== file.length) return 'truncated or padded';
  if (checksum(file.subarray(newline + 1)) !== fields[4]) return 'damaged';
  try {
    return { json: JSON.parse(file.toString('utf8', newline + 1, newline + 1 + jsonLength)), blob: file.subarray(newline + 1 + jsonLength) };
  } catch {
    return 'invalid JSON';
  }
}

export type PathKind = 'file' | 'dir' | 'other' | 'missing' | 'error';

/** What `path` is, following symbolic links; `error` when it cannot be told (no permission, …). */
export function pathKind(path: string): PathKind {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'error';
  }
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'dir' : 'other';
}

/** A directory entry's kind as one character: file, directory, symbolic link, other. */
export function direntKind(entry: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string {
  return entry.isFile() ? 'f' : entry.isDirectory() ? 'd' : entry.isSymbolicLink() ? 'l' : 'o';
}

/** A directory's entries as `<kind char><name>`, in readdir order; null when it cannot be read. */
export function listDirectory(path: string): string[] | null {
  try {
    return readdirSync(path, { withFileTypes: true }).map((entry) => `${direntKind(entry)}${entry.name}`);
  } catch {
    return null;
  }
}

export function realPath(path: string): string | null {
  try {
    return realpathSync(path);
  } catch {
    return null;
  }
}

/**
 * The stat fields a file input compares. The times are Node's `mtimeMs`/`ctimeMs`, doubles computed
 * the same way from the same seconds and nanoseconds every time (JSON keeps them exactly): two
 * times they cannot tell apart are under a microsecond apart, far inside RACY_MARGIN, so such a
 * file's bytes are compared anyway. Plain stats cost less than bigint ones on every file a run reads.
 */
export function statFields(stat: Stats): { size: number; mtime: number; ctime: number; ino: number } {
  return { size: stat.size, mtime: stat.mtimeMs, ctime: stat.ctimeMs, ino: stat.ino };
}

/** Whether a file's times are too close to `after` (ms) or later to be trusted alone. */
export function racy(stat: Stats, after: number): boolean {
  return stat.mtimeMs >= after || stat.ctimeMs >= after;
}

/** The first `length` bytes of an open file (fewer when it is shorter). */
export function readFromStart(fd: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buffer, read, length - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/** The first `length` bytes of a file (fewer when it is shorter); undefined when it cannot be read. */
export function readHead(path: string, length: number): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    return readFromStart(fd, length);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Timestamps are coarse (and some file systems' more so): a file rewritten within the same tick as
 * it was read keeps its size and times (git's "racily clean" problem). A file changed this close to
 * the start of the run, or later, is compared by its bytes too.
 */
export const RACY_MARGIN_MS = 3000;
/** Most bytes of racily-clean files an entry keeps; a run that needs more is not cached. */
export const MAX_RACY_BYTES = 4 * 1024 * 1024;
/** Most bytes of git output an entry keeps; a run that needs more is not cached. */
export const MAX_GIT_BYTES = 8 * 1024 * 1024;
/** Most bytes of output an entry keeps (reports of huge repositories are not worth a cache entry this size). */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Entries kept in the cache directory: the oldest beyond this are removed when one is written. */
export const MAX_ENTRIES = 64;

/**
 * The git commands a run may record, exactly as deploycheck runs them (`<ref>`: a revision, never an
 * option). The launcher re-runs a recorded command only when it is one of these: an entry is a file
 * that whoever can write the cache directory can forge, and other git options write files or run
 * programs. A command deploycheck starts running that is not listed makes the run uncacheable.
 */
const REPLAYABLE_GIT = [
  'ls-files -z -t --cached --others --deleted --exclude-standard',
  'ls-files -z --others --ignored --exclude-standard --directory',
  'ls-files -v -s --cached --modified -z',
  'ls-files -z --others --exclude-standard',
  'check-ignore --no-index -z --stdin',
  'diff --cached --name-only -z --no-renames --relative --diff-filter=ACMRT',
  'diff --name-only -z --no-renames --relative <ref>',
  'rev-parse --verify --quiet <ref>',
  'merge-base <ref> HEAD',
].map((template) => template.split(' '));

export function replayableGit(args: readonly string[]): boolean {
  return REPLAYABLE_GIT.some(
    (template) => template.length === args.length && template.every((word, i) => (word === '<ref>' ? args[i] !== '' && !args[i]!.startsWith('-') : word === args[i])),
  );
}
