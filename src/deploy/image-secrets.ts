/**
 * Credentials a production image carries: ENV and ARG values of the Dockerfiles it is built from,
 * build arguments platform files pass (compose `build.args`, fly.toml `[build.args]`, heroku.yml
 * `build.config`), and env files COPY/ADD puts in it. Framework-neutral: reads deploy facts only.
 */
import { posix } from 'node:path';
import type { FileLocation } from '../core/location.js';
import { committedCredentials } from '../env/committed-credentials.js';
import type { CredentialStrength } from '../env/committed-credentials.js';
import type { EnvVar } from '../env/types.js';
import { readDotenv } from '../env/workspace-dotenv.js';
import { isEnvFile, isEnvTemplate } from '../secrets/files.js';
import { isSecretName } from '../secrets/names.js';
import { baseName, isWithin } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';
import { isExcludedFromImage } from './dockerignore.js';
import type { DeployedStage, DeployFacts } from './types.js';

export type ImageSecret =
  /** A credential value set by ENV, ARG or a build argument. */
  | { kind: 'value'; carrier: string; name: string; secret: string; strength: CredentialStrength; location: FileLocation }
  /** COPY/ADD that names an env file (`COPY .env .`, `ADD .env* /app/`); `committed` when the repository holds it. */
  | { kind: 'env-file'; carrier: string; source: string; committed: boolean; location: FileLocation }
  /** COPY/ADD of a directory that holds committed env files with credentials, not left out by `.dockerignore`. */
  | { kind: 'env-file-in-dir'; carrier: string; source: string; files: string[]; location: FileLocation }
  /**
   * ENV of secret-named variables set from build arguments (`ARG JWT_SECRET` + `ENV JWT_SECRET=$JWT_SECRET`), one
   * per Dockerfile, at the first: whatever value the build passes ends up in the image's configuration.
   */
  | { kind: 'arg-in-env'; carrier: string; names: string[]; location: FileLocation };

/** Where an ENV/ARG/build argument is written: `ENV in Dockerfile`, `docker-compose.yml web.build.args`, `fly.toml [build.args]`. */
function carrierOf(variable: EnvVar, arg: boolean): string {
  if (variable.source.kind === 'dockerfile') return `${arg ? 'ARG' : 'ENV'} in ${variable.source.location?.file ?? 'the Dockerfile'}`;
  return variable.source.label;
}

function credentialValues(vars: readonly EnvVar[], arg: boolean): ImageSecret[] {
  const found: ImageSecret[] = [];
  for (const variable of vars) {
    const location = variable.source.location;
    if (variable.value === undefined || !location) continue;
    const [credential] = committedCredentials([{ name: variable.name, value: variable.value, literal: variable.value, line: location.line, column: location.column }]);
    if (!credential) continue;
    found.push({ kind: 'value', carrier: carrierOf(variable, arg), name: variable.name, secret: credential.secret, strength: credential.strength, location });
  }
  return found;
}

/** `NAME=$ARG`, `NAME=${ARG}` or the legacy `NAME $ARG`: the build argument an ENV assignment copies whole. */
function copiedArgument(line: string, name: string): string | undefined {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|\\s)${escaped}(?:=|\\s+)["']?\\$\\{?(\\w+)\\}?["']?(?:\\s|$)`).exec(line)?.[1];
}

/**
 * Secret-named ENV variables of the deployed stages whose value is a build argument of the same
 * Dockerfile: the value itself is not in the repository, but every image built carries it.
 */
function argumentsInEnv(workspace: Workspace, env: readonly EnvVar[], buildArgs: readonly EnvVar[]): ImageSecret[] {
  const byFile = new Map<string, { names: string[]; location: FileLocation }>();
  for (const variable of env) {
    const location = variable.source.location;
    if (variable.value !== undefined || !location || !isSecretName(variable.name)) continue;
    const read = workspace.readText(location.file);
    if (!read.ok) continue;
    const arg = copiedArgument(read.text.split('\n')[location.line - 1] ?? '', variable.name);
    if (!arg || !buildArgs.some((candidate) => candidate.name === arg && candidate.source.kind === 'dockerfile' && candidate.source.location?.file === location.file)) continue;
    const group = byFile.get(location.file);
    if (group) group.names.push(variable.name);
    else byFile.set(location.file, { names: [variable.name], location });
  }
  return [...byFile].map(([file, { names, location }]) => ({ kind: 'arg-in-env', carrier: `ENV in ${file}`, names, location }));
}

/** Whether a committed env file holds at least one credential (a `.env` of flags and ports is no secret). */
function holdsCredentials(workspace: Workspace, path: string): boolean {
  const read = readDotenv(workspace, path, 'python-dotenv');
  return read.ok && committedCredentials(read.entries).length > 0;
}

/** A COPY source names an env file itself, possibly with a wildcard (`.env`, `config/.env.production`, `.env*`). */
function namesEnvFile(source: string): boolean {
  const name = baseName(source.replace(/\/+$/, ''));
  return /^\.env(?:$|[.*?[])/i.test(name) && !isEnvTemplate(name.replace(/[*?[].*$/, ''));
}

function envFileCopies(workspace: Workspace, deploy: DeployFacts, stage: DeployedStage, envFiles: readonly string[]): ImageSecret[] {
  const found: ImageSecret[] = [];
  const ignore = deploy.dockerignores?.find((candidate) => candidate.context === stage.context) ?? { file: '', context: stage.context, patterns: [] };
  const carrier = (keyword: string): string => `${keyword} in ${stage.dockerfile}`;
  for (const copy of stage.copies ?? []) {
    for (const source of copy.sources) {
      const path = posix.normalize(posix.join(stage.context || '.', source)).replace(/^\.\/?$/, '').replace(/\/+$/, '');
      if (path.startsWith('..')) continue;
      if (namesEnvFile(source)) {
        const committed = envFiles.some((file) => file === path) || workspace.isTracked(path) === true;
        found.push({ kind: 'env-file', carrier: carrier('COPY'), source, committed, location: copy.location });
        continue;
      }
      const inside = envFiles.filter((file) => isWithin(file, path) && !isExcludedFromImage(ignore, file) && holdsCredentials(workspace, file));
      if (inside.length) found.push({ kind: 'env-file-in-dir', carrier: carrier('COPY'), source, files: inside, location: copy.location });
    }
  }
  return found;
}

/**
 * What production's images carry: credential values (secret-named variables and URLs with a
 * password, whose value is no placeholder, empty or `$VAR` reference) set by the Dockerfiles' ENV and
 * ARG or by build arguments, secret-named ENV copied from a build argument, and env files copied
 * into the deployed stages. Only the committed env
 * files (tracked by git) count for a directory copy; an env file a COPY names is reported whether or
 * not the repository holds it, since the build takes whatever the builder has.
 */
export function imageSecrets(workspace: Workspace, deploy: DeployFacts): ImageSecret[] {
  const stages = deploy.deployedStages ?? [];
  if (stages.length === 0 && deploy.buildArgs.length === 0) return [];
  const env = deploy.env.filter((variable) => variable.source.kind === 'dockerfile');
  const envFiles = workspace.files.filter((path) => isEnvFile(path) && !isEnvTemplate(path) && workspace.isTracked(path) === true);
  return [
    ...credentialValues(env, false),
    ...credentialValues(deploy.buildArgs, true),
    ...argumentsInEnv(workspace, env, deploy.buildArgs),
    ...stages.flatMap((stage) => envFileCopies(workspace, deploy, stage, envFiles)),
  ];
}
