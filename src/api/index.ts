/**
 * The rule API by kind, loaded on demand: the installed package's `deploycheck/api/<kind>` modules
 * (written by scripts/api-modules.mjs) re-export what this returns from the running CLI's bundle, so
 * users' rule files share the CLI's code instead of a second copy.
 */
export const RULE_API_KINDS = ['deploy', 'django', 'node', 'reconcile', 'web', 'workspace'] as const;
export type RuleApiKind = (typeof RULE_API_KINDS)[number];

export function loadRuleApi(kind: RuleApiKind): Promise<Record<string, unknown>> {
  switch (kind) {
    case 'deploy':
      return import('./deploy.js');
    case 'django':
      return import('./django.js');
    case 'node':
      return import('./node.js');
    case 'reconcile':
      return import('./reconcile.js');
    case 'web':
      return import('./web.js');
    case 'workspace':
      return import('./workspace.js');
  }
}
