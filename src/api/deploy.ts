/**
 * The rule API for the deploy rules (rules/deploy/*) that judge deploy files the same way for every
 * kind of project: `defineDeployRule`, the project's deploy view (src/deploy/deploy-view.ts) and the
 * deploy helpers. Rule files import this module and nothing else from src/ (eslint enforces it);
 * users' rule files import it as `deploycheck/api/deploy`.
 */
import type { Project } from '../core/project.js';
import type { DeployedProject } from '../deploy/deploy-view.js';
import { isDeployedProject } from '../deploy/deploy-view.js';
import type { RuleContext, RuleDefinition } from '../engine/types.js';
import { EVERY_PROJECT } from '../engine/types.js';

export * from './base.js';
export { rootStages } from '../deploy/container-user.js';
export type { RootStage } from '../deploy/container-user.js';
export { isDeployedProject } from '../deploy/deploy-view.js';
export type { DeployedProject, DeployView } from '../deploy/deploy-view.js';
export { imageSecrets } from '../deploy/image-secrets.js';
export { childrenOf, enclosing, locationOf } from '../deploy/nginx.js';
export type { NginxConfig, NginxDirective } from '../deploy/nginx.js';
export { productionNginxConfigs } from '../production/nginx-configs.js';
export type { ImageSecret } from '../deploy/image-secrets.js';
export type { DeployCommand, DeployFacts } from '../deploy/types.js';
export type { RuntimePlatform } from '../env/platform.js';
export type { Environment } from '../env/types.js';
export type { SecretHit } from '../secrets/types.js';
export { workspaceSecrets } from '../secrets/workspace-scan.js';

/** A deploy rule: runs on every project, of whatever kind, whose framework supplies a deploy view. */
export type DeployRule = RuleDefinition;
export type DeployRuleContext = RuleContext<DeployedProject>;

export function defineDeployRule(rule: Omit<RuleDefinition<DeployedProject>, 'kind'>): DeployRule {
  const { check, ...meta } = rule;
  return {
    ...meta,
    kind: EVERY_PROJECT,
    check(ctx: RuleContext<Project>) {
      const project = ctx.project;
      if (isDeployedProject(project)) check({ ...ctx, project });
    },
  };
}
