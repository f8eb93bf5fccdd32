import type { RuleContext, RuleDefinition } from '../engine/types.js';
import type { NodeProject } from './types.js';

/** A rule over one Node project (rules/node/*): kind `node`, its context's project a NodeProject. */
export type NodeRule = RuleDefinition<NodeProject>;
export type NodeRuleContext = RuleContext<NodeProject>;

export function defineRule(rule: Omit<NodeRule, 'kind'>): NodeRule {
  return { ...rule, kind: 'node' };
}
