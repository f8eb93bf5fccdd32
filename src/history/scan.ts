import { secretFileKind } from '../secrets/files.js';
import type { SecretFileKind } from '../secrets/files.js';
import { scanText } from '../secrets/scanner.js';
import { streamBlobs } from '../workspace/cat-file.js';
import { tryGit } from '../workspace/git.js';
import { decodeText } from '../workspace/read.js';
import type { HistoryScan, HistorySecret } from './types.js';

const NULL_SHA = /^0+$/;

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
  const output = tryGit(
    root,
    ['log', '--all', '--topo-order', '--reverse', '--format=%x01%H', '--raw', '--no-abbrev', '--no-renames', '--relative', '-z'],
    { maxBuffer: 1024 * 1024 * 1024 },
  )?.toString('utf8');
  if (output === undefined) return { blobs: [], commits: 0 };
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
    const read = decodeText(content, blob.path);
    if (!read.ok) return;
    for (const hit of scanText(read.text, blob.path, blob.kind)) {
      if (found.has(hit.secret)) continue;
      found.add(hit.secret);
      secrets.push({ ...hit, commit: blob.commit, path: blob.path });
    }
  });
  return { secrets, commits, blobs: blobs.length, bytes };
}
