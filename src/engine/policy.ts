import { UsageError } from '../core/errors.js';
import { GRADES, meetsGrade } from './grade.js';
import type { GradeResult } from './grade.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from './types.js';
import { SEVERITIES } from '../core/severity.js';

export interface GatePolicy {
  /** Fail when a finding is at or above this severity (default `high`); `none` never fails on findings. */
  failOn: Severity | 'none';
  /** Fail when the grade is worse than this. */
  minGrade?: string;
}

export function parseSeverity(value: string, option: string): Severity | 'none' {
  if (value === 'none' || (SEVERITIES as readonly string[]).includes(value)) return value as Severity | 'none';
  throw new UsageError(`${option} must be one of ${[...SEVERITIES, 'none'].join(', ')} (got '${value}')`);
}

export function parseGrade(value: string, option: string): string {
  const grade = value.toUpperCase();
  if (GRADES.includes(grade)) return grade;
  throw new UsageError(`${option} must be one of ${GRADES.join(', ')} (got '${value}')`);
}

/** 0: the gate passes; 1: a finding at or above fail-on, or the grade below min-grade. */
export function gateExitCode(findings: readonly Finding[], grade: GradeResult, policy: GatePolicy): 0 | 1 {
  if (policy.failOn !== 'none') {
    const threshold = SEVERITIES.indexOf(policy.failOn);
    if (findings.some((finding) => SEVERITIES.indexOf(finding.severity) <= threshold)) return 1;
  }
  if (policy.minGrade && !meetsGrade(grade.grade, policy.minGrade)) return 1;
  return 0;
}
