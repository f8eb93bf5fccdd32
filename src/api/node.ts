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
export { redactCommand } from '../deploy/redact.js';
export type { JsApp, JsCall, JsFunction, JsProblem, JsProgram, JsValue } from '../js/types.js';
export type { EnvRead } from '../core/env-read.js';
export { appOf, callsTo, confidenceOf, envReadsOf, locationOf, prop, stringValue, truthyOf } from '../js/values.js';
export { parseStart } from '../node/production/command.js';
export type { NodeRun, ParsedStart } from '../node/production/command.js';
export { handlerConfidence, packageUses, servingApps } from '../node/app-uses.js';
export type { PackageUse } from '../node/app-uses.js';
export { defaultCookieName, httpOnlyOff, insecureCookie, sameSiteMissing } from '../node/cookies.js';
export type { CookieProblem } from '../node/cookies.js';
export { openCorsPolicies } from '../node/cors.js';
export type { CorsPolicy } from '../node/cors.js';
export { appsSendingPoweredBy, appsWithoutHeaders, helmetWeakenings, HSTS_MIN_SECONDS } from '../node/helmet.js';
export type { HelmetWeakening } from '../node/helmet.js';
export { describeCodeSecret, jwtSecrets, secretsInCode } from '../node/secrets-in-code.js';
export type { CodeSecret, JwtSecret } from '../node/secrets-in-code.js';
export { memoryStore, optionLocation, sessionUses, signingSecrets } from '../node/session.js';
export type { SigningSecret } from '../node/session.js';
export { trustAllProxies } from '../node/trust-proxy.js';
export type { TrustAllProxies } from '../node/trust-proxy.js';
export { nextPoweredBy } from '../node/next-powered-by.js';
export { cookieAttributeOff, handlerCookies } from '../node/handler-cookies.js';
export type { CookieSetter, HandlerCookie } from '../node/handler-cookies.js';
export { committedBuildOutput, distIsClientBundle } from '../node/build-output.js';
export type { CommittedOutput } from '../node/build-output.js';
export { devServerIn } from '../node/dev-servers.js';
export type { DevServer } from '../node/dev-servers.js';
export { leakingErrorHandlers } from '../node/error-handlers.js';
export type { ErrorLeak, LeakingHandler } from '../node/error-handlers.js';
export { browserSourceMaps, catchAllHeaders, CSP, FRAME_OPTIONS, headersOutsideConfig, HSTS, nextConfigEnv, nextConfigObject, preventsFraming } from '../node/next-config.js';
export { judgePublicVariable, NEXT_PUBLIC_PREFIX, nextPublicReads, nextPublicVariables } from '../node/next-public.js';
export type { PublicSecret, PublicVariableSource } from '../node/next-public.js';
export { nodeEnvProblem } from '../node/node-env.js';
export type { NodeEnvProblem } from '../node/node-env.js';
export { pm2WatchFlag } from '../node/pm2-watch.js';
export type { Pm2Watch } from '../node/types.js';
export { sqliteInProduction } from '../node/sqlite.js';
export type { SqliteUse } from '../node/sqlite.js';
