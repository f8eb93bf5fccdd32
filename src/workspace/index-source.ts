import { blobSizes, readBlobs } from './cat-file.js';
import type { BlobInfo } from './cat-file.js';
import { tryGit } from './git.js';
import { decodeText, MAX_TEXT_BYTES, refuseOversized } from './read.js';
import type { ReadResult, Workspace } from './types.js';
import { inVendoredDir } from './vendored.js';

const REGULAR_FILE = /^100(?:644|755)$/;
/** Types of files that are never text: their blobs are read only when a file of theirs is asked for. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif webp avif ico bmp tif tiff psd pdf zip gz tgz bz2 xz zst 7z rar jar war whl egg ' +
    'so dylib dll exe bin o a pyc pyo pyd class woff woff2 ttf otf eot mp3 mp4 m4a mov avi mkv webm ogg wav flac sqlite sqlite3 db mo'
  ).split(' '),
);

interface IndexEntry {
  sha: string;
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

/** Regular files in the index under `root` (one `git ls-files -s -z`), by path relative to `root`. */
function listIndex(root: string): Map<string, IndexEntry> | undefined {
  const output = tryGit(root, ['ls-files', '-s', '-z']);
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

/**
 * The workspace as the next commit would see it: the files and contents of the git index (what
 * `git add` staged), for pre-commit hooks. On the first read, one `git cat-file --batch-check` sizes
 * every staged blob and one `git cat-file --batch` reads those that may be text (not over the size
 * limit, not of a binary type), so the cost follows the text in the index rather than its images
 * and archives. undefined when `root` is not in a git repository.
 */
export function openIndexWorkspace(root: string, normalize: (path: string) => string): Workspace | undefined {
  const entries = listIndex(root);
  if (!entries) return undefined;
  const files = [...entries.keys()].sort();
  let loaded: StagedBlobs | undefined;
  const reads = new Map<string, ReadResult>();

  const load = (): StagedBlobs => {
    const sizes = blobSizes(root, [...new Set([...entries.values()].map((entry) => entry.sha))]);
    const wanted = new Map<string, BlobInfo>();
    for (const [path, { sha }] of entries) {
      const size = sizes.get(sha);
      if (size !== undefined && size <= MAX_TEXT_BYTES && !binaryByName(path)) wanted.set(sha, { sha, size });
    }
    return { sizes, contents: readBlobs(root, [...wanted.values()]) };
  };

  const readStaged = (relative: string, sha: string): ReadResult => {
    loaded ??= load();
    const size = loaded.sizes.get(sha);
    if (size !== undefined) {
      const oversized = refuseOversized(size, relative);
      if (oversized) return oversized;
      // Files of binary types were left out of the batch: read one only when it is asked for.
      const bytes = loaded.contents.get(sha) ?? (binaryByName(relative) ? readBlobs(root, [{ sha, size }]).get(sha) : undefined);
      if (bytes) return decodeText(bytes, relative);
    }
    return { ok: false, reason: 'unreadable', message: `${relative} cannot be read from the git index` };
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
        result = readStaged(relative, entry.sha);
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
  const output = tryGit(root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--relative', '--diff-filter=ACMRT']);
  return output?.toString('utf8').split('\0').filter(Boolean);
}
