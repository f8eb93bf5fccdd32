import { isPlaceholder } from './placeholders.js';

/** A credential format a provider defines, recognisable without context. */
export interface KnownFormat {
  id: string;
  label: string;
  /**
   * A live credential of a provider (Stripe, AWS, GitHub, …): still a leak in a test or CI file.
   * False for formats that are routinely throwaway there (PEM keys, URL passwords, Django keys).
   */
  provider: boolean;
  /** Regex source of a literal the text must contain for the format to be possible; all anchors run as one prefilter pass. */
  anchor: string;
  /** Global regex; capture group 1 (or the whole match) is the secret. */
  pattern: RegExp;
  /** Where in the text the pattern can match, when that is a small part of it (default: everywhere). */
  regions?(text: string): [number, number][];
  /** Extra checks on the captured secret, the match and the surrounding text. */
  accept?(secret: string, text: string, index: number, match: RegExpExecArray): boolean;
}

const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/;
const AWS_SECRET_NAME = /aws_?secret/i;
const PEM_BODY_MIN = 64;
/** Hosts of a development database: loopback, or a bare compose service name (`db`, `postgres`). */
const LOCAL_HOST = /^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1\]|host\.docker\.internal|[\w-]+)$|\.local$/i;

/**
 * `postgres://app:app@localhost/app`, `postgres://app_ro:app@db/app`: on a development host, a password that
 * repeats the user or database name is a default, not a secret.
 */
function isLocalDefault(password: string, match: RegExpExecArray): boolean {
  if (!LOCAL_HOST.test(match[3]!)) return false;
  const lower = password.toLowerCase();
  const user = match[1]!.toLowerCase();
  return lower === user || user.includes(lower) || lower === match[4]?.toLowerCase();
}

/** Offsets of lines [index - lines, index + lines] of `text` around a character offset. */
function aroundRange(text: string, index: number, lines: number): [number, number] {
  let start = index;
  for (let n = 0; n <= lines && start > 0; n++) start = text.lastIndexOf('\n', start - 1);
  let end = index;
  for (let n = 0; n <= lines && end !== -1 && end < text.length; n++) end = text.indexOf('\n', end + 1);
  return [Math.max(0, start), end === -1 ? text.length : end];
}

function around(text: string, index: number, lines: number): string {
  return text.slice(...aroundRange(text, index, lines));
}

/** From a few characters before each `://` (the scheme) to the end of its line. */
function urlRegions(text: string): [number, number][] {
  const regions: [number, number][] = [];
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
    const lineStart = text.lastIndexOf('\n', at) + 1;
    const lineEnd = text.indexOf('\n', at);
    const region: [number, number] = [Math.max(lineStart, at - 16), lineEnd === -1 ? text.length : lineEnd];
    const last = regions[regions.length - 1];
    if (last && region[0] <= last[1]) last[1] = Math.max(last[1], region[1]);
    else regions.push(region);
  }
  return regions;
}

const AWS_ANCHORS = /AKIA|ASIA|(aws_?secret)/gi;

/** A few lines around each access key id, and the lines naming an AWS secret. */
function awsRegions(text: string): [number, number][] {
  const regions: [number, number][] = [];
  AWS_ANCHORS.lastIndex = 0;
  for (let match = AWS_ANCHORS.exec(text); match; match = AWS_ANCHORS.exec(text)) {
    const region = aroundRange(text, match.index, match[1] ? 0 : 4);
    const last = regions[regions.length - 1];
    if (last && region[0] <= last[1]) last[1] = Math.max(last[1], region[1]);
    else regions.push(region);
  }
  return regions;
}

/** Order matters: a match that overlaps an earlier format's match is dropped (a service-account key is not also a bare PEM key). */
export const KNOWN_FORMATS: readonly KnownFormat[] = [
  {
    id: 'gcp-service-account',
    label: 'Google Cloud service-account private key',
    provider: true,
    anchor: '"private_key"',
    pattern: /"private_key"\s*:\s*"(-----BEGIN (?:RSA )?PRIVATE KEY-----[^"]{64,}?-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)"/g,
    accept: (_secret, text) => /"type"\s*:\s*"service_account"/.test(text),
  },
  {
    id: 'private-key',
    label: 'PEM private key',
    provider: false,
    anchor: '-----BEGIN ',
    pattern: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----([\s\S]{1,16384}?)-----END \1-----/g,
    accept: (_secret, _text, _index, match) => match[2]!.replace(/\\n|[^A-Za-z0-9+/=]/g, '').length >= PEM_BODY_MIN,
  },
  {
    id: 'aws-secret-access-key',
    label: 'AWS secret access key',
    provider: true,
    // 40 base64 characters within a few lines of an access key id (or under an aws_secret name).
    anchor: 'AKIA|ASIA|[aA][wW][sS]_?[sS][eE][cC][rR][eE][tT]',
    pattern: /(?<![A-Za-z0-9/+])([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/g,
    regions: awsRegions,
    accept: (secret, text, index) =>
      /[0-9]/.test(secret) && /[A-Z]/.test(secret) && /[a-z]/.test(secret) &&
      (AWS_KEY_ID.test(around(text, index, 4)) || AWS_SECRET_NAME.test(around(text, index, 0))),
  },
  // Before Stripe: Paystack's live secret keys share the `sk_live_` prefix but are 40 lower-case hex digits.
  { id: 'paystack-live-key', label: 'Paystack live secret key', provider: true, anchor: 'sk_live_', pattern: /\b(sk_live_[0-9a-f]{40})\b/g },
  { id: 'stripe-live-key', label: 'Stripe live secret key', provider: true, anchor: '[sr]k_live_', pattern: /\b((?:sk|rk)_live_[0-9A-Za-z]{24,99})\b/g },
  { id: 'stripe-webhook-secret', label: 'Stripe webhook signing secret', provider: true, anchor: 'whsec_', pattern: /\b(whsec_[A-Za-z0-9+/]{32,64})(?![A-Za-z0-9+/])/g },
  { id: 'github-token', label: 'GitHub token', provider: true, anchor: 'gh[pousr]_|github_pat_', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})\b/g },
  { id: 'gitlab-token', label: 'GitLab token', provider: true, anchor: 'gl(?:pat|dt|ptt|rt|cbt|oas)-', pattern: /\b(gl(?:pat|dt|ptt|rt|cbt|oas)-[0-9A-Za-z_-]{20,64})(?![0-9A-Za-z_-])/g },
  { id: 'slack-token', label: 'Slack token', provider: true, anchor: 'xox[abposr]-', pattern: /\b(xox[abposr]-[0-9A-Za-z-]{10,250})\b/g },
  {
    id: 'slack-webhook',
    label: 'Slack incoming webhook URL',
    provider: true,
    anchor: 'hooks\\.slack\\.com',
    pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/(T[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[A-Za-z0-9]{20,})/g,
  },
  { id: 'sendgrid-key', label: 'SendGrid API key', provider: true, anchor: 'SG\\.', pattern: /\b(SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?![0-9A-Za-z_-])/g },
  { id: 'twilio-api-key', label: 'Twilio API key', provider: true, anchor: 'SK[0-9a-f]{32}', pattern: /\b(SK[0-9a-f]{32})\b/g },
  { id: 'google-api-key', label: 'Google API key', provider: true, anchor: 'AIza', pattern: /\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g },
  {
    id: 'openai-api-key',
    label: 'OpenAI API key',
    provider: true,
    anchor: 'sk-',
    pattern: /(?<![\w-])(sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}|sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})(?![\w-])/g,
  },
  { id: 'anthropic-api-key', label: 'Anthropic API key', provider: true, anchor: 'sk-', pattern: /\b(sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,120})(?![\w-])/g },
  { id: 'mailgun-api-key', label: 'Mailgun API key', provider: true, anchor: 'key-', pattern: /(?<![\w-])(key-[0-9a-f]{32})\b/g },
  { id: 'npm-token', label: 'npm access token', provider: true, anchor: 'npm_', pattern: /\b(npm_[A-Za-z0-9]{36})\b/g },
  { id: 'pypi-token', label: 'PyPI API token', provider: true, anchor: 'pypi-', pattern: /\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})/g },
  {
    id: 'azure-storage-key',
    label: 'Azure storage account key',
    provider: true,
    anchor: 'AccountKey=',
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
  },
  {
    id: 'django-insecure-key',
    label: 'Django secret key',
    provider: false,
    anchor: 'django-insecure-',
    pattern: /(django-insecure-[a-z0-9!@#$%^&*(\-_=+)]{40,})/g,
  },
  {
    id: 'url-password',
    label: 'password in a connection URL',
    provider: false,
    anchor: ':\\/\\/',
    pattern:
      /\b(?:postgres(?:ql)?|postgis|mysql|mysql2|mariadb|oracle|mssql|redis|rediss|amqps?|mongodb(?:\+srv)?|smtps?|ftp|sftp|ldaps?|https?):\/\/([^\s:/@'"`]{1,64}):([^\s@/'"`]{1,128})@([\w.-]+|\[[\d:]+\])(?::\d+)?(?:\/([\w.-]*))?/dg,
    regions: urlRegions,
    accept: (secret, _text, _index, match) => secret.length >= 6 && !isLocalDefault(secret, match),
  },
];

/** Whether a detector id is a live provider credential's format (a leak wherever it is committed). */
export function isProviderFormat(detector: string): boolean {
  return KNOWN_FORMATS.some((format) => format.id === detector && format.provider);
}

/** Which format an anchor literal belongs to. */
const ANCHOR_OF = KNOWN_FORMATS.map((format) => new RegExp(`^(?:${format.anchor})`));
/** One pass over the text finds every anchor: formats whose anchor is absent never run. */
const ANCHORS = new RegExp(KNOWN_FORMATS.map((format) => format.anchor).join('|'), 'g');

/** Indexes into KNOWN_FORMATS of the formats whose anchor occurs in `text`. */
function presentFormats(text: string): Set<number> {
  const present = new Set<number>();
  const seen = new Set<string>();
  ANCHORS.lastIndex = 0;
  for (let match = ANCHORS.exec(text); match; match = ANCHORS.exec(text)) {
    const literal = match[0];
    if (seen.has(literal)) continue;
    seen.add(literal);
    ANCHOR_OF.forEach((anchor, index) => {
      if (anchor.test(literal)) present.add(index);
    });
    if (present.size === KNOWN_FORMATS.length) break;
  }
  return present;
}

export interface KnownMatch {
  format: KnownFormat;
  secret: string;
  /** Offset of the secret in the text. */
  index: number;
}

/** Whether [from, to) overlaps one of `taken`: disjoint ranges sorted by start (so by end too). */
function overlapsTaken(taken: readonly [number, number][], from: number, to: number): boolean {
  // The first range that ends after `from` is the only one that can overlap.
  let low = 0;
  let high = taken.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (taken[mid]![1] <= from) low = mid + 1;
    else high = mid;
  }
  return low < taken.length && taken[low]![0] < to;
}

/** Two lists of disjoint ranges sorted by start, merged into one. */
function mergeRanges(a: readonly [number, number][], b: readonly [number, number][]): [number, number][] {
  const merged: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) merged.push(j >= b.length || (i < a.length && a[i]![0] <= b[j]![0]) ? a[i++]! : b[j++]!);
  return merged;
}

/**
 * Every known-format credential in `text`, placeholders left out. A match overlapping one of an
 * earlier format is dropped; one format's matches come in text order and never overlap each
 * other, so each is checked by binary search against the earlier formats' ranges: n log n overall.
 */
export function findKnownSecrets(text: string): KnownMatch[] {
  const present = presentFormats(text);
  if (present.size === 0) return [];
  const matches: KnownMatch[] = [];
  let taken: [number, number][] = [];
  for (const [position, format] of KNOWN_FORMATS.entries()) {
    if (!present.has(position)) continue;
    const pattern = format.pattern;
    const whole = format.id === 'private-key';
    const group = format.id === 'url-password' ? 2 : 1;
    const found: [number, number][] = [];
    // A region is searched as its own string, so a miss never scans on past its end.
    for (const [start, end] of format.regions?.(text) ?? [[0, text.length] as [number, number]]) {
      const part = start === 0 && end === text.length ? text : text.slice(start, end);
      pattern.lastIndex = 0;
      for (let match = pattern.exec(part); match; match = pattern.exec(part)) {
        const secret = whole ? match[0] : (match[group] ?? match[0]);
        const index = start + (match.indices ? match.indices[group]![0] : match.index + match[0].indexOf(secret));
        if (overlapsTaken(taken, index, index + secret.length)) continue;
        if (!whole && format.id !== 'gcp-service-account' && isPlaceholder(secret)) continue;
        if (format.accept && !format.accept(secret, text, index, match)) continue;
        found.push([index, index + secret.length]);
        matches.push({ format, secret, index });
      }
    }
    if (found.length > 0) taken = mergeRanges(taken, found);
  }
  return matches.sort((a, b) => a.index - b.index);
}
