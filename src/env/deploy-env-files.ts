import { readCompose } from '../deploy/compose.js';
import type { DeployFacts } from '../deploy/types.js';
import { seqItems, scalarString, valueOf, mapPairs, isMap, isSeq, YamlSource } from '../deploy/yaml-source.js';
import type { FileLocation } from '../engine/types.js';
import { resolveFrom } from '../workspace/paths.js';
import type { Workspace } from '../workspace/types.js';

/** An env file a production deploy file loads: a compose `env_file`, or `--env-file` in a command. */
export interface DeployEnvFile {
  /** Workspace-relative path (it need not exist). */
  path: string;
  /** `env_file of docker-compose.prod.yml web`, `--env-file in Procfile web`. */
  loadedBy: string;
  location: FileLocation;
  /** Whether the process that loads it runs the app (not a database or proxy service next to it). */
  app: boolean;
}

/** `--env-file PATH` / `--env-file=PATH` (docker run, uvicorn). */
const ENV_FILE_OPTION = /(?:^|\s)--env-file(?:=|\s+)(['"]?)([^\s'"]+)\1/g;

function composeEnvFiles(workspace: Workspace, file: string): DeployEnvFile[] {
  const read = workspace.readText(file);
  if (!read.ok) return [];
  const appServices = new Set(readCompose(file, read.text, workspace).appServices);
  const source = new YamlSource(file, read.text);
  const files: DeployEnvFile[] = [];
  for (const pair of mapPairs(valueOf(source.root(), 'services'))) {
    const service = scalarString(pair.key) ?? '';
    if (!isMap(pair.value)) continue;
    const node = valueOf(pair.value, 'env_file');
    for (const entry of isSeq(node) ? seqItems(node) : node === undefined ? [] : [node]) {
      const written = scalarString(entry) ?? scalarString(valueOf(entry, 'path'));
      // `${VAR}` paths are chosen by the shell that runs compose: not known here.
      if (!written || written.includes('$')) continue;
      const path = resolveFrom(file, written);
      if (path === undefined) continue;
      files.push({ path, loadedBy: `env_file of ${file} ${service}`, location: source.at(entry), app: appServices.has(service) });
    }
  }
  return files;
}

function commandEnvFiles(deploy: DeployFacts): DeployEnvFile[] {
  const files: DeployEnvFile[] = [];
  for (const command of deploy.commands) {
    if (command.kind === 'docker-compose') continue;
    for (const match of command.text.matchAll(ENV_FILE_OPTION)) {
      const written = match[2]!;
      if (written.includes('$')) continue;
      const path = resolveFrom(command.location.file, written);
      if (path === undefined) continue;
      const process = command.process ? ` ${command.process}` : '';
      files.push({ path, loadedBy: `--env-file in ${command.location.file}${process}`, location: command.location, app: true });
    }
  }
  return files;
}

/**
 * The env files production's deploy files load: the `env_file` of every service of the production
 * compose files (the app's and those of the services next to it), and `--env-file` in commands.
 */
export function deployEnvFiles(workspace: Workspace, deploy: DeployFacts): DeployEnvFile[] {
  const compose = deploy.files.filter((file) => file.kind === 'docker-compose').flatMap((file) => composeEnvFiles(workspace, file.path));
  return [...compose, ...commandEnvFiles(deploy)];
}
