/**
 * Command text for a report: a deploy command may carry credentials inline
 * (`--env DATABASE_URL=postgres://admin:pw@db/app`, `API_TOKEN=… gunicorn …`), and every place a
 * command reaches an output goes through here.
 */
import { maskSecret } from '../core/mask.js';
import { isPasswordName, isSecretName } from '../secrets/names.js';

/** `NAME=value`, the value quoted or up to the next blank or shell operator. */
const ASSIGNMENT = /(^|[\s"'[,(])([A-Za-z_][\w.-]*)=("[^"]*"|'[^']*'|[^\s"';&|)\]]*)/g;
/** The password of a URL's userinfo (`scheme://user:password@`). */
const URL_PASSWORD = /([a-z][\w+.-]*:\/\/[^\s:/@"']*:)([^\s/@"']+)(?=@)/gi;
/** A URL with userinfo anywhere in a value. */
const HAS_USERINFO = /:\/\/[^\s/]*@/;

function unquote(value: string): { quote: string; inner: string } {
  const quote = /^["']/.test(value) && value.endsWith(value[0]!) && value.length >= 2 ? value[0]! : '';
  return { quote, inner: quote ? value.slice(1, -1) : value };
}

/** The command with every secret-named or credential-URL assignment's value, and every URL password, masked. */
export function redactCommand(text: string): string {
  const assigned = text.replace(ASSIGNMENT, (whole, before: string, name: string, value: string) => {
    const { quote, inner } = unquote(value);
    if (inner === '' || inner.startsWith('$')) return whole;
    if (!isSecretName(name) && !isPasswordName(name) && !HAS_USERINFO.test(inner)) return whole;
    return `${before}${name}=${quote}${maskSecret(inner)}${quote}`;
  });
  return assigned.replace(URL_PASSWORD, (_whole, head: string, password: string) => `${head}${maskSecret(password)}`);
}
