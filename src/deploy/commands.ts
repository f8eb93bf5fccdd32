/**
 * Complete the commands the deploy files run: follow the scripts they call (adding what those run),
 * hand an ENTRYPOINT script's `exec "$@"` over to the image's CMD, parse server and manage.py
 * commands, read the server config file a command names (or gunicorn's default one), and collect
 * the variables each command runs with.
 */
import type { EnvSourceKind, EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import type { FileLocation } from '../core/location.js';
import { followBudget, followCommand, resolveCommandPath } from './follow.js';
import type { FollowSink, PathBase } from './follow.js';
import { parseManageCommands, parseServerCommand } from './server-command.js';
import { GUNICORN_DEFAULT_CONFIG, readGunicornConfig, readUwsgiIni } from './server-config.js';
import type { ServerConfig } from './server-config.js';
import { simpleCommand, splitCommands } from './shell.js';
import type { CommandEnv, CommandRole, DeployCommand, DeployFacts, DeployFileKind, DeployProblem } from './types.js';

export interface CompleteSink {
  workspace: Workspace;
  problems: DeployProblem[];
  skipped: { file: string; reason: string; location?: FileLocation }[];
  /** A file read while completing (a script, a server config). */
  fileRead(kind: DeployFileKind, path: string): void;
}

const ENV_KINDS = new Set<string>(['procfile', 'dockerfile', 'fly.toml', 'app.json', 'docker-compose', 'heroku.yml', 'render.yaml', 'app.yaml', 'kubernetes']);

/** The env source kind of a variable a command of this deploy file kind sets. */
export function envSourceKind(kind: DeployFileKind): EnvSourceKind {
  return ENV_KINDS.has(kind) ? (kind as EnvSourceKind) : 'deploy-script';
}

function toEnvVar(pair: CommandEnv, command: DeployCommand): EnvVar {
  const { file, line } = command.location;
  return { name: pair.name, value: pair.value, source: { kind: envSourceKind(command.kind), location: command.location, label: `${file}:${line}` } };
}

/** What a command is for, from its process name or the server it starts. */
function roleOf(command: DeployCommand): CommandRole | undefined {
  const process = (command.process ?? '').toLowerCase();
  if (/(?:^|\s)buildcommand$/.test(process)) return 'build';
  if (process === 'release' || process === 'postdeploy' || process === 'predeploy' || /(?:^|\s)predeploycommand$/.test(process)) return 'release';
  if (process === 'web' || process === 'app' || /(?:^|\s)(?:startcommand|dockercommand)$/.test(process)) return 'web';
  if (/worker|celery|beat|scheduler|\brq\b|huey|dramatiq/.test(process)) return 'worker';
  if (command.kind === 'app.yaml' || command.server) return 'web';
  return undefined;
}

/** `VAR=value` words before the first command of a line. */
function prefixAssignments(text: string): CommandEnv[] {
  const first = splitCommands(text)[0];
  return first ? simpleCommand(first.text).assignments.map(({ name, value }) => ({ name, value })) : [];
}

/**
 * Complete `facts.commands` in place: each command is followed by the commands of the scripts it
 * runs. `baseOf` says where a command's paths are looked up (its image, or its file's directory);
 * `imageCommands` pairs each deployed image's ENTRYPOINT with its CMD.
 */
export function completeCommands(
  facts: DeployFacts,
  baseOf: (command: DeployCommand) => PathBase,
  imageCommands: { entrypoint?: DeployCommand; cmd?: DeployCommand }[],
  sink: CompleteSink,
): void {
  const follow: FollowSink = { workspace: sink.workspace, problems: sink.problems, skipped: sink.skipped, scriptRead: (path) => sink.fileRead('script', path), budget: followBudget() };
  const bases = new Map<DeployCommand, PathBase>();
  const configs = new Map<string, ServerConfig>();
  const completed: DeployCommand[] = [];
  /** Per image, where its ENTRYPOINT script runs its arguments. */
  const handovers = new Map<PathBase, NonNullable<ReturnType<typeof followCommand>['runArgs']>>();
  const ownImageCommand = new Set(imageCommands.flatMap((pair) => [pair.entrypoint, pair.cmd]));
  for (const command of facts.commands) {
    const base = baseOf(command);
    bases.set(command, base);
    const followed = followCommand(command, base, follow);
    const isEntrypoint = imageCommands.some((pair) => pair.entrypoint === command);
    if (isEntrypoint && followed.runArgs) handovers.set(base, followed.runArgs);
    const handover = handovers.get(base);
    // A compose `command:` or a fly process replaces the image's CMD, not its ENTRYPOINT (unless the service sets its own).
    const replacesCmd = (command.kind === 'docker-compose' || command.kind === 'fly.toml') && !ownImageCommand.has(command);
    const ownEntrypoint = command.kind === 'docker-compose' && facts.commands.some((other) => other !== command && other.kind === 'docker-compose' && other.process === command.process && other.location.file === command.location.file);
    if (handover && replacesCmd && !ownEntrypoint) {
      command.via = handover.via;
      if (handover.env.length > 0) command.env = [...handover.env, ...(command.env ?? [])];
    }
    const cmd = imageCommands.find((pair) => pair.entrypoint === command)?.cmd;
    if (cmd && followed.runArgs) {
      cmd.via = followed.runArgs.via;
      if (followed.runArgs.env.length > 0) cmd.env = [...followed.runArgs.env, ...(cmd.env ?? [])];
    } else if (cmd && followed.commands.length === 0 && !parseServerCommand(command.text)) {
      // `ENTRYPOINT ["gunicorn"]` + `CMD ["config.wsgi"]`: the process is both together.
      const together = parseServerCommand(`${command.text} ${cmd.text}`);
      if (together) {
        cmd.server = together;
        cmd.via = [command.location];
      }
    }
    completed.push(command);
    for (const derived of followed.commands) {
      bases.set(derived, base);
      completed.push(derived);
    }
  }
  for (const command of completed) complete(command, bases.get(command)!, configs, sink);
  facts.commands = completed;
}

function complete(command: DeployCommand, base: PathBase, configs: Map<string, ServerConfig>, sink: CompleteSink): void {
  const server = command.server ?? parseServerCommand(command.text);
  const manage = parseManageCommands(command.text);
  if (!command.manage && manage.length > 0) command.manage = manage.find((parsed) => parsed.settingsModule !== undefined) ?? manage[0]!;
  const own = (server ? server.env : prefixAssignments(command.text)).map((pair) => toEnvVar(pair, command));
  let configEnv: EnvVar[] = [];
  if (server) {
    const config = serverConfig(command, server.server, server.configFile, base, configs, sink);
    if (config) {
      server.appModule ??= config.appModule;
      if (config.wsgiFile !== undefined) server.wsgiFile ??= config.wsgiFile;
      if (config.chdir !== undefined) server.chdir ??= config.chdir;
      if (config.pythonPath !== undefined) server.pythonPath ??= config.pythonPath;
      if (config.reload !== undefined) server.reload ??= config.reload;
      if (config.logLevel !== undefined) server.logLevel ??= config.logLevel;
      if (server.appModule === undefined) delete server.appModule;
      configEnv = config.env;
      // The command line's --env wins over the config file's.
      server.env = [...config.env.map(({ name, value }) => ({ name, value })), ...server.env];
      const settings = server.env.filter((pair) => pair.name === 'DJANGO_SETTINGS_MODULE').at(-1);
      if (settings?.value !== undefined && server.server !== 'runserver') server.settingsModule = settings.value;
    }
    command.server = server;
  }
  const env = [...(command.env ?? []), ...configEnv, ...own];
  if (env.length > 0) command.env = env;
  const role = command.role ?? roleOf(command);
  if (role) command.role = role;
}

/** The config file a gunicorn or uwsgi command reads (named with `-c`/`--ini`, or gunicorn's default in its directory), read once. */
function serverConfig(
  command: DeployCommand,
  server: string,
  named: string | undefined,
  base: PathBase,
  configs: Map<string, ServerConfig>,
  sink: CompleteSink,
): ServerConfig | undefined {
  if (server !== 'gunicorn' && server !== 'uwsgi') return undefined;
  const written = named ?? (server === 'gunicorn' ? GUNICORN_DEFAULT_CONFIG : undefined);
  if (written === undefined) return undefined;
  if (/^(?:python|file):/.test(written) || (server === 'uwsgi' && !/\.ini$/i.test(written))) {
    sink.skipped.push({ file: command.location.file, reason: `${server} config ${written} is not a file deploycheck reads`, location: command.location });
    return undefined;
  }
  const path = resolveCommandPath(written, base, sink.workspace, named === undefined);
  if (!path) {
    if (named !== undefined) sink.skipped.push({ file: command.location.file, reason: `${server} config ${written} is not in the repository`, location: command.location });
    return undefined;
  }
  let config = configs.get(path);
  if (!config) {
    const read = sink.workspace.readText(path);
    if (!read.ok) {
      sink.skipped.push({ file: path, reason: read.message });
      return undefined;
    }
    config = server === 'gunicorn' ? readGunicornConfig(path, read.text) : readUwsgiIni(path, read.text);
    configs.set(path, config);
    sink.problems.push(...config.problems);
    sink.fileRead(server === 'gunicorn' ? 'gunicorn-config' : 'uwsgi-ini', path);
  }
  return config;
}
