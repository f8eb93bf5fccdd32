/**
 * Shapes of values that sit under secret-sounding names without being secrets: format strings,
 * UUIDs, password hashes, regexes, paths, addresses, rate limits, enum constants. The name-based tiers only
 * report values that look like credentials.
 */
import { shannonEntropy } from './entropy.js';

/** `%s`, `%d`, `%(name)s`, `{}`, `{name}`, `{0}`, `{obj.attr}`: a template filled in at run time. */
const FORMAT_PLACEHOLDER = /%[sd]|%\(\w+\)[sdr]|\{[\w.[\]:!]*\}/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Names that say the value is a secret even when it is a UUID (Heroku API keys, some webhook secrets are UUIDs). */
const SAYS_SECRET = /SECRET|TOKEN|PASSWORD|PASSWD|API_?KEY/i;
/**
 * A stored password hash, never the password: Django's `algorithm$…$…` (pbkdf2_sha256, argon2, bcrypt_sha256,
 * scrypt, sha1, md5, …) and the crypt(3)/PHC strings (`$2b$12$…` bcrypt, `$argon2id$…`, `$6$…` sha512-crypt).
 */
const PASSWORD_HASH =
  /^(?:pbkdf2_sha256|pbkdf2_sha1|argon2|bcrypt|bcrypt_sha256|scrypt|sha1|md5|crypt|unsalted_md5|unsalted_sha1)\$|^[a-z][a-z0-9_]{2,}\$[^$\s]+\$|^\$(?:2[abxy]?|1|5|6|7|y|gy|argon2(?:id|i|d)|pbkdf2(?:-sha\d+)?|scrypt)\$[^$\s]*\$/;
/** Subresource-integrity hashes (`sha512-…` in lock files and `<script integrity>`). */
const INTEGRITY = /^sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}$/;
/** A data URI, or base64 that starts with an image's magic bytes (PNG, JPEG, GIF, SVG, WebP): embedded files. */
const EMBEDDED_FILE = /^data:[\w.+-]+\/[\w.+-]+[;,]|^(?:iVBORw0KGgo|\/9j\/|R0lGOD|PHN2Zy|PD94bWwg|UklGR)/;
/** Lowercase words and numbers joined by `-` or `_` (`word-2016-word`, `eu_west_1_assets`): slugs and registry names. */
const SLUG = /^[a-z]+(?:[-_](?:[a-z]+|\d+))+$|^\d+(?:[-_](?:[a-z]+|\d+))*[-_][a-z]+$/;
/** Regex syntax Django's key alphabet never contains: escapes, classes, groups with `?`, `.*`, `{n,m}`. */
const REGEX = /\\[dwsbDWSBx.]|\[[^\]]+\]|\(\?[:=!<P]|\.[*+?]|\{\d+(?:,\d*)?\}|^\^.*\$$/;
/**
 * An XML/ElementTree qualified name in Clark notation, `{namespace-uri}local` (`{http://…}lang`), or a
 * namespace URN: identifiers that lxml and ElementTree key dictionaries with.
 */
const QUALIFIED_NAME = /^\{[a-z][a-z0-9+.-]*:[^{}\s]*\}[A-Za-z_][\w.-]*$|^urn:[a-z0-9][a-z0-9-]{0,31}:[\w().+,%:=@;$!*'/-]+$/i;
const URL_PATH = /^\/[\w\-./{}:%<>]*$/;
/** `files/report.png`, `static/js/app.js`: a relative file path. */
const FILE_PATH = /^[\w.-]+(?:\/[\w.-]+)+\.[A-Za-z0-9]{1,5}$/;
const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
/** Rate limits as django-ratelimit, allauth and DRF write them: `5/m`, `5/m/user`, `20/m/ip,5/m/key`, `100/day`. */
const RATE = String.raw`\d+/\d*(?:s|sec|second|m|min|minute|h|hour|d|day)(?:/[a-z_]{1,16})?`;
const RATE_LIMIT = new RegExp(`^${RATE}(?:\\s*,\\s*${RATE})*$`, 'i');
/** Letters of any script and separators only: words (`sumo:wiki:full-rebuild`, `Contraseña`), unless random-looking. */
const WORDS_ONLY = /^[\p{L}\p{M}_.:\-/ ]+$/u;
/** Django's get_random_secret_key() alphabet. */
const DJANGO_KEY = /^[a-z0-9!@#$%^&*(\-_=+)]{40,100}$/;

/** Characters in runs of 4+ consecutive code points (`abcd`, `6789`, `JKLMN`). */
function charactersInRuns(value: string): number {
  let covered = 0;
  let run = 1;
  for (let i = 1; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) === value.charCodeAt(i - 1) + 1) {
      run++;
      continue;
    }
    if (run >= 4) covered += run;
    run = 1;
  }
  return covered;
}

/**
 * An alphabet written out: runs of sorted character ranges (`abcdefghijklmnopqrstuvwxyz0123456789`,
 * `ABCDEFGHJKLMNPQRSTUVWXYZ23456789`, Django's key alphabet with its symbols), what a generator draws from.
 */
export function isCharacterSet(value: string): boolean {
  return value.length >= 10 && charactersInRuns(value) >= value.length * 0.7;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Mixed-case letters with upper-case letters next to each other or one letter apart (`hGkqPZLmWtrBnXa`),
 * which CamelCase words (`getUserPasswordHash`) do not have.
 */
function randomLetters(value: string): boolean {
  if (value.length < 16) return false;
  const flips = value.match(/[a-z][A-Z]/g)?.length ?? 0;
  const closeCapitals = value.match(/[A-Z][a-z]?(?=[A-Z])/g)?.length ?? 0;
  return flips >= 3 && closeCapitals >= 3;
}

/**
 * A Django secret key by its shape: 40+ characters of the alphabet get_random_secret_key() draws
 * from, mixing letters, digits and symbols, as random as a draw from it (hyphenated words are not).
 */
export function hasDjangoKeyShape(value: string): boolean {
  return DJANGO_KEY.test(value) && /[a-z]/.test(value) && /\d/.test(value) && /[^a-z0-9]/.test(value) && shannonEntropy(value) >= 4 && !isCharacterSet(value);
}

/** Whether a value assigned to `name` is data of another kind than a credential. */
export function isNonSecretShape(value: string, name: string): boolean {
  if (hasDjangoKeyShape(value)) return false;
  if (FORMAT_PLACEHOLDER.test(value) || PASSWORD_HASH.test(value) || REGEX.test(value)) return true;
  if (UUID.test(value) && !SAYS_SECRET.test(name)) return true;
  if (QUALIFIED_NAME.test(value) || URL_PATH.test(value) || FILE_PATH.test(value) || HEX_ADDRESS.test(value) || RATE_LIMIT.test(value)) return true;
  if (INTEGRITY.test(value) || EMBEDDED_FILE.test(value) || SLUG.test(value) || isCharacterSet(value)) return true;
  // Enum constants: INVALID_PASSWORD = "invalid_password", PasswordReset = "password-reset".
  const bare = normalise(value);
  if (bare !== '' && (bare === normalise(name) || (bare.length >= 8 && normalise(name).includes(bare)))) return true;
  return WORDS_ONLY.test(value) && !randomLetters(value);
}
