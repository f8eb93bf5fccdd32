import { spawn } from 'node:child_process';
import { tryGit } from './git.js';
import { uncacheable } from '../run-cache/record.js';

/**
 * `git cat-file` on the object ids themselves, not what `git replace` substitutes: the blob staged is
 * what gets committed (and, for the run cache, an object's content is then a function of its id).
 */
const CAT_FILE = ['--no-replace-objects', 'cat-file'];

/** A blob's id and size in bytes, as `git cat-file --batch-check` reports it. */
export interface BlobInfo {
  sha: string;
  size: number;
}

/** Room for one `<sha> <type> <size>` header line and the newline after the content. */
const PER_OBJECT_OVERHEAD = 100;

/**
 * A parser of `git cat-file --batch` output fed in chunks: "<sha> <type> <size>\n", the content
 * and a newline for each object, or "<sha> missing\n", in input order. Calls `onBlob` with the
 * index in the input and the bytes of each object found; a missing object keeps its index. Bytes
 * are only copied for the few objects (and headers) that straddle two chunks.
 */
export function batchOutputParser(onBlob: (index: number, bytes: Buffer) => void): (chunk: Buffer) => void {
  /** The start of an object or header that straddles chunks, and its length. */
  let parts: Buffer[] = [];
  let buffered = 0;
  let index = 0;
  /** Bytes of the current object (content plus the trailing newline), or -1 while reading a header. */
  let want = -1;

  /** Parses a `<sha> <type> <size>` header line (without its newline); false for a missing object. */
  const header = (line: Buffer): boolean => {
    const fields = line.toString('latin1').trim().split(' ');
    if (fields[1] === 'missing') {
      index++;
      return false;
    }
    want = Number(fields[2]) + 1;
    return true;
  };

  return (chunk) => {
    let offset = 0;
    if (buffered > 0) {
      if (want === -1) {
        const newline = chunk.indexOf(10);
        if (newline === -1) {
          parts.push(chunk);
          buffered += chunk.length;
          return;
        }
        header(Buffer.concat([...parts, chunk.subarray(0, newline)]));
        offset = newline + 1;
      } else {
        const need = want - buffered;
        if (chunk.length < need) {
          parts.push(chunk);
          buffered += chunk.length;
          return;
        }
        parts.push(chunk.subarray(0, need));
        onBlob(index++, Buffer.concat(parts, want).subarray(0, want - 1));
        want = -1;
        offset = need;
      }
      parts = [];
      buffered = 0;
    }
    while (offset < chunk.length) {
      if (want === -1) {
        const newline = chunk.indexOf(10, offset);
        if (newline === -1) break;
        const found = header(chunk.subarray(offset, newline));
        offset = newline + 1;
        if (!found) continue;
      }
      if (chunk.length - offset < want) break;
      onBlob(index++, chunk.subarray(offset, offset + want - 1));
      offset += want;
      want = -1;
    }
    if (offset < chunk.length) {
      parts = [chunk.subarray(offset)];
      buffered = chunk.length - offset;
    }
  };
}

/**
 * Stream blobs out of one `git cat-file --batch` process, calling `onBlob` with each one's bytes
 * in input order. Resolves when git is done (or fails: then with what was read).
 */
export function streamBlobs(root: string, shas: readonly string[], onBlob: (index: number, bytes: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    if (shas.length === 0) return resolve();
    const child = spawn('git', [...CAT_FILE, '--batch', '--buffer'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdout.on('data', batchOutputParser(onBlob));
    child.on('error', () => resolve());
    child.on('close', () => resolve());
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${shas.join('\n')}\n`);
  });
}

/**
 * Sizes of objects by id, with one `git cat-file --batch-check` process; missing objects are left
 * out, and so is everything when git fails.
 */
export function blobSizes(root: string, shas: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  if (shas.length === 0) return sizes;
  const output = tryGit(root, [...CAT_FILE, '--batch-check', '--buffer'], { input: `${shas.join('\n')}\n` });
  if (output) {
    for (const line of output.toString('latin1').split('\n')) {
      const [sha, type, size] = line.split(' ');
      if (sha && type === 'blob' && size !== undefined) sizes.set(sha, Number(size));
    }
  }
  // A missing object can be there on the next run (a fetch, an alternate, a transient failure).
  if (sizes.size < new Set(shas).size) uncacheable('a git object could not be read');
  return sizes;
}

/**
 * The contents of blobs of known size, by id, with one `git cat-file --batch` process whose output
 * buffer fits them exactly. Missing objects are left out, and so is everything when git fails.
 */
export function readBlobs(root: string, blobs: readonly BlobInfo[]): Map<string, Buffer> {
  const contents = new Map<string, Buffer>();
  if (blobs.length === 0) return contents;
  const maxBuffer = blobs.reduce((total, blob) => total + blob.size + PER_OBJECT_OVERHEAD, 0);
  const output = tryGit(root, [...CAT_FILE, '--batch', '--buffer'], { input: `${blobs.map((blob) => blob.sha).join('\n')}\n`, maxBuffer });
  if (output) batchOutputParser((index, bytes) => contents.set(blobs[index]!.sha, bytes))(output);
  if (contents.size < new Set(blobs.map((blob) => blob.sha)).size) uncacheable('a git object could not be read');
  return contents;
}
