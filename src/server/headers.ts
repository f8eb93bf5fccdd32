/**
 * The headers on every response of `deploycheck serve`, chosen so that deploycheck's own header
 * rules pass against it: scripts and styles from the page's origin only, no framing, no sniffing,
 * no referrer, isolated from other origins, and HSTS when the connection is TLS.
 */
import { REPORT_STYLE_HASH } from '../report/scan-html.js';

const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The standalone report: no script at all, and only its own inline stylesheet. */
const REPORT_POLICY = ["default-src 'none'", `style-src ${REPORT_STYLE_HASH}`, "base-uri 'none'", "form-action 'none'", "object-src 'none'", "frame-ancestors 'none'"].join('; ');

export function securityHeaders(options: { tls: boolean; report?: boolean }): Record<string, string> {
  return {
    'content-security-policy': options.report ? REPORT_POLICY : PAGE_POLICY,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
    ...(options.tls ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}
