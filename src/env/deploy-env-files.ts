import type { DeployFacts } from '../deploy/types.js';
import type { FileLocation } from '../core/location.js';
import { resolveFrom } from '../workspace/paths.js';

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
export function deployEnvFiles(deploy: DeployFacts): DeployEnvFile[] {
  const compose = (deploy.composeServices ?? []).flatMap(({ path: file, envFileUses }) =>
    envFileUses.map(({ path, service, app, location }) => ({ path, loadedBy: `env_file of ${file} ${service}`, location, app })),
  );
  return [...compose, ...commandEnvFiles(deploy)];
}
