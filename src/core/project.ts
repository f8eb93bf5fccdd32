/**
 * A project one framework found (src/<framework>, registered in src/frameworks.ts): its kind names
 * the framework (`django`), and the rules of that kind run on it.
 */
export interface Project {
  readonly kind: string;
  /** Workspace-relative directory, '' for the workspace root. */
  readonly root: string;
}
