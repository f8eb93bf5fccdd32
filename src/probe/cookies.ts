/** Set-Cookie parsing, enough to judge the attributes (RFC 6265 §5.2, lenient like browsers). */
import type { Cookie } from './types.js';

/** One Set-Cookie header value → a Cookie, or undefined when it has no name=value pair. */
export function parseSetCookie(header: string, setBy: string): Cookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  const equals = pair.indexOf('=');
  if (equals <= 0) return undefined;
  const name = pair.slice(0, equals).trim();
  if (!name) return undefined;
  const cookie: Cookie = { name, valueLength: pair.slice(equals + 1).trim().length, secure: false, httpOnly: false, setBy };
  for (const attribute of attributes) {
    const index = attribute.indexOf('=');
    const key = (index === -1 ? attribute : attribute.slice(0, index)).trim().toLowerCase();
    const value = index === -1 ? '' : attribute.slice(index + 1).trim();
    if (key === 'secure') cookie.secure = true;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'samesite') cookie.sameSite = value;
    else if (key === 'path') cookie.path = value;
    else if (key === 'domain') cookie.domain = value;
    else if (key === 'expires') cookie.expires = value;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) cookie.maxAge = Number(value);
  }
  return cookie;
}
