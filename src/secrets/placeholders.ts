/**
 * Values that stand in for a secret in docs, templates and tests. Kept visible (and exported for
 * `deploycheck rules` docs and tests) so a user can see why a value was not reported.
 * `django-insecure-…` is deliberately absent: it is a real (if development) key.
 */
export const PLACEHOLDER_WORDS: readonly string[] = [
  'changeme', 'change-me', 'change_me', 'changethis', 'change-this', 'changeit', 'secret', 'password', 'passwd',
  'pass', 'token', 'apikey', 'api-key', 'api_key', 'key', 'test', 'testing', 'dev', 'development', 'local',
  'example', 'sample', 'dummy', 'placeholder', 'todo', 'tbd', 'none', 'null', 'nil', 'undefined', 'true', 'false',
  'empty', 'default', 'admin', 'root', 'postgres', 'mysql', 'redis', 'guest', 'user', 'username', 'letmein',
  'qwerty', 'foo', 'bar', 'foobar', 'baz', 'abc', 'abc123', 'hunter2', 'redacted', 'hidden', 'notset', 'not-set',
  'unset', 'insecure', 'keyboard cat',
];

/** Substrings that mark a value as a stand-in wherever they appear (case-insensitive). */
export const PLACEHOLDER_MARKERS: readonly string[] = [
  'example', 'changeme', 'change_me', 'change-me', 'change-this', 'change_this', 'placeholder', 'replace', 'your-',
  'your_', 'yoursecret', 'yourkey', 'your secret', 'dummy', 'redacted', 'xxxx', 'sample', 'notreal', 'not-real',
  'not_real', 'not-a-real', 'insert-', 'insert_', 'put-your', 'put_your', 'todo', '****', '....', '…',
];

const MARKER = new RegExp(PLACEHOLDER_MARKERS.map((marker) => marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Template syntax: `<…>`, `${VAR}`, `$VAR`, `{{ var }}`, `%VAR%`, `@VAR@`, `[…]`. */
const TEMPLATE_SYNTAX = [
  /^<[^<>]*>$/,
  /<[A-Za-z_][\w -]*>/,
  /\$\{[^}]*\}/,
  /^\$[A-Za-z_]\w*$/,
  /\{\{[^}]*\}\}/,
  /^%[A-Za-z_]\w*%$/,
  /^@[A-Za-z_]\w*@$/,
  /^\[[^\]]*\]$/,
];

/** One character repeated, or a run of an alphabet or the digits (`abcdef`, `123456789`). */
const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', '0123456789abcdef'].map((alphabet) => alphabet + alphabet);

function isTrivialSequence(value: string): boolean {
  if (/^(.)\1*$/s.test(value)) return true;
  const lower = value.toLowerCase();
  return lower.length >= 4 && SEQUENCES.some((sequence) => sequence.includes(lower));
}

/**
 * Words that make up stand-in values when joined (`dev_password_123`, `fixme-postgres-password`,
 * `Dontusethisinproduction`, `Very-secure-secret-string`).
 */
export const STAND_IN_WORDS: readonly string[] = [
  'dev', 'develop', 'development', 'test', 'tests', 'testing', 'local', 'localhost', 'example', 'sample', 'dummy',
  'fake', 'mock', 'demo', 'secret', 'secrets', 'password', 'passwd', 'pass', 'pwd', 'key', 'token', 'changeme',
  'change', 'me', 'fixme', 'todo', 'insecure', 'unsafe', 'not', 'do', 'dont', 'use', 'used', 'this', 'that', 'in',
  'for', 'only', 'production', 'prod', 'very', 'super', 'secure', 'string', 'value', 'my', 'your', 'our', 'the',
  'is', 'it', 'here', 'some', 'app', 'admin', 'postgres', 'postgresql', 'mysql', 'mariadb', 'redis', 'db',
  'database', 'user', 'default', 'placeholder', 'foo', 'bar', 'baz', 'qux', 'hello', 'world', 'django', 'api',
  'auth', 'access', 'private', 'temp', 'tmp', 'ci', 'docker', 'guest', 'root', 'web', 'site', 'project', 'random',
  'long', 'new', 'old', 'wrong', 'invalid', 'valid', 'correct', 'incorrect', 'strong', 'weak', 'good', 'bad',
  'a', 'really', 'but', 'needs', 'need', 'be', 'to', 'enough', 'characters', 'chars', 'one', 'another', 'other',
];
const STAND_IN = new Set(STAND_IN_WORDS);
/** Words that say "this is a password/secret": `<project>_password` is a stand-in, whatever the project. */
const SECRET_NOUNS = new Set(['secret', 'password', 'passwd', 'pass', 'pwd', 'key', 'token']);
const LONGEST_STAND_IN = Math.max(...STAND_IN_WORDS.map((word) => word.length));

/** Whether a run of lowercase letters is stand-in words run together (`testpass`, `dontusethisinproduction`). */
function isStandInRun(run: string): boolean {
  if (STAND_IN.has(run)) return true;
  // reachable[i]: the first i letters split into stand-in words.
  const reachable = new Array<boolean>(run.length + 1).fill(false);
  reachable[0] = true;
  for (let end = 1; end <= run.length; end++) {
    for (let start = Math.max(0, end - LONGEST_STAND_IN); start < end && !reachable[end]; start++) {
      if (reachable[start] && STAND_IN.has(run.slice(start, end))) reachable[end] = true;
    }
  }
  return reachable[run.length]!;
}

/** Many switches between letters and digits or into upper case: generated, not words (a cheap early exit). */
function looksShuffled(value: string): boolean {
  let switches = 0;
  let previous = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const kind = code >= 48 && code <= 57 ? 1 : code >= 97 && code <= 122 ? 2 : code >= 65 && code <= 90 ? 3 : 0;
    if ((kind === 1 && previous >= 2) || (kind >= 2 && previous === 1) || (kind === 3 && previous === 2)) switches++;
    previous = kind;
  }
  return switches > 4;
}

/**
 * Stand-in words with optional digits, split on `_ - . : space` and camel case (`dev_password_123`,
 * `Very-secure-secret-string`); also `<one other word>_password` (`pebbling_password`).
 */
export function isStandInPhrase(value: string): boolean {
  if (value.length > 64 || looksShuffled(value) || !/^[A-Za-z0-9_\-.: ]+$/.test(value) || !/[A-Za-z]{2}/.test(value)) return false;
  const parts = value
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[_\-.:\s]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/)
    .filter((part) => part !== '');
  let others = 0;
  let noun = false;
  for (const part of parts) {
    if (/^\d+$/.test(part)) continue;
    if (isStandInRun(part)) {
      if (SECRET_NOUNS.has(part)) noun = true;
      continue;
    }
    if (!/^[a-z]+$/.test(part)) return false;
    others++;
  }
  return others === 0 || (others === 1 && noun && parts.length >= 2);
}

/** Leetspeak back to letters, final punctuation dropped: `P@ssw0rd!` → `password`, `Test1234!` → `test1234`. */
const LEET: Readonly<Record<string, string>> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '0': 'o', '5': 's', $: 's', '7': 't' };

function unleet(value: string): string {
  const word = value.replace(/[!.?]+$/, '');
  // Digits at the end are a counter (`Test1234`), not letters.
  const [, body = word, digits = ''] = /^(.*?[^\d])(\d*)$/.exec(word) ?? [];
  return body.replace(/[@4310$57]/g, (char) => LEET[char]!) + digits;
}

/** Whether `value` is a stand-in (docs, template, test) rather than a real secret. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_WORDS.includes(lower)) return true;
  if (MARKER.test(lower)) return true;
  if (TEMPLATE_SYNTAX.some((pattern) => pattern.test(trimmed))) return true;
  // Stripe test-mode and publishable keys are meant for docs and tests.
  if (/^(?:sk|rk)_test_|^pk_(?:live|test)_/.test(trimmed)) return true;
  // x-ed out or starred values: `sk_live_xxxxxxxx`, `AKIA****************`.
  if (/(?:x{4,}|X{4,}|\*{3,}|0{8,})/.test(trimmed)) return true;
  if (isTrivialSequence(trimmed) || isStandInPhrase(trimmed)) return true;
  if (trimmed.length > 24 || !/[@4310$57!.?]/.test(trimmed)) return false;
  const plain = unleet(trimmed);
  return PLACEHOLDER_WORDS.includes(plain.toLowerCase()) || isStandInPhrase(plain);
}
