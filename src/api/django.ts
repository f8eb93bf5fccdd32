/**
 * The rule API for rules over one Django project (rules/django/*, and per-project rules/deploy/*):
 * `defineRule`, the evaluated settings' values and Django's helpers. Rule files import this module
 * and nothing else from src/ (eslint enforces it); users' rule files import it as `deploycheck/api/django`.
 */
export * from './base.js';
export { rootStages } from '../deploy/container-user.js';
export { imageSecrets } from '../deploy/image-secrets.js';
export type { ImageSecret } from '../deploy/image-secrets.js';
export { childrenOf, enclosing, locationOf } from '../deploy/nginx.js';
export type { NginxConfig, NginxDirective } from '../deploy/nginx.js';
export { productionCommands } from '../deploy/production-commands.js';
export { redactCommand } from '../deploy/redact.js';
export { parseManageCommands } from '../deploy/server-command.js';
export { collectstaticRun, servedStaticDir, staticSource } from '../django/collectstatic.js';
export { checkSessionCookieFlag, cookieFlagFails, describeCookieFlag } from '../django/cookie-flags.js';
export { corsScope, corsSetting, pythonMatch } from '../django/cors.js';
export type { CorsScope } from '../django/cors.js';
export { readsOffAsOn } from '../django/debug-flag.js';
export { suppliedCredentials } from '../django/credentials.js';
export { defineRule } from '../django/define-rule.js';
export type { DjangoRule, DjangoRuleContext } from '../django/define-rule.js';
export { serverTrustsForwardedProto } from '../django/forwarded-proto.js';
export { keyGuardRaise } from '../django/key-guard.js';
export { CLICKJACKING_MIDDLEWARE, CSRF_MIDDLEWARE, SECURITY_MIDDLEWARE } from '../django/middleware-paths.js';
export { nginxOverwritesForwardedHost } from '../django/nginx-forwarded-host.js';
export { isLoopbackOrigin, sharedPlatformDomain } from '../django/origins.js';
export { committedKey, deployFallbackKey, fallbackKey, INSECURE_PREFIX, weakKeyReasons, writtenInCode } from '../django/secret-key.js';
export { combinedConfidence, describeNotTrue, describeSetting, middlewareOn, middlewareSetting, settingIncludes, settingLocation, settingReport } from '../django/setting-helpers.js';
export { durationSeconds } from '../python/timedelta.js';
export { describeOption, effectiveAcl, explainOptions, isS3StaticClass, resolveStorage } from '../django/storage.js';
export type { StorageConfig, StorageOption } from '../django/storage.js';
export { literalAdminPasswords } from '../django/superuser-password.js';
export { managementCommandPasswords } from '../django/command-passwords.js';
export { proxySslHeaderProblem } from '../django/proxy-ssl-header.js';
export type { RuntimePlatform } from '../env/platform.js';
export type { Environment } from '../env/types.js';
export { productionNginxConfigs } from '../production/nginx-configs.js';
export { platformsOf } from '../production/platform.js';
export type { DjangoProject } from '../project/types.js';
export { versionAtLeast } from '../project/version.js';
export type { SecretHit } from '../secrets/types.js';
export { workspaceSecrets } from '../secrets/workspace-scan.js';
export { certainItemsOf, resolvePath } from '../python/value-ops.js';
export { plainStringValue } from '../python/strings.js';
export { parseModule } from '../python/syntax.js';
export type { PyNode } from '../python/syntax.js';
export type { EvalProblemKind, Settings } from '../python/types.js';
export { confidenceOf, dictGet, envReadsOf, isTrue, pyRepr, stringItems, truthy } from '../python/value.js';
export type { EnvRead, PySequence, PyValue } from '../python/value.js';
