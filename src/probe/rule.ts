import type { ScanRuleDefinition } from '../engine/types.js';
import type { ScanObservations } from './types.js';

/** A live-scan rule (rules/web/*): a pure function of what the probes observed. */
export type ScanRule = ScanRuleDefinition<ScanObservations>;

export function defineScanRule(rule: Omit<ScanRule, 'kind'>): ScanRule {
  return { ...rule, kind: 'scan' };
}
