/**
 * The rule API for reconciliation rules (rules/reconcile/*): a project's evaluated settings judged
 * against what the running site answered. `defineReconcileRule`, the Django settings helpers and the
 * probe helpers those rules read; users' rule files import it as `deploycheck/api/reconcile`.
 */
export * from './base.js';
export { defineReconcileRule } from '../django/define-reconcile-rule.js';
export type { DjangoReconcileRule } from '../django/define-reconcile-rule.js';
export { HEADER_EXPECTATIONS, SECURE_COOKIES, secureCookieName } from '../django/live-headers.js';
export { SECURITY_MIDDLEWARE } from '../django/middleware-paths.js';
export { describeOption, effectiveAcl, explainOptions, isS3StaticClass, resolveStorage } from '../django/storage.js';
export type { StorageConfig, StorageOption } from '../django/storage.js';
export { middlewareOn, settingReport } from '../django/setting-helpers.js';
export { djangoDebugMarker, firstHeader, httpsHops, siteCookies, siteResponses } from '../probe/inspect.js';
export { PROBE } from '../probe/types.js';
export { truthy } from '../python/value.js';
export type { PyValue } from '../python/value.js';
