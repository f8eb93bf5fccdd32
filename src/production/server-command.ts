/**
 * The production model's view of the server a deploy command starts: the deploy reader's parsed
 * `server` (src/deploy/server-command.ts, the one parser), with the app module without its
 * `:application` part and only the literal variables the command sets.
 */
import { parseServerCommand } from '../deploy/server-command.js';
import type { DeployCommand, ParsedServerCommand, ServerName } from '../deploy/types.js';

export interface ServerCommand {
  server: ServerName;
  /** The module the server imports the app from (`config.wsgi`), without the `:application` part. */
  appModule?: string;
  /** `--settings=` on the command line, or DJANGO_SETTINGS_MODULE it sets. */
  settingsModule?: string;
  /** Variables the command sets with a literal value: `NAME=value` before it, `--env NAME=value`, its config file's. */
  env: Record<string, string>;
  /** The directory the command runs in, relative to where it starts (`cd src && …`, `--chdir src`). */
  chdir?: string;
  /** The server's own configuration file (`-c gunicorn.conf.py`, `--ini uwsgi.ini`), as written. */
  configFile?: string;
  /** `manage.py` as the command names it (`src/manage.py`), for runserver. */
  managePy?: string;
}

function toServerCommand(parsed: ParsedServerCommand): ServerCommand {
  const env: Record<string, string> = {};
  for (const { name, value } of parsed.env) if (value !== undefined) env[name] = value;
  const appModule = parsed.appModule?.split(':')[0];
  return {
    server: parsed.server,
    env,
    ...(appModule ? { appModule } : {}),
    ...(parsed.settingsModule !== undefined ? { settingsModule: parsed.settingsModule } : {}),
    ...(parsed.configFile !== undefined ? { configFile: parsed.configFile } : {}),
    ...(parsed.chdir !== undefined ? { chdir: parsed.chdir } : {}),
    ...(parsed.managePy !== undefined ? { managePy: parsed.managePy } : {}),
  };
}

/** The server a deploy command starts: the deploy reader's parse (completed from its config file), else the text's. */
export function serverOf(command: DeployCommand): ServerCommand | undefined {
  const parsed = command.server ?? parseServerCommand(command.text);
  return parsed ? toServerCommand(parsed) : undefined;
}
