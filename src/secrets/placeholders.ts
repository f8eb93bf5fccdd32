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

/** Whether `value` is a stand-in (docs, template, test) rather than a real secret. */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim();
  if (trimmed === '') return true;
  const lower = trimmed.toLowerCase();
  if (PLACEHOLDER_WORDS.includes(lower)) return true;
  if (PLACEHOLDER_MARKERS.some((marker) => lower.includes(marker))) return true;
  if (TEMPLATE_SYNTAX.some((pattern) => pattern.test(trimmed))) return true;
  // Stripe test-mode and publishable keys are meant for docs and tests.
  if (/^(?:sk|rk)_test_|^pk_(?:live|test)_/.test(trimmed)) return true;
  // x-ed out or starred values: `sk_live_xxxxxxxx`, `AKIA****************`.
  if (/(?:x{4,}|X{4,}|\*{3,}|0{8,})/.test(trimmed)) return true;
  return isTrivialSequence(trimmed);
}
