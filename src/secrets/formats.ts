import { isPlaceholder } from './placeholders.js';

/** A credential format a provider defines, recognisable without context. */
export interface KnownFormat {
  id: string;
  label: string;
  /** Global regex; capture group 1 (or the whole match) is the secret. */
  pattern: RegExp;
  /** A cheap test the whole text must pass before the pattern runs. */
  hint?: RegExp;
  /** Extra checks on the captured secret and the surrounding text. */
  accept?(secret: string, text: string, index: number): boolean;
}

const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/;
const PEM_BODY_MIN = 64;

/** Lines [index - before, index + after] of `text` around a character offset. */
function around(text: string, index: number, lines: number): string {
  let start = index;
  for (let n = 0; n <= lines && start > 0; n++) start = text.lastIndexOf('\n', start - 1);
  let end = index;
  for (let n = 0; n <= lines && end !== -1 && end < text.length; n++) end = text.indexOf('\n', end + 1);
  return text.slice(Math.max(0, start), end === -1 ? text.length : end);
}

/** Order matters: a match that overlaps an earlier format's match is dropped (a service-account key is not also a bare PEM key). */
export const KNOWN_FORMATS: readonly KnownFormat[] = [
  {
    id: 'gcp-service-account',
    label: 'Google Cloud service-account private key',
    hint: /service_account/,
    pattern: /"private_key"\s*:\s*"(-----BEGIN (?:RSA )?PRIVATE KEY-----[^"]{64,}?-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)"/g,
    accept: (_secret, text) => /"type"\s*:\s*"service_account"/.test(text),
  },
  {
    id: 'private-key',
    label: 'PEM private key',
    pattern: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----([\s\S]{1,16384}?)-----END \1-----/g,
    accept: (secret) => secret.replace(/\\n|[^A-Za-z0-9+/=]/g, '').length >= PEM_BODY_MIN,
  },
  {
    id: 'aws-secret-access-key',
    label: 'AWS secret access key',
    // 40 base64 characters within a few lines of an access key id (or under an aws_secret name).
    hint: /AKIA|ASIA|aws_?secret/i,
    pattern: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    accept: (secret, text, index) =>
      /[0-9]/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret) &&
      (AWS_KEY_ID.test(around(text, index, 4)) || /aws_?secret/i.test(around(text, index, 0))),
  },
  { id: 'stripe-live-key', label: 'Stripe live secret key', pattern: /\b((?:sk|rk)_live_[0-9A-Za-z]{24,99})\b/g },
  { id: 'github-token', label: 'GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})\b/g },
  { id: 'gitlab-token', label: 'GitLab token', pattern: /\b(gl(?:pat|dt|ptt|rt|cbt|oas)-[0-9A-Za-z_-]{20,64})(?![0-9A-Za-z_-])/g },
  { id: 'slack-token', label: 'Slack token', pattern: /\b(xox[abposr]-[0-9A-Za-z-]{10,250})\b/g },
  {
    id: 'slack-webhook',
    label: 'Slack incoming webhook URL',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/(T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g,
  },
  { id: 'sendgrid-key', label: 'SendGrid API key', pattern: /\b(SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?![0-9A-Za-z_-])/g },
  { id: 'twilio-api-key', label: 'Twilio API key', pattern: /\b(SK[0-9a-f]{32})\b/g },
  {
    id: 'django-insecure-key',
    label: 'Django secret key',
    pattern: /(django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{40,})/g,
  },
  {
    id: 'url-password',
    label: 'password in a connection URL',
    pattern: /\b(?:postgres(?:ql)?|postgis|mysql|mysql2|mariadb|oracle|mssql|redis|rediss|amqps?|mongodb(?:\+srv)?|smtps?|ftp|sftp|ldaps?|https?):\/\/[^\s:/@'"`]{1,64}:([^\s@/'"`]{1,128})@[\w.-]/g,
    accept: (secret) => secret.length >= 6,
  },
];

export interface KnownMatch {
  format: KnownFormat;
  secret: string;
  /** Offset of the secret in the text. */
  index: number;
}

/** Every known-format credential in `text`, placeholders left out. */
export function findKnownSecrets(text: string): KnownMatch[] {
  const matches: KnownMatch[] = [];
  const taken: [number, number][] = [];
  for (const format of KNOWN_FORMATS) {
    if (format.hint && !format.hint.test(text)) continue;
    for (const match of text.matchAll(format.pattern)) {
      const secret = format.id === 'private-key' ? match[0] : (match[1] ?? match[0]);
      const index = match.index + match[0].indexOf(secret);
      if (taken.some(([start, end]) => index < end && index + secret.length > start)) continue;
      if (format.id !== 'private-key' && format.id !== 'gcp-service-account' && isPlaceholder(secret)) continue;
      if (format.accept && !format.accept(format.id === 'private-key' ? (match[2] ?? '') : secret, text, index)) continue;
      taken.push([index, index + secret.length]);
      matches.push({ format, secret, index });
    }
  }
  return matches.sort((a, b) => a.index - b.index);
}
