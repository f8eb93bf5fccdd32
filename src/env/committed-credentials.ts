import type { FileLocation } from '../core/location.js';
import { isDjangoProject } from '../project/types.js';
import type { Project } from '../core/project.js';
import { isExcludedFromImage } from '../deploy/dockerignore.js';
import type { DeployFacts } from '../deploy/types.js';
import { isPasswordName, isSecretName } from '../secrets/names.js';
import { isPlaceholder, PLACEHOLDER_MARKERS } from '../secrets/placeholders.js';
import { isWithin } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { deployEnvFiles } from './deploy-env-files.js';
import type { DotenvEntry } from './dotenv.js';

/** An env file production loads, and how (the first way found). */
export interface ProductionEnvFile {
  path: string;
  /** `env_file of docker-compose.prod.yml web`, `main/settings/base.py loads it`. */
  loadedBy: string;
  location?: FileLocation;
  /** Docker reads it (a compose `env_file`, `--env-file`), in its own dialect; otherwise the app's loader does. */
  readByDocker?: true;
}

/**
 * Whether every deployed image's `.dockerignore` leaves the file out. A file outside an inferred
 * build context is not counted as left out: the context is a guess, the ignore entry a statement.
 */
function dockerignored(deploy: DeployFacts, path: string): boolean {
  const stages = deploy.deployedStages ?? [];
  return (
    stages.length > 0 &&
    stages.every(({ context }) => {
      const ignore = deploy.dockerignores?.find((candidate) => candidate.context === context);
      return ignore !== undefined && isWithin(path, context) && isExcludedFromImage(ignore, path);
    })
  );
}

/**
 * The env files production loads, for each project: the `env_file` of every service of the
 * production compose files and `--env-file` in deploy commands, the env files the production
 * environment is made of, and those the evaluated settings load. Only files that exist.
 */
export function productionEnvFiles(workspace: Workspace, allProjects: readonly Project[]): ProductionEnvFile[] {
  const projects = allProjects.filter(isDjangoProject);
  const byPath = new Map<string, ProductionEnvFile>();
  const add = (file: ProductionEnvFile): void => {
    if (!byPath.has(file.path) && workspace.exists(file.path)) byPath.set(file.path, file);
  };
  for (const project of projects) {
    for (const use of deployEnvFiles(project.deploy)) add({ path: use.path, loadedBy: use.loadedBy, location: use.location, readByDocker: true });
    // Files the app itself reads must be in its image: a .dockerignore'd one is a developer's.
    const inImage = (path: string): boolean => !dockerignored(project.deploy, path);
    for (const path of project.environment.files.filter(inImage)) add({ path, loadedBy: `the ${project.environment.name} environment reads it` });
    for (const path of (project.settings?.envFiles ?? []).filter(inImage)) add({ path, loadedBy: `${project.settings!.module} loads it` });
  }
  return [...byPath.values()];
}

/** `weak`: a default or stand-in word (`postgres`, `admin`, `dev_password_123`) that still works as a credential. */
export type CredentialStrength = 'weak' | 'real';

export interface CommittedCredential {
  name: string;
  /** The credential itself (the password of a URL): for masking only, never printed. */
  secret: string;
  strength: CredentialStrength;
  line: number;
  column: number;
}

const TEMPLATE = /^<[^<>]*>$|<[A-Za-z_][\w -]*>|\$\{[^}]*\}|^\$[A-Za-z_]\w*$|\{\{[^}]*\}\}/;
const MARKER = new RegExp(PLACEHOLDER_MARKERS.map((marker) => marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
/** Flags and numbers (`CORS_ALLOW_CREDENTIALS=True`, `TOKEN_TTL=3600`): settings, not credentials. */
const NOT_A_CREDENTIAL = /^(?:true|false|yes|no|on|off|\d+)$/i;
/** Words that say "no value here" rather than being one. */
const NO_VALUE = /^(?:none|null|nil|undefined|tbd|notset|not-set|unset|empty|fixme)$/i;
/** `scheme://user:password@host`: the password of a URL. */
const URL_PASSWORD = /^[a-z][\w+.-]*:\/\/[^:/@\s]*:([^@/\s]+)@/i;

/** A value that asks to be replaced (`changeme`, `your-secret-here`, `<token>`, `${KEY}`, empty), not one that works. */
function isInstruction(value: string): boolean {
  const trimmed = value.trim();
  return trimmed === '' || TEMPLATE.test(trimmed) || MARKER.test(trimmed) || NO_VALUE.test(trimmed);
}

/** Whether a value assigned to a credential name works as one: not an instruction to replace it, a flag or a number. */
export function isCredentialValue(value: string): boolean {
  return !isInstruction(value) && !NOT_A_CREDENTIAL.test(value.trim());
}

/**
 * The credentials an env file holds: secret-named variables (`*_KEY`, `*_SECRET`, `*PASSWORD*`,
 * `*_TOKEN`) and URLs with a password, whose value is not an instruction to replace it. A default
 * word (`postgres`) is still a credential, a weak one: whoever reads the file can use it.
 */
export function committedCredentials(entries: readonly DotenvEntry[]): CommittedCredential[] {
  const found: CommittedCredential[] = [];
  for (const entry of entries) {
    const value = entry.literal.trim();
    const url = URL_PASSWORD.exec(value);
    const secret = url ? decodeURIComponentSafe(url[1]!) : isSecretName(entry.name) || isPasswordName(entry.name) ? value : undefined;
    if (secret === undefined || !isCredentialValue(secret)) continue;
    found.push({ name: entry.name, secret, strength: isPlaceholder(secret) ? 'weak' : 'real', line: entry.line, column: entry.column });
  }
  return found;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
