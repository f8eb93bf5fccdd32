/** A Node project as the report describes it (light: the report formats load it without the Node pipeline). */
import type { Location } from '../core/location.js';
import type { ProjectSummary } from '../engine/framework.js';
import type { NodeFrameworkName, NodeProduction } from './types.js';

/** A Node project in the report's `projects[]` (JSON schemaVersion 3: README "JSON report"). */
export interface NodeProjectSummary extends ProjectSummary {
  kind: 'node';
  /** The package's name in package.json, when it has one. */
  name?: string;
  frameworks: NodeFrameworkName[];
  production: NodeProductionSummary;
}

export interface NodeProductionSummary {
  start?: { command: string; location: Location; how: string };
  entries: { file: string; how: string }[];
  nodeEnv: NodeProduction['nodeEnv'];
  platform?: string;
  assumptions: string[];
  /** One line: what production runs and how that was decided (the pretty report's `production:` line). */
  line: string;
  /** false when a server framework's entry could not be decided: its rules read nothing (the grade is capped). */
  complete: boolean;
  /** Why it is incomplete, when it is. */
  missing?: string[];
  /** How to tell deploycheck more. */
  hint: string;
}

export function isNodeSummary(summary: ProjectSummary): summary is NodeProjectSummary {
  return summary.kind === 'node';
}
