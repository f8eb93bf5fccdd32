/**
 * The seam between the engine and a framework (src/django is the first): the engine asks each
 * registered framework for the projects it finds, runs the rules of each project's kind on them and
 * reports them through the summary the framework writes. The engine itself knows no framework.
 */
import type { Finding } from './types.js';
import type { Project } from '../core/project.js';
import type { Workspace } from '../workspace/types.js';

/** A command-line option (and config environment key) that belongs to one framework, e.g. Django's `--settings`. */
export interface FrameworkOption {
  /** The key in CheckOptions.frameworkOptions and in a config environment (`settings`). */
  key: string;
  /** commander's flag syntax: `--settings <module>`. */
  flag: string;
  description: string;
}

export interface DiscoverOptions {
  /** Environment name (`--env`), production by default. */
  env?: string;
  envFiles?: string[];
  set?: Record<string, string>;
  /** Values of the framework's own options (FrameworkOption.key → value). */
  options: Readonly<Record<string, string | undefined>>;
}

/** What a report says about one project: its kind and root, then what its framework documents for that kind. */
export interface ProjectSummary {
  kind: string;
  root: string;
}

/** One project as its framework hands it to the engine. */
export interface DiscoveredProject<P extends Project = Project, S extends ProjectSummary = ProjectSummary> {
  project: P;
  /** Whether its rules run: a framework lists a project it found but production does not run (false). */
  checked: boolean;
  /** Whether a finding stands (false: the project silences it, as Django's SILENCED_SYSTEM_CHECKS does). */
  keeps?(finding: Finding): boolean;
  /** What the report says about the project, read after the rules ran (its facts are lazy). */
  summary(): S;
  /** Why the grade would claim more than was read (production settings not fully read), when it would. */
  incomplete(): string | undefined;
}

export interface Framework<P extends Project = Project, S extends ProjectSummary = ProjectSummary> {
  /** The kind of the projects it finds, and of the rules that check them (`django`). */
  kind: P['kind'];
  options: readonly FrameworkOption[];
  /** Slow set-up started before the workspace is listed (a parser's wasm compiles meanwhile). */
  prepare?(): Promise<void>;
  discover(workspace: Workspace, options: DiscoverOptions): DiscoveredProject<P, S>[];
  /** Static rule id → the live-scan rules that report the same problem (`check --url` reports such a pair once). */
  liveTwins?: Readonly<Record<string, readonly string[]>>;
}
