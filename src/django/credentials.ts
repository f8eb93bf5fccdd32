/**
 * Credentials the evaluated production settings hold and the repository itself supplies: a literal
 * in the settings code, or the value of a variable a committed deploy file sets (app.yaml
 * env_variables, a Dockerfile ENV, a compose `environment:`), rather than the platform's secret store.
 */
import type { FileLocation } from '../core/location.js';
import { isCredentialValue } from '../env/committed-credentials.js';
import type { Settings } from '../python/types.js';
import type { PyValue } from '../python/value.js';
import { confidenceOf, dictGet } from '../python/value.js';
import { isEnvFile } from '../secrets/files.js';
import { isDjangoSecretKeyName, isPasswordName, isSecretName } from '../secrets/names.js';
import { isPlaceholder } from '../secrets/placeholders.js';
import { isNonSecretShape } from '../secrets/value-shape.js';

export interface SuppliedCredential {
  /** The setting, e.g. `EMAIL_HOST_PASSWORD` or `DATABASES['default']['PASSWORD']`. */
  setting: string;
  /** The credential itself: for masking and comparison only, never printed. */
  secret: string;
  /** Where the repository writes it: the literal, or the deploy file line that sets the variable. */
  location: FileLocation;
  /** The variable it comes through, when a deploy file sets it. */
  variable?: string;
  /** A default or stand-in word (`postgres`, `@db_password@`) that still works as the credential. */
  weak: boolean;
  /** True when the literal is the code's fallback for a variable the environment leaves unset. */
  fallback: boolean;
}

/** Top-level credential settings (`EMAIL_HOST_PASSWORD`, `AWS_SECRET_ACCESS_KEY`, …) and each database's PASSWORD. */
function credentialValues(settings: Settings): { setting: string; value: PyValue }[] {
  const found: { setting: string; value: PyValue }[] = [];
  for (const [name, value] of settings.values) {
    // The key and its fallbacks have rules of their own (secret-key-committed, secret-key-fallbacks-weak).
    if (isDjangoSecretKeyName(name) || name === 'SECRET_KEY_FALLBACKS' || !isSecretName(name)) continue;
    found.push({ setting: name, value });
  }
  const databases = settings.values.get('DATABASES');
  if (databases?.kind === 'dict') {
    for (const { key, value } of databases.entries) {
      const password = dictGet(value, 'PASSWORD');
      if (key.kind === 'str' && password) found.push({ setting: `DATABASES['${key.value}']['PASSWORD']`, value: password });
    }
  }
  return found;
}

/**
 * Where the repository supplies a str value: its own location when the code writes it (no variable read,
 * or a fallback), the deploy file line when a committed deploy file sets the one variable it reads.
 * Undefined for values from the platform, `--set`, or an env file (env/file-committed judges those).
 */
function suppliedAt(value: PyValue): { location: FileLocation; variable?: string; fallback: boolean } | undefined {
  const reads = value.env ?? [];
  if (!reads.length) return value.loc ? { location: value.loc, fallback: false } : undefined;
  if (confidenceOf(value) === 'default') return value.loc ? { location: value.loc, fallback: true } : undefined;
  if (reads.length !== 1) return undefined;
  const source = reads[0]!.source;
  if (!source || !('file' in source) || isEnvFile(source.file)) return undefined;
  return { location: source, variable: reads[0]!.name, fallback: false };
}

/**
 * Whether a value is a credential for its setting. Passwords may be words (a mail app password is
 * four groups of letters); other names (`*_KEY`, `*_TOKEN`) also hold cache keys, dotted class paths
 * and UUIDs, which the secret scanner's shape test rules out.
 */
function isCredentialFor(setting: string, value: string): boolean {
  if (!isCredentialValue(value)) return false;
  return isPasswordName(setting) || setting.startsWith('DATABASES[') || !isNonSecretShape(value, setting);
}

export function suppliedCredentials(settings: Settings): SuppliedCredential[] {
  const out: SuppliedCredential[] = [];
  for (const { setting, value } of credentialValues(settings)) {
    if (value.kind !== 'str' || !isCredentialFor(setting, value.value)) continue;
    const at = suppliedAt(value);
    if (!at) continue;
    const weak = isPlaceholder(value.value);
    // A stand-in word in the settings code (EMAIL_HOST_PASSWORD = 'password') is a template's dummy; one a deploy
    // file sets is what production runs, and a database's default password opens the database.
    if (weak && !at.variable && !setting.startsWith('DATABASES[')) continue;
    out.push({ setting, secret: value.value, weak, ...at });
  }
  return out;
}
