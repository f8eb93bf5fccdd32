import type { Severity } from '../core/severity.js';
import type { Finding, GradeCap } from './types.js';

/** Points a finding costs, by severity; a `default`-confidence finding costs half. */
export const PENALTY: Record<Severity, number> = { critical: 40, high: 20, medium: 8, low: 3, info: 0 };

/** The MDN Observatory's chart: the lowest score for each grade, best first. */
export const GRADE_CHART: readonly (readonly [string, number])[] = [
  ['A+', 100],
  ['A', 90],
  ['A-', 85],
  ['B+', 80],
  ['B', 70],
  ['B-', 65],
  ['C+', 60],
  ['C', 50],
  ['C-', 45],
  ['D+', 40],
  ['D', 30],
  ['D-', 25],
  ['F', 0],
];

export const GRADES = GRADE_CHART.map(([grade]) => grade);

export interface Deduction {
  rule: string;
  severity: Severity;
  confidence: Finding['confidence'];
  points: number;
  where: string;
}

export interface GradeResult {
  score: number;
  grade: string;
  deductions: Deduction[];
  /** What limits the grade: a capping rule's id, or the part of deploycheck that imposed it (`production`). */
  caps: { rule: string; grade: string; reason: string }[];
}

function gradeFor(score: number): string {
  return GRADE_CHART.find(([, min]) => score >= min)?.[0] ?? 'F';
}

function rank(grade: string): number {
  const index = GRADES.indexOf(grade);
  return index === -1 ? GRADES.length : index;
}

/** Whether `grade` is at least as good as `minimum` (e.g. B+ meets B). */
export function meetsGrade(grade: string, minimum: string): boolean {
  return rank(grade) <= rank(minimum);
}

/** Each rule's declared cap (RuleDefinition.cap), by rule id, for grade(). */
export function capsOf(rules: readonly { id: string; cap?: GradeCap }[]): ReadonlyMap<string, GradeCap> {
  return new Map(rules.flatMap((rule) => (rule.cap ? [[rule.id, rule.cap] as const] : [])));
}

/**
 * Score the findings. A rule's `certain` finding caps the grade at the rule's declared cap
 * (`ruleCaps`, see capsOf); `extraCaps` come from outside the findings (a framework's "production
 * was not fully read"): each limits the grade like a capping finding, with its own reason.
 */
export function grade(
  findings: readonly Finding[],
  ruleCaps: ReadonlyMap<string, GradeCap> = new Map(),
  extraCaps: readonly GradeResult['caps'][number][] = [],
): GradeResult {
  const deductions: Deduction[] = [];
  const caps: GradeResult['caps'] = [...extraCaps];
  let score = 100;
  for (const finding of findings) {
    const full = PENALTY[finding.severity];
    const points = finding.confidence === 'default' ? full / 2 : full;
    const where = 'file' in finding.location ? `${finding.location.file}:${finding.location.line}` : finding.location.url;
    if (points > 0) deductions.push({ rule: finding.rule, severity: finding.severity, confidence: finding.confidence, points, where });
    score -= points;
    const cap = ruleCaps.get(finding.rule);
    if (cap && finding.confidence === 'certain' && !caps.some((c) => c.rule === finding.rule)) {
      caps.push({ rule: finding.rule, ...cap });
    }
  }
  score = Math.max(0, score);
  let result = gradeFor(score);
  for (const cap of caps) if (rank(cap.grade) > rank(result)) result = cap.grade;
  return { score, grade: result, deductions, caps };
}
