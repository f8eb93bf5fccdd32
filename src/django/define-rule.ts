import type { RuleContext, RuleDefinition } from '../engine/types.js';
import type { DjangoProject } from '../project/types.js';

/** A rule over one Django project (rules/django/*): kind `django`, its context's project a DjangoProject. */
export type DjangoRule = RuleDefinition<DjangoProject>;
export type DjangoRuleContext = RuleContext<DjangoProject>;

export function defineRule(rule: Omit<DjangoRule, 'kind'>): DjangoRule {
  return { ...rule, kind: 'django' };
}
