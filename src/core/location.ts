/** Where a finding, a value or a fact is: a place in a workspace file, or a URL (live scans). */
export interface FileLocation {
  /** Path relative to the workspace root, with forward slashes. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  endLine?: number;
  endColumn?: number;
}

export interface UrlLocation {
  url: string;
}

export type Location = FileLocation | UrlLocation;

export function isFileLocation(location: Location): location is FileLocation {
  return 'file' in location;
}
