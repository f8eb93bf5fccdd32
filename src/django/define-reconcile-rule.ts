import type { ReconcileRuleDefinition } from '../engine/types.js';
import type { ScanObservations } from '../probe/types.js';
import type { DjangoProject } from '../project/types.js';

/** A rule over a Django project and a live scan of its site (rules/reconcile/*, `check --url`). */
export type DjangoReconcileRule = ReconcileRuleDefinition<DjangoProject, ScanObservations>;

export function defineReconcileRule(rule: Omit<DjangoReconcileRule, 'kind' | 'project'>): DjangoReconcileRule {
  return { ...rule, kind: 'reconcile', project: 'django' };
}
