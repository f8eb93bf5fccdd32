import { GRADES } from '../engine/grade.js';
import type { ScanResult } from '../probe/scan.js';
import type { ReportInput } from './types.js';

/**
 * The scans of one `deploycheck scan` run as the input every CI report takes, like a check's: the
 * findings of all sites (located by URL), the worst site's grade, the rules that ran.
 */
export function scanReportInput(results: readonly ScanResult[]): ReportInput {
  const rank = (result: ScanResult): number => GRADES.indexOf(result.grade.grade);
  const worst = results.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  return {
    kind: 'scan',
    findings: results.flatMap((result) => result.findings),
    grade: worst.grade,
    errors: results.flatMap((result) => result.errors),
    rules: results.flatMap((result) => result.rules),
  };
}
