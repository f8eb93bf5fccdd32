/**
 * Secrets in Next.js client variables. `next build` inlines every `NEXT_PUBLIC_*` variable, and every key of
 * next.config's `env` block, into the JavaScript it sends to browsers: a secret there is public. A name that
 * says secret (SECRET, PRIVATE, PASSWORD, TOKEN, CREDENTIAL, a service-role key) is the design mistake; a value
 * in a provider's secret format (sk_live_…, a GitHub token) is one whatever its name. Keys meant for browsers
 * (a Mapbox `pk.` token, analytics and tag ids, Sentry DSNs, publishable and anon keys, site keys) are not.
 */
import type { FileLocation } from '../core/location.js';
import { parseEnvFile } from '../env/dotenv.js';
import type { Environment } from '../env/types.js';
import { findKnownSecrets } from '../secrets/formats.js';
import { isPlaceholder } from '../secrets/placeholders.js';
import { lineIndex } from '../workspace/line-index.js';
import type { Workspace } from '../workspace/types.js';
import { inVendoredDir } from '../workspace/vendored.js';

export const NEXT_PUBLIC_PREFIX = 'NEXT_PUBLIC_';

/** Names that say the value is a secret. `_KEY` alone does not: most browser keys (Firebase, Maps) are `*_KEY`. */
const SECRET_WORD = /SECRET|PRIVATE|PASSWORD|PASSWD|PASSPHRASE|TOKEN|CREDENTIAL|SERVICE_?ROLE|SERVICE_?KEY|ADMIN_?KEY|MASTER_?KEY|WRITE_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY/i;
/** Names of keys built to be sent to browsers. */
const PUBLIC_WORD = /PUBLISHABLE|ANON|MAPBOX|ANALYTICS|MEASUREMENT|GTAG|GTM|_GA_|^GA_|SENTRY|DSN|RECAPTCHA|HCAPTCHA|TURNSTILE|SITE_?KEY|CLIENT_?ID|POSTHOG|MIXPANEL|SEGMENT|AMPLITUDE|PLAUSIBLE|HOTJAR|INTERCOM|CRISP|ALGOLIA_SEARCH|SEARCH_?ONLY|CSRF|_URL$|_URI$|_HOST$|_ENDPOINT$|_DOMAIN$|_EXPIR|_LIFETIME|_TTL$|_NAME$/i;
/** Public token formats: Mapbox public tokens. */
const PUBLIC_VALUE = /^pk\./;

export interface PublicSecret {
  /** The variable: `NEXT_PUBLIC_STRIPE_SECRET`, or the next.config `env` key. */
  name: string;
  /** Its value when known. */
  value?: string;
  /** Why it is a secret: the name, or the provider format the value has. */
  because: string;
  /** A provider's credential format matched the value (stronger than the name alone). */
  knownFormat: boolean;
}

/**
 * Whether a variable sent to browsers holds a secret, judged by its name and, when known, its value. A known
 * placeholder or empty value is not one; a provider credential format is one whatever the name.
 */
export function judgePublicVariable(name: string, value: string | undefined): PublicSecret | undefined {
  if (value !== undefined) {
    const known = findKnownSecrets(value).find((match) => match.secret.length >= value.trim().length - 2);
    if (known) return { name, value, because: `its value is a ${known.format.label}`, knownFormat: true };
    if (value.trim() === '' || isPlaceholder(value) || PUBLIC_VALUE.test(value.trim())) return undefined;
  }
  const bare = name.startsWith(NEXT_PUBLIC_PREFIX) ? name.slice(NEXT_PUBLIC_PREFIX.length) : name;
  const word = SECRET_WORD.exec(bare);
  if (!word || PUBLIC_WORD.test(bare)) return undefined;
  return { name, ...(value === undefined ? {} : { value }), because: `its name says ${word[0].toUpperCase()}`, knownFormat: false };
}

export interface PublicVariableSource {
  name: string;
  value?: string;
  location: FileLocation;
  /** `.env.production`, `Dockerfile ENV`, … */
  label: string;
  /** The app's other reads of the variable (nextPublicReads), where its value is inlined too. */
  alsoReadAt?: FileLocation[];
}

/** The env files `next build` loads from the project folder (its own dotenv rules: @next/env). */
const NEXT_BUILD_ENV_FILES = ['.env', '.env.production', '.env.local', '.env.production.local'];

/**
 * Every `NEXT_PUBLIC_*` variable a production build sees: the project's env files `next build` loads, and the
 * production environment (deploy files, platform) — each place it is written once.
 */
export function nextPublicVariables(workspace: Workspace, root: string, environment: Environment | undefined): PublicVariableSource[] {
  const found: PublicVariableSource[] = [];
  const seen = new Set<string>();
  const add = (source: PublicVariableSource): void => {
    const key = `${source.name}\0${source.location.file}:${source.location.line}`;
    if (!seen.has(key)) found.push(source);
    seen.add(key);
  };
  for (const name of NEXT_BUILD_ENV_FILES) {
    const file = root === '' ? name : `${root}/${name}`;
    // An untracked .env.local is one developer's: production builds run from the repository.
    if (!workspace.exists(file) || workspace.isTracked(file) === false) continue;
    const read = workspace.readText(file);
    if (!read.ok) continue;
    for (const entry of parseEnvFile(read.text, 'npm-dotenv').entries) {
      if (!entry.name.startsWith(NEXT_PUBLIC_PREFIX)) continue;
      add({ name: entry.name, value: entry.value ?? entry.literal, location: { file, line: entry.line, column: entry.column }, label: file });
    }
  }
  for (const variable of environment?.vars.values() ?? []) {
    const location = variable.source.location;
    if (!variable.name.startsWith(NEXT_PUBLIC_PREFIX) || !location) continue;
    add({ name: variable.name, ...(variable.value === undefined ? {} : { value: variable.value }), location, label: variable.source.label });
  }
  return found;
}

const SOURCE_FILE = /\.(?:[cm]?[jt]sx?)$/;
/** Folders of build output and dependencies: not the app's source. */
const NOT_SOURCE = /(?:^|\/)(?:node_modules|\.next|dist|build|out|coverage|public)\//;
const NEXT_PUBLIC_READ = /process\.env\.(NEXT_PUBLIC_\w+)|process\.env\[['"](NEXT_PUBLIC_\w+)['"]\]/g;
/** Source files read for NEXT_PUBLIC_ references at most: a large monorepo is not read whole. */
const MAX_SOURCE_FILES = 2000;
const MAX_OTHER_READS = 10;

/**
 * The `NEXT_PUBLIC_*` variables the app's source reads (`process.env.NEXT_PUBLIC_JWT_SECRET`), each at its
 * first read with its other reads beside it (at most MAX_OTHER_READS): whatever production sets them to is inlined where they are read, also when no env file in the
 * repository names them.
 */
export function nextPublicReads(workspace: Workspace, root: string): PublicVariableSource[] {
  const found = new Map<string, PublicVariableSource>();
  const prefix = root === '' ? '' : `${root}/`;
  let read = 0;
  for (const file of workspace.files) {
    if (!file.startsWith(prefix) || !SOURCE_FILE.test(file) || NOT_SOURCE.test(file.slice(prefix.length)) || inVendoredDir(file)) continue;
    if (++read > MAX_SOURCE_FILES) break;
    const text = workspace.readText(file);
    if (!text.ok || !text.text.includes('NEXT_PUBLIC_')) continue;
    const position = lineIndex(text.text);
    for (const match of text.text.matchAll(NEXT_PUBLIC_READ)) {
      const name = (match[1] ?? match[2])!;
      const { line, column } = position(match.index);
      const location = { file, line, column };
      const first = found.get(name);
      if (!first) found.set(name, { name, location, label: 'read in the app', alsoReadAt: [] });
      else if (first.alsoReadAt!.length < MAX_OTHER_READS) first.alsoReadAt!.push(location);
    }
  }
  return [...found.values()];
}
