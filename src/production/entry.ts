/**
 * Which process production starts: the web process among the deploy commands (Procfile `web`, fly
 * processes, render startCommand, app.yaml entrypoint, heroku.yml run, a compose app service, the
 * deployed Dockerfile's CMD/ENTRYPOINT).
 */
import type { DeployCommand, DeployFileKind } from '../deploy/types.js';
import { serverOf } from './server-command.js';
import type { ServerCommand } from './server-command.js';

export interface EntryCommand {
  command: DeployCommand;
  server?: ServerCommand;
}

/** Processes that are not what serves requests: release phases, workers, schedulers, build steps. */
const NOT_WEB = /(?:^|[\s_-])(?:release|worker|workers|celery|beat|cron|scheduler|queue|rq|migrate|migrations|buildCommand|preDeployCommand|postdeploy|predeploy|test|tests)(?:$|[\s_-])/i;

/** Platform files before image defaults: a Procfile's web process overrides the Dockerfile's CMD. */
const KIND_RANK: Record<DeployFileKind, number> = {
  procfile: 0,
  'fly.toml': 1,
  'render.yaml': 2,
  'do-app-spec': 2,
  'app.yaml': 3,
  'heroku.yml': 4,
  'docker-compose': 5,
  // A workload's command/args replaces the image's CMD, as a compose `command:` does.
  kubernetes: 5,
  dockerfile: 6,
  // VPS process managers, and a uwsgi ini nothing names.
  supervisor: 7,
  systemd: 7,
  'uwsgi-ini': 8,
  // A script's command ranks as the file that runs the script (`origin`); this only when none is known.
  script: 6,
  // app.json `scripts` run once around a deploy, never as the web process; config and deploy scripts start nothing.
  'app.json': 99,
  'gunicorn-config': 99,
  'deploy-script': 99,
  'captain-definition': 99,
};

function isWebCandidate(command: DeployCommand): boolean {
  if (command.kind === 'app.json') return false;
  if (command.deployed === false || command.overriddenBy) return false;
  return command.process === undefined || !NOT_WEB.test(command.process);
}

/** `gunicorn` before `runserver`; a command that starts a server before one that does not (a script). */
function serverRank(server: ServerCommand | undefined): number {
  if (!server) return 2;
  return server.server === 'runserver' ? 1 : 0;
}

/**
 * The command production serves requests with: among the web candidates, one that starts an app
 * server, from the file that decides (see KIND_RANK), `web` before other process names. Without one
 * that starts a server, the first web candidate (a start script) with no server known.
 */
export function chooseEntry(commands: readonly DeployCommand[]): EntryCommand | undefined {
  const candidates = commands.filter(isWebCandidate).map((command) => ({ command, server: serverOf(command) }));
  const webFirst = (process: string | undefined): number => (process === undefined || /(?:^|\s)(?:web|app)(?:\s|$)/.test(process) ? 0 : 1);
  candidates.sort(
    (a, b) =>
      serverRank(a.server) - serverRank(b.server) ||
      // A server a script starts on every path before one it starts only in some branch.
      Number(a.command.conditional === true) - Number(b.command.conditional === true) ||
      KIND_RANK[a.command.origin ?? a.command.kind] - KIND_RANK[b.command.origin ?? b.command.kind] ||
      webFirst(a.command.process) - webFirst(b.command.process),
  );
  const best = candidates[0];
  if (!best) return undefined;
  return best.server ? { command: best.command, server: best.server } : { command: best.command };
}

/** What a deploy file calls the command, for reports: the process name, else the file's own word for it. */
export function entryLabel(command: DeployCommand): string {
  if (command.process) return command.process;
  if (command.kind === 'dockerfile') return 'command';
  if (command.kind === 'app.yaml') return 'entrypoint';
  return command.kind;
}
