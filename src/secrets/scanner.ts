import { extractAssignments } from './assignments.js';
import type { Assignment } from './assignments.js';
import { lineIndex } from '../workspace/line-index.js';
import type { DotenvEntry } from '../env/dotenv.js';
import { looksRandom } from './entropy.js';
import type { SecretFileKind } from './files.js';
import { secretFileKind } from './files.js';
import { findKnownSecrets } from './formats.js';
import { isDjangoSecretKeyName, isPasswordName, isSecretName } from './names.js';
import { onlyProviderCredentials, pathContext } from './paths.js';
import { isPlaceholder } from './placeholders.js';
import type { SecretHit } from './types.js';
import { hasDjangoKeyShape, isNonSecretShape } from './value-shape.js';

/** Passwords are judged without the entropy bar, but a single word or a short value is a stand-in. */
const CHARACTER_CLASSES = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/];

function looksLikePassword(value: string): boolean {
  if (value.length < 8 || /\s/.test(value)) return false;
  return CHARACTER_CLASSES.filter((pattern) => pattern.test(value)).length >= 2;
}

/** A line this long in JS/TS source means minified code: a bundle, not the project's source. */
const MINIFIED_LINE = 5000;

function isMinified(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    if ((end === -1 ? text.length : end) - start > MINIFIED_LINE) return true;
    if (end === -1) break;
    start = end + 1;
  }
  return false;
}

/**
 * The hit a value assigned to a secret-looking name makes, if any. A SECRET_KEY name is not a
 * format: only a value of the Django key's shape is `known`; other values meet the entropy bar.
 */
function classify(assignment: Assignment): Pick<SecretHit, 'detector' | 'tier' | 'label'> | undefined {
  const { name, value } = assignment;
  // Names first: they rule out most assignments more cheaply than the value checks.
  const djangoKey = isDjangoSecretKeyName(name);
  if ((!djangoKey && !isSecretName(name)) || isPlaceholder(value)) return undefined;
  if (djangoKey && hasDjangoKeyShape(value)) return { detector: 'secret-key-assignment', tier: 'known', label: 'Django secret key' };
  if (isNonSecretShape(value, name)) return undefined;
  if (isPasswordName(name)) {
    return looksLikePassword(value) ? { detector: 'password-assignment', tier: 'entropy', label: 'password' } : undefined;
  }
  return looksRandom(value) ? { detector: 'high-entropy', tier: 'entropy', label: 'random-looking value' } : undefined;
}

/**
 * Every secret in one file: credentials in a known format anywhere in the text, then literal
 * values assigned to secret-looking names (Django keys by name, passwords, random-looking values).
 * `file` is workspace-relative; its name decides the assignment syntax. In tests, fixtures, CI,
 * dev-only and docs files (see paths.ts) only live provider credentials count, marked with the context;
 * in recordings of real traffic every known format does, but no name-based hit.
 * `dotenv` hands over a dotenv file's parse when the caller has one. Never throws.
 */
export function scanText(
  text: string,
  file: string,
  kind: SecretFileKind | undefined = secretFileKind(file),
  dotenv?: () => readonly DotenvEntry[],
): SecretHit[] {
  if (!kind || (kind === 'script' && isMinified(text))) return [];
  const lineAt = lineIndex(text);
  const context = pathContext(file);
  const assignments = extractAssignments(kind, text, lineAt, dotenv);
  const byLine = new Map<number, Assignment[]>();
  for (const assignment of assignments) {
    const onLine = byLine.get(assignment.line);
    if (onLine) onLine.push(assignment);
    else byLine.set(assignment.line, [assignment]);
  }

  const hits: SecretHit[] = [];
  const knownOnLine = new Map<number, string[]>();
  for (const match of findKnownSecrets(text)) {
    if (onlyProviderCredentials(context) && !match.format.provider) continue;
    const { line, column } = lineAt(match.index);
    const name = byLine.get(line)?.find((assignment) => assignment.value.includes(match.secret.slice(0, 24)))?.name;
    const hit: SecretHit = { detector: match.format.id, tier: 'known', label: match.format.label, secret: match.secret, location: { file, line, column } };
    if (name) hit.name = name;
    if (context) hit.context = context;
    hits.push(hit);
    const secretsOnLine = knownOnLine.get(line);
    if (secretsOnLine) secretsOnLine.push(match.secret);
    else knownOnLine.set(line, [match.secret]);
  }
  // Name-based hits in tests, fixtures and CI are test values by convention.
  for (const assignment of context ? [] : assignments) {
    // A value that holds a known-format secret was reported above, more precisely.
    if (knownOnLine.get(assignment.line)?.some((secret) => assignment.value.includes(secret) || secret.includes(assignment.value))) continue;
    const kindOfHit = classify(assignment);
    if (!kindOfHit) continue;
    hits.push({
      detector: kindOfHit.detector,
      tier: kindOfHit.tier,
      label: kindOfHit.label,
      name: assignment.name,
      secret: assignment.value,
      location: { file, line: assignment.line, column: assignment.column },
    });
  }
  return hits.sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

/**
 * Values assigned to password names in `text` that equal one of `confirmed` (credentials found in a
 * known format elsewhere, such as a connection URL's password): a single word is no stand-in when
 * the repository uses it as the real password. Entropy-tier hits, so the known-format finding lists
 * them as further places of the same leak. Not in tests, fixtures, CI or docs files.
 */
export function confirmedPasswords(text: string, file: string, confirmed: ReadonlySet<string>, kind: SecretFileKind | undefined = secretFileKind(file)): SecretHit[] {
  if (!kind || pathContext(file) || ![...confirmed].some((secret) => text.includes(secret))) return [];
  return extractAssignments(kind, text, lineIndex(text))
    .filter((assignment) => confirmed.has(assignment.value) && isPasswordName(assignment.name))
    .map((assignment) => ({
      detector: 'password-assignment',
      tier: 'entropy',
      label: 'password',
      name: assignment.name,
      secret: assignment.value,
      location: { file, line: assignment.line, column: assignment.column },
    }));
}
