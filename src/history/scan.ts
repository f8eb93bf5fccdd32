import { execFileSync, spawn } from 'node:child_process';
import { secretFileKind } from '../secrets/files.js';
import type { SecretFileKind } from '../secrets/files.js';
import { scanText } from '../secrets/scanner.js';
import { MAX_TEXT_BYTES } from '../workspace/read.js';
import type { HistoryScan, HistorySecret } from './types.js';

const NULL_SHA = /^0+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A blob to scan, with the commit and path that first brought it into the history. */
export interface IntroducedBlob {
  sha: string;
  commit: string;
  path: string;
  kind: SecretFileKind;
}

/**
 * Every blob the scanner reads (by path) in all reachable commits, each once, with the commit that
 * introduced it: one `git log --all --raw` walk, parents before children (`--topo-order --reverse`).
 */
export function introducedBlobs(root: string): { blobs: IntroducedBlob[]; commits: number } {
  let output: string;
  try {
    output = execFileSync(
      'git',
      ['log', '--all', '--topo-order', '--reverse', '--format=%x01%H', '--raw', '--no-abbrev', '--no-renames', '--relative', '-z'],
      { cwd: root, encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch {
    return { blobs: [], commits: 0 };
  }
  const seen = new Set<string>();
  const blobs: IntroducedBlob[] = [];
  let commit = '';
  let commits = 0;
  const tokens = output.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      commit = token.slice(1);
      commits++;
      continue;
    }
    if (!token.startsWith(':')) continue;
    // ":<old mode> <new mode> <old sha> <new sha> <status>" then the path.
    const path = tokens[++i] ?? '';
    const [, newMode, , sha, status] = token.slice(1).split(' ');
    if (!sha || NULL_SHA.test(sha) || status === 'D' || !newMode?.startsWith('100') || seen.has(sha)) continue;
    seen.add(sha);
    const kind = secretFileKind(path);
    if (kind) blobs.push({ sha, commit, path, kind });
  }
  return { blobs, commits };
}

/**
 * Stream blobs out of one `git cat-file --batch` process, calling `onBlob` with each one's bytes
 * in input order. Resolves when git is done (or fails: then with what was read). Bytes are only
 * copied for the few objects (and headers) that straddle two reads.
 */
export function streamBlobs(root: string, shas: readonly string[], onBlob: (index: number, bytes: Buffer) => void): Promise<void> {
  return new Promise((resolve) => {
    if (shas.length === 0) return resolve();
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'ignore'] });
    /** The start of an object or header that straddles reads, and its length. */
    let parts: Buffer[] = [];
    let buffered = 0;
    let index = 0;
    /** Bytes of the current object (content plus the trailing newline), or -1 while reading a header. */
    let want = -1;

    /** Parses a `<sha> blob <size>` header line (without its newline); false for a missing object. */
    const header = (line: Buffer): boolean => {
      const fields = line.toString('latin1').trim().split(' ');
      if (fields[1] === 'missing') {
        index++;
        return false;
      }
      want = Number(fields[2]) + 1;
      return true;
    };
    child.stdout.on('data', (chunk: Buffer) => {
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
    });
    child.on('error', () => resolve());
    child.on('close', () => resolve());
    child.stdin.on('error', () => undefined);
    child.stdin.end(`${shas.join('\n')}\n`);
  });
}

function decode(bytes: Buffer): string | undefined {
  if (bytes.length > MAX_TEXT_BYTES || bytes.subarray(0, 8192).includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Scan every reachable blob of the repository at `root` for secrets, each distinct secret reported
 * once with the commit that introduced it. An empty scan outside a git repository.
 */
export async function scanHistory(root: string): Promise<HistoryScan> {
  const { blobs, commits } = introducedBlobs(root);
  const secrets: HistorySecret[] = [];
  const found = new Set<string>();
  let bytes = 0;
  await streamBlobs(root, blobs.map((blob) => blob.sha), (index, content) => {
    bytes += content.length;
    const blob = blobs[index]!;
    const text = decode(content);
    if (text === undefined) return;
    for (const hit of scanText(text, blob.path, blob.kind)) {
      if (found.has(hit.secret)) continue;
      found.add(hit.secret);
      secrets.push({ ...hit, commit: blob.commit, path: blob.path });
    }
  });
  return { secrets, commits, blobs: blobs.length, bytes };
}
