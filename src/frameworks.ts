/**
 * The frameworks deploycheck knows, in the order their projects are reported. Adding a framework is
 * one entry here (its src/<framework>/framework.ts), its options in src/framework-options.ts, and its
 * rules/<framework>/ folder with its rule API (src/api/<framework>.ts).
 */
import { runCheck as runEngineCheck } from './engine/check.js';
import type { CheckOptions, CheckResult } from './engine/check.js';
import type { Framework } from './engine/framework.js';
import type { Project } from './core/project.js';
import { djangoFramework } from './django/framework.js';
import type { DjangoProjectSummary } from './django/project-summary.js';
import { nodeFramework } from './node/framework.js';
import type { NodeProjectSummary } from './node/project-summary.js';

/** What the built-in frameworks say about a project in the report (one type per kind). */
export type BuiltInProjectSummary = DjangoProjectSummary | NodeProjectSummary;

export const FRAMEWORKS: readonly Framework<Project, BuiltInProjectSummary>[] = [djangoFramework, nodeFramework];

/** `deploycheck check` with the built-in frameworks. */
export function runCheck(options: CheckOptions): Promise<CheckResult<BuiltInProjectSummary>> {
  return runEngineCheck(options, FRAMEWORKS);
}
