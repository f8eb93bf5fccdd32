/**
 * The rule API for live-scan rules (rules/web/*): `defineScanRule` and the helpers that read what the
 * probes observed. Rule files import this module and nothing else from src/ (eslint enforces it);
 * users' rule files import it as `deploycheck/api/web`.
 */
export * from './base.js';
export { BROAD, effectiveSources, pagePolicies, unsafeScriptSources, usesNonceOrHash } from '../probe/csp.js';
export type { Policy } from '../probe/csp.js';
export { answersEverything, djangoDebugMarker, firstHeader, headerValues, htmlTitle, httpsHops, isCsrfCookie, isSessionCookie, isSuccess, pageLikeResponses, pageResponse, responseOf, siteCookies, siteResponses, sourceMapResponses } from '../probe/inspect.js';
export { mixedContent } from '../probe/mixed.js';
export type { MixedResource } from '../probe/mixed.js';
export { defineScanRule } from '../probe/rule.js';
export type { ScanRule } from '../probe/rule.js';
export { nextDevMarker } from '../probe/next-dev.js';
export { pageScripts, siteOf } from '../probe/scripts.js';
export { sourceMapSources } from '../probe/source-maps.js';
export { redactCommand } from '../deploy/redact.js';
export { stackTrace } from '../probe/stack-trace.js';
export type { StackTrace } from '../probe/stack-trace.js';
export { BUCKET_PROBE_PREFIX, PROBE, SOURCE_MAP_PROBE_PREFIX } from '../probe/types.js';
