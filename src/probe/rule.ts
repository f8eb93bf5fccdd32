import type { ScanRuleDefinition } from '../engine/types.js';
import type { ScanObservations } from './types.js';

/** A live-scan rule (rules/web/*): a pure function of what the probes observed. */
export type ScanRule = ScanRuleDefinition<ScanObservations>;

/** What the reports need of a scan rule besides its findings. */
export type ScanRuleInfo = Pick<ScanRule, 'docs' | 'probes'>;

export function defineScanRule(rule: Omit<ScanRule, 'kind'>): ScanRule {
  return { ...rule, kind: 'scan' };
}
