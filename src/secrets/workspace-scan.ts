import { envFileDialect } from '../env/consumer.js';
import type { DotenvEntry } from '../env/dotenv.js';
import { readDotenv } from '../env/workspace-dotenv.js';
import { isDjangoProject } from '../project/types.js';
import type { Project } from '../core/project.js';
import type { Settings } from '../python/types.js';
import type { Workspace } from '../workspace/types.js';
import { isVendoredIn } from '../workspace/vendored.js';
import { isEnvFile, secretFileKind } from './files.js';
import type { SecretFileKind } from './files.js';
import { isDjangoSecretKeyName } from './names.js';
import { confirmedPasswords, scanText } from './scanner.js';
import { developmentSettingsOf } from './settings-role.js';
import type { SecretHit } from './types.js';

const cache = new WeakMap<Workspace, Map<string, SecretHit[]>>();
const scannable = new WeakMap<Workspace, readonly ScannableFile[]>();

interface ScannableFile {
  file: string;
  kind: SecretFileKind;
}

/**
 * The files of the workspace the scanner reads, with their kind, vendored code aside: one pass
 * over the file list per workspace, however many rules ask (a large repository lists tens of
 * thousands of files, most of which the scanner leaves alone).
 */
function scannableFiles(workspace: Workspace): readonly ScannableFile[] {
  let files = scannable.get(workspace);
  if (!files) scannable.set(workspace, (files = scannableAmong(workspace, workspace.files)));
  return files;
}

function scannableAmong(workspace: Workspace, paths: readonly string[]): ScannableFile[] {
  // A committed virtualenv or vendored library is third-party code, not the project's secrets.
  const vendored = isVendoredIn(workspace);
  const found: ScannableFile[] = [];
  for (const file of paths) {
    const kind = secretFileKind(file);
    if (kind && !vendored(file)) found.push({ file, kind });
  }
  return found;
}

/**
 * An env file's variables as the library that loads it reads them (a `#` inside an unquoted value
 * stays in it for the Python readers, ends it for npm dotenv), shared with the environment's parse.
 */
function sharedDotenv(workspace: Workspace, file: string): readonly DotenvEntry[] {
  const parsed = readDotenv(workspace, file, envFileDialect(workspace, file));
  return parsed.ok ? parsed.entries : [];
}

/**
 * Secrets in every file of the workspace the scanner reads, vendored code aside (settings and other Python modules, env
 * files, deploy files, JSON/YAML/TOML config, key files), by file. Each file is scanned once per
 * workspace, however many rules ask; with `focus`, only those files; with `only`, only the files it
 * accepts (the env rules need the env files, not every file of the repository).
 */
export function workspaceSecrets(workspace: Workspace, focus?: ReadonlySet<string>, only?: (file: string) => boolean): Map<string, SecretHit[]> {
  let byFile = cache.get(workspace);
  if (!byFile) {
    byFile = new Map();
    cache.set(workspace, byFile);
  }
  const result = new Map<string, SecretHit[]>();
  // With a focus (`check --staged`: a few files of a possibly large repository), only those are classified.
  const candidates = focus ? scannableAmong(workspace, workspace.files.filter((file) => focus.has(file))) : scannableFiles(workspace);
  for (const { file, kind } of candidates) {
    if (only && !only(file)) continue;
    let hits = byFile.get(file);
    if (!hits) {
      const text = workspace.readText(file);
      hits = text.ok ? scanText(text.text, file, kind, kind === 'dotenv' ? () => sharedDotenv(workspace, file) : undefined) : [];
      byFile.set(file, hits);
    }
    if (hits.length) result.set(file, hits);
  }
  return result;
}

/**
 * Secrets outside env files (the env/ rules own those), leaving out SECRET_KEY assignments in the
 * projects' production settings files: django/secret-key-committed judges those with the evaluated
 * settings. A hit in a settings module production does not use is marked `developmentSettings`.
 */
export function secretsOutsideEnvFiles(workspace: Workspace, allProjects: readonly Project[], focus?: ReadonlySet<string>): SecretHit[] {
  const projects = allProjects.filter(isDjangoProject);
  const settingsFiles = new Map(projects.flatMap((project) => (project.settings?.files ?? []).map((file) => [file, project.settings!] as const)));
  const productionKeys = new Set(projects.flatMap((project) => productionKey(project.settings)));
  const developmentSettings = developmentSettingsOf(projects);
  const hits: SecretHit[] = [];
  for (const [file, fileHits] of workspaceSecrets(workspace, focus)) {
    if (isEnvFile(file)) continue;
    const development = developmentSettings(file, fileHits.some(isDjangoKeyHit));
    const production = settingsFiles.get(file);
    for (const hit of fileHits) {
      if (production && hit.name !== undefined && isDjangoSecretKeyName(hit.name)) {
        // Production's key is django/secret-key-committed's; another key in its files is a default it never falls back to.
        if (hit.name === 'SECRET_KEY' || productionKeys.has(hit.secret)) continue;
        hits.push({ ...hit, developmentSettings: { productionModule: production.module, unusedDefault: true } });
        continue;
      }
      hits.push(development ? { ...hit, developmentSettings: development } : hit);
    }
  }
  return [...hits, ...confirmedElsewhere(workspace, hits, focus)];
}

/** Word-like passwords the scanner passed over that equal a known-format credential of the workspace (see confirmedPasswords). */
function confirmedElsewhere(workspace: Workspace, hits: readonly SecretHit[], focus?: ReadonlySet<string>): SecretHit[] {
  const confirmed = new Set(hits.filter((hit) => hit.tier === 'known' && hit.detector === 'url-password').map((hit) => hit.secret));
  if (confirmed.size === 0) return [];
  const found = new Set(hits.map((hit) => `${hit.location.file}\0${hit.location.line}\0${hit.secret}`));
  const extra: SecretHit[] = [];
  for (const { file, kind } of scannableFiles(workspace)) {
    if (isEnvFile(file) || (focus && !focus.has(file))) continue;
    const text = workspace.readText(file);
    if (!text.ok) continue;
    for (const hit of confirmedPasswords(text.text, file, confirmed, kind)) {
      if (!found.has(`${hit.location.file}\0${hit.location.line}\0${hit.secret}`)) extra.push(hit);
    }
  }
  return extra;
}

/** The SECRET_KEY production runs with, when the settings know it as a string. */
function productionKey(settings: Settings | undefined): string[] {
  const value = settings?.has('SECRET_KEY') ? settings.get('SECRET_KEY') : undefined;
  return value?.kind === 'str' ? [value.value] : [];
}

/** A Django secret key: assigned to SECRET_KEY (or DJANGO_SECRET_KEY), or in the django-insecure- format. */
function isDjangoKeyHit(hit: SecretHit): boolean {
  return hit.detector === 'django-insecure-key' || (hit.name !== undefined && isDjangoSecretKeyName(hit.name));
}

/** Whether the file is, or is about to be, in the repository: tracked, or untracked and not ignored. Outside git: undefined. */
export function isCommitted(workspace: Workspace, file: string): boolean | undefined {
  const tracked = workspace.isTracked(file);
  if (tracked === undefined) return undefined;
  return tracked || workspace.isIgnored(file) === false;
}
