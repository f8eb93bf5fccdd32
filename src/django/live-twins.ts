/**
 * Static Django rules and the live-scan rules that report the same problem from the running site
 * (`check --url` reports such a pair once, with both places, and deducts it once).
 */
export const DJANGO_LIVE_TWINS: Readonly<Record<string, readonly string[]>> = {
  'django/debug': ['web/debug-page'],
  'django/hsts-missing': ['web/hsts-missing'],
  'django/hsts-preload-too-short': ['web/hsts-preload-ineligible'],
  'django/session-cookie-insecure': ['web/cookie-insecure'],
  'django/csrf-cookie-insecure': ['web/cookie-insecure'],
  'django/session-cookie-httponly-off': ['web/cookie-httponly'],
  'django/nosniff-off': ['web/content-type-options-missing'],
  'django/clickjacking-middleware-missing': ['web/frame-options-missing'],
  'django/referrer-policy-missing': ['web/referrer-policy-unsafe'],
  'django/ssl-redirect-off': ['web/https-redirect-missing'],
  'django/admin-default-path': ['web/admin-default-path'],
  'django/allowed-hosts-wildcard': ['web/allowed-hosts-wildcard'],
};
