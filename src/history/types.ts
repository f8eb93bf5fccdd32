import type { SecretHit } from '../secrets/types.js';

/** A secret found in a blob of the git history, with the commit that first added that blob. */
export interface HistorySecret extends SecretHit {
  /** Full id of the commit that introduced the blob (oldest first in topological order). */
  commit: string;
  /** Path of the blob in that commit (`location.file` is the same path). */
  path: string;
}

export interface HistoryScan {
  /** Each distinct secret once, at the commit that introduced it first. */
  secrets: HistorySecret[];
  commits: number;
  /** Blobs read and their total size in bytes. */
  blobs: number;
  bytes: number;
}
