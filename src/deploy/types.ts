import type { FileLocation } from '../core/location.js';
import type { EnvVar, PlatformFileKind } from '../env/types.js';
import type { ComposeEnvFileUse, ComposeInternalPorts, ComposeProxy, ComposeServiceUser } from './compose.js';

export type DeployFileKind =
  | 'procfile'
  | PlatformFileKind
  /** DigitalOcean App Platform's app spec (`.do/app.yaml`, `.do/deploy.template.yaml`). */
  | 'do-app-spec'
  /** CapRover's `captain-definition`. */
  | 'captain-definition'
  /** A Kubernetes manifest (Deployment, StatefulSet, Service, …; see kubernetes.ts). */
  | 'kubernetes'
  /** A shell script an image, Procfile or platform command runs (`docker-entrypoint.sh`, `start.sh`, `build.sh`). */
  | 'script'
  /** A gunicorn Python config file (`gunicorn.conf.py`, `-c path`). */
  | 'gunicorn-config'
  | 'uwsgi-ini'
  /** A supervisor program section (`[program:x]`). */
  | 'supervisor'
  | 'systemd'
  /** A deploy script, Makefile, justfile or CI workflow that sets platform config or names compose files. */
  | 'deploy-script';

export type Platform = 'heroku' | 'dokku' | 'fly' | 'render' | 'cloud-run' | 'app-engine' | 'docker' | 'kubernetes';

/** WSGI/ASGI servers (and Django's development server) recognised in commands. */
export type ServerName = 'gunicorn' | 'uvicorn' | 'daphne' | 'uwsgi' | 'waitress' | 'hypercorn' | 'granian' | 'runserver';

/** A `NAME=value` pair; value undefined when it is not a literal (`$VAR`, `$(cmd)`). */
export interface CommandEnv {
  name: string;
  value: string | undefined;
}

/** What a WSGI/ASGI server command serves and with which settings (see server-command.ts). */
export interface ParsedServerCommand {
  server: ServerName;
  /** The app as written: `config.wsgi:application`, `config.wsgi`, `config.asgi:application`; for uwsgi `module=`. */
  appModule?: string;
  /** uwsgi `wsgi-file=` / `--wsgi-file`: a path to a WSGI file rather than a module. */
  wsgiFile?: string;
  /** `--settings=` (runserver), or DJANGO_SETTINGS_MODULE from `env`. */
  settingsModule?: string;
  /** Variables the command sets for the server: `VAR=value` prefixes, gunicorn/uwsgi `--env K=V`, and those of its config file when followed. */
  env: CommandEnv[];
  /** A config file named by the command (`-c gunicorn.conf.py`, `--ini uwsgi.ini`, `--config`), as written. */
  configFile?: string;
  /** Directory the server changes to before importing (`cd dir && …`, `--chdir`, uvicorn `--app-dir`), relative to where the command starts unless absolute. */
  chdir?: string;
  /** Extra import paths (`--pythonpath a,b`, uwsgi `--pythonpath`). */
  pythonPath?: string[];
  /** For runserver: `manage.py` as the command names it (`src/manage.py`). */
  managePy?: string;
  /** The auto-reload option as written (`--reload`, uwsgi `--py-autoreload 1`): a development option. */
  reload?: string;
  /** `--log-level X` / `--log-level=X`, lower-cased. */
  logLevel?: string;
}

/** A `manage.py` / `django-admin` command: `python manage.py migrate --settings=…`. */
export interface ParsedManageCommand {
  /** `migrate`, `collectstatic`, `runserver`, … */
  subcommand: string;
  settingsModule?: string;
  pythonPath?: string;
}

/** What a command is for, where the file says so. */
export type CommandRole = 'web' | 'release' | 'build' | 'worker';

/** A command a deploy file runs (a Procfile process, a Dockerfile CMD/ENTRYPOINT, a compose command, …). */
export interface DeployCommand {
  text: string;
  /** Process name where the file has one (`web`, `release`, a compose service). */
  process?: string;
  kind: DeployFileKind;
  location: FileLocation;
  /** What the command is for: `web` (Procfile web, the deployed image's CMD, fly `app`), `release`, `build`, `worker`. */
  role?: CommandRole;
  /** The WSGI/ASGI server it starts, parsed (and completed from the config file it names, when read). */
  server?: ParsedServerCommand;
  /** The manage.py command it runs. */
  manage?: ParsedManageCommand;
  /**
   * Variables set for this command only (a `VAR=value` prefix, `export` earlier in the script that runs it,
   * `--env K=V`, a config file's `raw_env`/`env =`), in order; value undefined when not literal.
   */
  env?: EnvVar[];
  /** false for commands of files production does not use (a development compose file); absent means not decided. */
  deployed?: boolean;
  /** How production reaches this command, outermost first: the Dockerfile ENTRYPOINT, then `entrypoint.sh:12`, … */
  via?: FileLocation[];
  /** An image CMD that never runs: every production compose service running the image sets its own command (the first one's location). */
  overriddenBy?: FileLocation;
  /** A script runs it only on some paths (inside an `if`/`case`/loop): it may not be what production runs. */
  conditional?: boolean;
  /** For a command a script runs (kind `script`): the kind of the deploy file that starts the chain (`procfile`, `dockerfile`, …). */
  origin?: DeployFileKind;
}

export interface DeployFile {
  kind: DeployFileKind;
  path: string;
}

/** A directory a platform serves at a URL prefix: `path` as the deploy file writes it (a container or app-relative path). */
export interface StaticDir {
  path: string;
  urlPrefix?: string;
  location: FileLocation;
}

export interface DeployProblem {
  message: string;
  location: FileLocation;
}

export interface DeployFacts {
  files: DeployFile[];
  commands: DeployCommand[];
  /** Variables deploy files declare for the running app, in file order. */
  env: EnvVar[];
  /** Build-time arguments (Dockerfile ARG) with their defaults. */
  buildArgs: EnvVar[];
  /** Platforms detected from the deploy files. */
  platforms: Platform[];
  /** Settings the platform itself applies, e.g. fly.toml `force_https`. */
  platformSettings: {
    forceHttps?: { value: boolean; location: FileLocation };
    /** Health checks the platform runs (fly.toml checks, render.yaml healthCheckPath, Dockerfile HEALTHCHECK); `path` for HTTP checks. */
    healthChecks?: { path?: string; location: FileLocation }[];
    /** Directories the platform serves as static files without the app (fly.toml [[statics]], app.yaml static_dir). */
    staticDirs?: StaticDir[];
  };
  /** Dockerfile USER (last one in the final stage); absent means root. */
  containerUser?: { user: string; location: FileLocation };
  problems: DeployProblem[];
  /** The stage of each Dockerfile read that the image is built from, and what chose it. */
  deployedStages?: DeployedStage[];
  /** Every compose file looked at, and whether production uses it. */
  composeFiles?: ComposeFileFacts[];
  /** Of each production compose file (read once): the env files its services load and the reverse proxies it runs. */
  composeServices?: { path: string; envFileUses: ComposeEnvFileUse[]; proxies: ComposeProxy[]; internalPorts?: ComposeInternalPorts[]; users?: ComposeServiceUser[] }[];
  /** `.dockerignore` of each Dockerfile's build context (see `isExcludedFromImage` in dockerignore.ts). */
  dockerignores?: DockerIgnore[];
  /** Files read and followed but not used, with the reason (a script not found, a depth limit, …). */
  skipped?: { file: string; reason: string; location?: FileLocation }[];
}

export interface DeployedStage {
  dockerfile: string;
  /** The stage name (`FROM … AS name`); absent for an unnamed stage. */
  stage?: string;
  /** 0-based index of the stage in the file. */
  index: number;
  /** The build context (workspace-relative directory, '' for the root). */
  context: string;
  /** The stage's FROM line. */
  location: FileLocation;
  /** `last stage`, or where a target was named (`docker-compose.prod.yml build.target`, `fly.toml [build] build-target`). */
  chosenBy: string;
  targetLocation?: FileLocation;
  /** The stage's last USER (inherited through `FROM <earlier stage>`), as written after ARG/ENV substitution; absent means root. */
  user?: { user: string; location: FileLocation };
  /** The stage's CMD, or its ENTRYPOINT when it has no CMD: the line the container starts from. */
  start?: FileLocation;
  /** COPY/ADD from the build context into the stage (context-relative sources), in order. */
  copies?: { sources: string[]; dest: string; location: FileLocation }[];
}

export interface ComposeFileFacts {
  path: string;
  production: boolean;
  /** Why: `named for production`, `no production file; no development signs`, `-f chain in Makefile:4`, or the development sign. */
  why: string;
}

export interface DockerIgnorePattern {
  pattern: string;
  /** `!pattern`: re-includes what an earlier pattern excluded. */
  negated: boolean;
  line: number;
}

export interface DockerIgnore {
  /** The `.dockerignore` file. */
  file: string;
  /** The build context directory it applies to (workspace-relative, '' for the root). */
  context: string;
  patterns: DockerIgnorePattern[];
}
