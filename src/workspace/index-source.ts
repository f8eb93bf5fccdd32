import { join } from 'node:path';
import { blobSizes, readBlobs } from './cat-file.js';
import type { BlobInfo } from './cat-file.js';
import { tryGit } from './git.js';
import { decodeText, MAX_TEXT_BYTES, readFileHead, readTextFile, refuseOversized } from './read.js';
import type { ReadResult, Workspace } from './types.js';
import { inVendoredDir } from './vendored.js';

/** Types of files that are never text: their blobs are read only when a file of theirs is asked for. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif webp avif ico bmp tif tiff psd pdf zip gz tgz bz2 xz zst 7z rar jar war whl egg ' +
    'so dylib dll exe bin o a pyc pyo pyd class woff woff2 ttf otf eot mp3 mp4 m4a mov avi mkv webm ogg wav flac sqlite sqlite3 db mo'
  ).split(' '),
);

interface IndexEntry {
  sha: string;
  /** The working-tree file has the staged content (git's own stat check), so it can be read from disk. */
  clean: boolean;
}

/** The staged blobs' sizes, and the contents of those that may be text, by id. */
interface StagedBlobs {
  sizes: Map<string, number>;
  contents: Map<string, Buffer>;
}

function binaryByName(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 && BINARY_EXTENSIONS.has(name.slice(dot + 1).toLowerCase());
}

/**
 * Regular files in the index under `root`, by path relative to `root`, with whether the working
 * tree still holds the staged content: one `git ls-files -v -s --cached --modified -z`, which lists
 * every entry (tag H; M when unmerged, S when skip-worktree, lower case when marked assume-unchanged,
 * whose disk copy git does not look at) and again, tagged C, each one whose working-tree file
 * differs from the index. Only H entries that are not also C are read from disk.
 */
function listIndex(root: string): Map<string, IndexEntry> | undefined {
  const output = tryGit(root, ['ls-files', '-v', '-s', '--cached', '--modified', '-z']);
  if (!output) return undefined;
  const entries = new Map<string, IndexEntry>();
  const changed = new Set<string>();
  for (const record of output.toString('utf8').split('\0')) {
    // "<tag> <mode> <sha> <stage>\t<path>", read by position: mode has 6 digits, stage 1. During a
    // merge conflict, keep our side (stage 2) when there is no stage 0.
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const tag = record[0];
    const path = record.slice(tab + 1);
    if (tag === 'C' || tag === 'c') {
      changed.add(path);
      continue;
    }
    const mode = record.slice(2, 8);
    if ((mode !== '100644' && mode !== '100755') || inVendoredDir(path)) continue;
    const stage = record[tab - 1];
    if (stage === '0' || (stage === '2' && !entries.has(path))) entries.set(path, { sha: record.slice(9, tab - 2), clean: tag === 'H' && stage === '0' });
  }
  for (const path of changed) {
    const entry = entries.get(path);
    if (entry) entry.clean = false;
  }
  return entries;
}

/** A disk read that failed for a reason the blob may not share (the file went away or cannot be opened). */
const retryFromBlob = (result: ReadResult) => !result.ok && (result.reason === 'missing' || result.reason === 'unreadable');

/**
 * The workspace as the next commit would see it: the files and contents of the git index (what
 * `git add` staged), for pre-commit hooks. A file whose working-tree copy still has the staged
 * content is read from disk, on demand; for the others (partly staged, changed since), the first
 * such read runs one `git cat-file --batch-check` to size their blobs and one `git cat-file --batch`
 * to read those that may be text (not over the size limit, not of a binary type). So the cost
 * follows what the check reads and what differs from the index, not the size of the repository.
 * undefined when `root` is not in a git repository.
 */
export function openIndexWorkspace(root: string, normalize: (path: string) => string): Workspace | undefined {
  const entries = listIndex(root);
  if (!entries) return undefined;
  const files = [...entries.keys()].sort();
  let loaded: StagedBlobs | undefined;
  const reads = new Map<string, ReadResult>();

  const load = (): StagedBlobs => {
    const unclean = [...entries].filter(([, entry]) => !entry.clean);
    const sizes = blobSizes(root, [...new Set(unclean.map(([, entry]) => entry.sha))]);
    const wanted = new Map<string, BlobInfo>();
    for (const [path, { sha }] of unclean) {
      const size = sizes.get(sha);
      if (size !== undefined && size <= MAX_TEXT_BYTES && !binaryByName(path)) wanted.set(sha, { sha, size });
    }
    return { sizes, contents: readBlobs(root, [...wanted.values()]) };
  };

  const readBlob = (relative: string, sha: string, size: number | undefined, contents?: Buffer): ReadResult => {
    if (size !== undefined) {
      const oversized = refuseOversized(size, relative);
      if (oversized) return oversized;
      const bytes = contents ?? readBlobs(root, [{ sha, size }]).get(sha);
      if (bytes) return decodeText(bytes, relative);
    }
    return { ok: false, reason: 'unreadable', message: `${relative} cannot be read from the git index` };
  };

  const readStaged = (relative: string, { sha, clean }: IndexEntry): ReadResult => {
    if (clean) {
      const fromDisk = readTextFile(join(root, relative), relative);
      // Gone or unopenable since git looked: the blob still has the staged content.
      return retryFromBlob(fromDisk) ? readBlob(relative, sha, blobSizes(root, [sha]).get(sha)) : fromDisk;
    }
    loaded ??= load();
    // Files of binary types were left out of the batch: readBlob reads one only when it is asked for.
    return readBlob(relative, sha, loaded.sizes.get(sha), loaded.contents.get(sha));
  };

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
        result = readStaged(relative, entry);
        reads.set(relative, result);
      }
      return result;
    },
    filesRead: () => [...reads.keys()],
    readHead(path: string, length: number): Uint8Array | undefined {
      const relative = normalize(path);
      const entry = entries.get(relative);
      if (!entry) return undefined;
      const fromDisk = entry.clean ? readFileHead(join(root, relative), length) : undefined;
      if (fromDisk) return fromDisk;
      // A blob is read whole: only one within the text size limit.
      const size = blobSizes(root, [entry.sha]).get(entry.sha);
      if (size === undefined || size > MAX_TEXT_BYTES) return undefined;
      return readBlobs(root, [{ sha: entry.sha, size }]).get(entry.sha)?.subarray(0, length);
    },
    exists: (path) => entries.has(normalize(path)),
    isTracked: (path) => entries.has(normalize(path)),
    // Only staged files are in this workspace: whatever is not staged is not about to be committed.
    isIgnored: (path) => !entries.has(normalize(path)),
  };
}

/** Workspace-relative paths the index changes compared with HEAD (added, copied, modified, renamed, type-changed). */
export function stagedFiles(root: string): string[] | undefined {
  const output = tryGit(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--relative', '--diff-filter=ACMRT']);
  return output?.toString('utf8').split('\0').filter(Boolean);
}
