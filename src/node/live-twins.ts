/**
 * Static Node rules and the live-scan rules that report the same problem from the running site
 * (`check --url` reports such a pair once, with both places, and deducts it once).
 */
export const NODE_LIVE_TWINS: Readonly<Record<string, readonly string[]>> = {
  'node/session-cookie-default-name': ['web/session-cookie-default-name'],
  'node/session-cookie-insecure': ['web/cookie-insecure'],
  'node/session-cookie-httponly-off': ['web/cookie-httponly'],
  'node/session-cookie-samesite-missing': ['web/cookie-samesite'],
  'node/x-powered-by': ['web/x-powered-by'],
  'node/cors-any-origin': ['web/cors-credentials-wildcard'],
  'node/next-source-maps': ['web/source-map-exposed'],
  'node/dev-server-in-production': ['web/next-dev-mode'],
  // Not twinned: web/stack-trace-exposed (critical, caps at F) with node/node-env-not-production or
  // node/error-details-leaked (high, no cap). A static finding absorbs its live twin, so the pair would
  // lose the proven exposure's severity and cap; the two are reported side by side instead.
};
