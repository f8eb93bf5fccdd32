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
  // Express's default error page shows the stack outside production; a handler sending err.stack shows it always.
  'node/node-env-not-production': ['web/stack-trace-exposed'],
  'node/error-details-leaked': ['web/stack-trace-exposed'],
};
