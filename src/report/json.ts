import type { CheckResult } from '../engine/check.js';

/** The live scan report's version (docs/production-model.md); bump on any incompatible change. */
export const SCAN_JSON_SCHEMA_VERSION = 1;

/**
 * The check report's version: 2 added `projects[].production`; 3 gave every project a `kind` (its
 * framework: `django`) whose fields the README documents per kind (README.md "JSON report",
 * docs/production-model.md).
 */
export const CHECK_JSON_SCHEMA_VERSION = 3;

export function formatJson(result: CheckResult, toolVersion: string): string {
  const report = {
    schemaVersion: CHECK_JSON_SCHEMA_VERSION,
    tool: { name: 'deploycheck', version: toolVersion },
    kind: 'check',
    root: result.root,
    environment: result.environment,
    projects: result.projects,
    summary: {
      findings: result.findings.length,
      bySeverity: Object.fromEntries(
        (['critical', 'high', 'medium', 'low', 'info'] as const).map((s) => [s, result.findings.filter((f) => f.severity === s).length]),
      ),
      grade: result.grade.grade,
      score: result.grade.score,
    },
    grade: result.grade,
    findings: result.findings,
    errors: result.errors,
    // `check --url`: each scanned URL, its own grade and the probes that did not answer.
    ...(result.live ? { live: result.live } : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
