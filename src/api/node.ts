/**
 * The rule API for rules over one Node project (rules/node/*): `defineRule`, the project's facts and
 * the helpers over evaluated JS values. Rule files import this module and nothing else from src/
 * (eslint enforces it); users' rule files import it as `deploycheck/api/node`. Each helper module adds
 * its own export lines here.
 */
export * from './base.js';
export { defineRule } from '../node/define-rule.js';
export type { NodeRule, NodeRuleContext } from '../node/define-rule.js';
export { isNodeProject } from '../node/types.js';
export type { NodeFrameworkName, NodeProduction, NodeProject, PackageJson, PrismaDatasource } from '../node/types.js';
export type { Environment } from '../env/types.js';
export type { DeployCommand, DeployFacts } from '../deploy/types.js';
export type { JsApp, JsCall, JsFunction, JsProblem, JsProgram, JsValue } from '../js/types.js';
