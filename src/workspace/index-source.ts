import { execFileSync } from 'node:child_process';
import { MAX_TEXT_BYTES } from './read.js';
import type { ReadResult, Workspace } from './types.js';
import { inVendoredDir } from './vendored.js';

const MAX_GIT_OUTPUT = 1024 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8192;
const REGULAR_FILE = /^100(?:644|755)$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

interface IndexEntry {
  sha: string;
}

function git(cwd: string, args: string[], input?: string): Buffer | undefined {
  try {
    return execFileSync('git', args, {
      cwd,
      maxBuffer: MAX_GIT_OUTPUT,
      ...(input !== undefined ? { input } : {}),
      stdio: [input !== undefined ? 'pipe' : 'ignore', 'pipe', 'ignore'],
    });
  } catch {
    return undefined;
  }
}

/** Regular files in the index under `root` (one `git ls-files -s -z`), by path relative to `root`. */
function listIndex(root: string): Map<string, IndexEntry> | undefined {
  const output = git(root, ['ls-files', '-s', '-z']);
  if (!output) return undefined;
  const entries = new Map<string, IndexEntry>();
  for (const record of output.toString('utf8').split('\0')) {
    // "<mode> <sha> <stage>\t<path>"; during a merge conflict, keep our side (stage 2) when there is no stage 0.
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, sha, stage] = record.slice(0, tab).split(' ');
    const path = record.slice(tab + 1);
    if (!mode || !sha || !REGULAR_FILE.test(mode) || inVendoredDir(path)) continue;
    if (stage === '0' || (stage === '2' && !entries.has(path))) entries.set(path, { sha });
  }
  return entries;
}

/** Decode one blob the way the working-tree reader decodes a file. */
function decodeBlob(bytes: Buffer, name: string): ReadResult {
  if (bytes.length > MAX_TEXT_BYTES) {
    return { ok: false, reason: 'too-large', message: `${name} is over the ${MAX_TEXT_BYTES / (1024 * 1024)} MB limit for text files` };
  }
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary', message: `${name} is a binary file` };
  try {
    const text = utf8.decode(bytes);
    return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { ok: false, reason: 'invalid-utf8', message: `${name} is not valid UTF-8` };
  }
}

/**
 * Read many blobs with one `git cat-file --batch` process: the output is "<sha> <type> <size>\n",
 * the content and a newline for each object, in input order.
 */
export function readBlobs(root: string, shas: readonly string[]): Map<string, Buffer> {
  const blobs = new Map<string, Buffer>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return blobs;
  const output = git(root, ['cat-file', '--batch'], `${unique.join('\n')}\n`);
  if (!output) return blobs;
  let offset = 0;
  while (offset < output.length) {
    const newline = output.indexOf(10, offset);
    if (newline === -1) break;
    const [sha, type, size] = output.toString('latin1', offset, newline).split(' ');
    offset = newline + 1;
    if (type === 'missing' || size === undefined) continue;
    const length = Number(size);
    if (type === 'blob' && sha) blobs.set(sha, output.subarray(offset, offset + length));
    offset += length + 1;
  }
  return blobs;
}

/**
 * The workspace as the next commit would see it: the files and contents of the git index (what
 * `git add` staged), for pre-commit hooks. Contents are read on the first read, all at once, with
 * one `git cat-file --batch`. undefined when `root` is not in a git repository.
 */
export function openIndexWorkspace(root: string, normalize: (path: string) => string): Workspace | undefined {
  const entries = listIndex(root);
  if (!entries) return undefined;
  const files = [...entries.keys()].sort();
  let blobs: Map<string, Buffer> | undefined;
  const reads = new Map<string, ReadResult>();
  return {
    root,
    source: 'index',
    files,
    readText(path: string): ReadResult {
      const relative = normalize(path);
      const entry = entries.get(relative);
      if (!entry) return { ok: false, reason: 'missing', message: `${relative} is not staged` };
      let result = reads.get(relative);
      if (!result) {
        blobs ??= readBlobs(root, [...entries.values()].map((candidate) => candidate.sha));
        const bytes = blobs.get(entry.sha);
        result = bytes ? decodeBlob(bytes, relative) : { ok: false, reason: 'unreadable', message: `${relative} cannot be read from the git index` };
        reads.set(relative, result);
      }
      return result;
    },
    exists: (path) => entries.has(normalize(path)),
    isTracked: (path) => entries.has(normalize(path)),
    // Only staged files are in this workspace: whatever is not staged is not about to be committed.
    isIgnored: (path) => !entries.has(normalize(path)),
  };
}

/** Workspace-relative paths the index changes compared with HEAD (added, copied, modified, renamed, type-changed). */
export function stagedFiles(root: string): string[] | undefined {
  const output = git(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--relative', '--diff-filter=ACMRT']);
  return output?.toString('utf8').split('\0').filter(Boolean);
}
