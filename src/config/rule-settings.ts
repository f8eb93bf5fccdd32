import type { DeploycheckConfig } from './types.js';
import { UsageError } from '../core/errors.js';
import { selectRules } from '../engine/select.js';
import type { Severity } from '../core/severity.js';

export interface RuleAdjustments {
  /** Rule ids the config turns off. */
  off: string[];
  /** Rule id → the severity its findings get. */
  severity: Record<string, Severity>;
}

/** The rules a config pattern names; a pattern that names none is a UsageError naming the file and key. */
export function rulesNamed<R extends { id: string }>(rules: readonly R[], pattern: string, label: string, key: string): R[] {
  try {
    return selectRules([...rules], [pattern]);
  } catch (error) {
    if (error instanceof UsageError) throw new UsageError(`${label}: ${key}: ${error.message}`);
    throw error;
  }
}

/**
 * Resolve the config's `rules` table against the known rules. For each rule the most specific
 * pattern decides (`django/debug` over `django/*` over `django`): `off` turns it off, `on` keeps its
 * own severity, a severity replaces it.
 */
export function ruleAdjustments(config: DeploycheckConfig | undefined, rules: readonly { id: string }[]): RuleAdjustments {
  const decided = new Map<string, { specificity: number; setting: string }>();
  for (const [pattern, setting] of Object.entries(config?.rules ?? {})) {
    const specificity = pattern.endsWith('/*') || !pattern.includes('/') ? 1 : 2;
    for (const rule of rulesNamed(rules, pattern, config!.label, `rules.${pattern}`)) {
      const previous = decided.get(rule.id);
      if (!previous || specificity >= previous.specificity) decided.set(rule.id, { specificity, setting });
    }
  }
  const adjustments: RuleAdjustments = { off: [], severity: {} };
  for (const [id, { setting }] of decided) {
    if (setting === 'off') adjustments.off.push(id);
    else if (setting !== 'on') adjustments.severity[id] = setting as Severity;
  }
  return adjustments;
}
