export type ReadResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'missing' | 'too-large' | 'binary' | 'invalid-utf8' | 'unreadable'; message: string };

/** Where file contents come from: the working tree, or the git index (--staged). */
export type SourceKind = 'worktree' | 'index';

export interface Workspace {
  /** Absolute path of the root directory. */
  root: string;
  source: SourceKind;
  /** Workspace-relative paths (forward slashes), sorted, excluding ignored and vendored files. */
  files: readonly string[];
  /** Read a workspace-relative file as UTF-8 text, refusing binary, invalid UTF-8 and oversized files. */
  readText(path: string): ReadResult;
  /** The workspace-relative paths readText was asked for so far. */
  filesRead(): string[];
  exists(path: string): boolean;
  /** Whether git tracks the file; undefined outside a git repository. */
  isTracked(path: string): boolean | undefined;
  /** Whether .gitignore ignores the file; undefined outside a git repository. */
  isIgnored(path: string): boolean | undefined;
  /**
   * Which of these paths, existing or not, git's ignore rules would exclude (nested .gitignore files
   * included); undefined when git cannot say. Absent where the workspace has no git rules to ask.
   */
  wouldIgnore?(paths: readonly string[]): ReadonlySet<string> | undefined;
  /** The first `length` bytes of a file (fewer for a shorter file); undefined when it cannot be read. */
  readHead?(path: string, length: number): Uint8Array | undefined;
}
