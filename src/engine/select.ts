import { UsageError } from '../core/errors.js';
import type { RuleDefinition } from './types.js';

/** Whether `pattern` (a rule id, a group `django`, or `django/*`) names the rule. */
export function ruleMatches(pattern: string, id: string): boolean {
  const group = pattern.endsWith('/*') ? pattern.slice(0, -2) : pattern;
  return id === pattern || id.startsWith(`${group}/`);
}

/** Apply --rule / --ignore; a pattern that names no rule is a usage error (a typo would silently check nothing). */
export function selectRules<R extends Pick<RuleDefinition, 'id'>>(rules: R[], only?: string[], ignore?: string[]): R[] {
  for (const pattern of [...(only ?? []), ...(ignore ?? [])]) {
    if (!rules.some((rule) => ruleMatches(pattern, rule.id))) {
      throw new UsageError(`no rule matches '${pattern}' (see \`deploycheck rules\`)`);
    }
  }
  return rules.filter(
    (rule) =>
      (!only?.length || only.some((pattern) => ruleMatches(pattern, rule.id))) &&
      !(ignore ?? []).some((pattern) => ruleMatches(pattern, rule.id)),
  );
}
