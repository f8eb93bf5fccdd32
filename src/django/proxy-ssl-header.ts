/**
 * What Django does with SECURE_PROXY_SSL_HEADER (django/http/request.py, HttpRequest.scheme):
 * `header, secure_value = SECURE_PROXY_SSL_HEADER` (ImproperlyConfigured unless it unpacks into two),
 * then `request.META.get(header)` compared with `secure_value` exactly: equal means https, any other
 * value means http. Django's check framework does not validate the setting.
 */
import type { Severity } from '../core/severity.js';
import type { PyValue } from '../python/value.js';
import { pyRepr } from '../python/value.js';

export interface ProxySslHeaderProblem {
  /** Completes "SECURE_PROXY_SSL_HEADER (…) …". */
  problem: string;
  severity: Severity;
  /** Short, stable words for the finding's fingerprint. */
  about: string;
}

/** Headers whose value names the scheme the client used (`X-Forwarded-Proto: https`). */
const SCHEME_HEADER = /_(?:PROTO|PROTOCOL|SCHEME)$/;

/** The META key a WSGI server gives a request header: `X-Forwarded-Proto` → `HTTP_X_FORWARDED_PROTO`. */
function metaKey(header: string): string {
  return `HTTP_${header.toUpperCase().replace(/-/g, '_').replace(/^HTTP_/, '')}`;
}

/**
 * Whether a META key can never hold a request header: request headers are upper case, `-` turned into
 * `_`, behind `HTTP_`. Other upper-case keys are the server's own variables (uWSGI's and mod_wsgi's
 * `HTTPS`, `wsgi.url_scheme`), which a proxy may legitimately set through the server.
 */
function neverMatches(header: string): boolean {
  if (header.includes('-') || (/^http_/i.test(header) && header !== header.toUpperCase())) return true;
  return !header.startsWith('HTTP_') && (/^x_/i.test(header) || /forwarded/i.test(header));
}

/** Why Django cannot use this SECURE_PROXY_SSL_HEADER value, or undefined when it is well-formed or undecided. */
export function proxySslHeaderProblem(value: PyValue): ProxySslHeaderProblem | undefined {
  if (value.kind === 'none' || value.kind === 'unknown') return undefined;
  if ((value.kind !== 'tuple' && value.kind !== 'list') || value.items.length !== 2) {
    return {
      problem: 'is not a pair: Django raises ImproperlyConfigured on every request that reads request.scheme or is_secure()',
      severity: 'high',
      about: 'not a pair',
    };
  }
  const [header, expected] = value.items as [PyValue, PyValue];
  if (header.kind === 'unknown' || expected.kind === 'unknown') return undefined;
  if (header.kind !== 'str' || expected.kind !== 'str') {
    return { problem: 'must hold two strings, the META key and the value that means HTTPS', severity: 'high', about: 'not strings' };
  }
  if (neverMatches(header.value)) {
    return {
      problem:
        `names ${pyRepr(header)}, but Django looks it up in request.META, where the header is '${metaKey(header.value)}': ` +
        'it never matches, so every request behind the proxy looks like plain HTTP',
      severity: 'high',
      about: 'header name',
    };
  }
  if (SCHEME_HEADER.test(header.value.toUpperCase()) && expected.value !== 'https') {
    if (expected.value.toLowerCase() === 'http') {
      return {
        problem:
          `takes ${pyRepr(expected)} for secure: a request that reached the proxy over plain HTTP counts as HTTPS ` +
          '(secure cookies, no SSL redirect), and every HTTPS request counts as HTTP',
        severity: 'high',
        about: 'secure value',
      };
    }
    return {
      problem: `compares the header with ${pyRepr(expected)}, but proxies send 'https' (Django compares exactly): no request ever counts as HTTPS`,
      severity: 'medium',
      about: 'secure value',
    };
  }
  return undefined;
}
