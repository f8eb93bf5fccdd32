/**
 * Parse the command that starts a WSGI/ASGI server (gunicorn, uvicorn, daphne, uwsgi, waitress,
 * hypercorn, granian, `manage.py runserver`) into what it serves and with which settings, and a
 * `manage.py` command into its subcommand and `--settings`, so nothing downstream re-reads text.
 */
import type { Scope, Word } from './dockerfile-words.js';
import { commandName, inlineBody, pythonArguments, simpleCommand, splitCommands } from './shell.js';
import type { CommandEnv, ParsedManageCommand, ParsedServerCommand, ServerName } from './types.js';

const SETTINGS_VARIABLE = 'DJANGO_SETTINGS_MODULE';
/** `sh -c "…"` nesting followed at most this deep. */
const MAX_NESTING = 3;

interface ServerOptions {
  /** Flags that take no value (everything else starting with `-` is taken to take one, unless written `--x=y`). */
  flags: Set<string>;
  /** Options whose value is the config file. */
  config: string[];
  chdir: string[];
  pythonPath: string[];
  env: string[];
  module: string[];
  wsgiFile: string[];
}

/** A server's options; the kinds it does not have are empty. */
function server(options: Partial<ServerOptions> & Pick<ServerOptions, 'flags'>): ServerOptions {
  return { config: [], chdir: [], pythonPath: [], env: [], module: [], wsgiFile: [], ...options };
}

const SERVERS: Record<Exclude<ServerName, 'runserver'>, ServerOptions> = {
  gunicorn: server({
    flags: new Set(['--reload', '--preload', '-D', '--daemon', '--capture-output', '--check-config', '--print-config', '--spew', '--enable-stdio-inheritance', '--reuse-port', '--no-sendfile', '--strip-header-spaces', '-R', '--paste-global']),
    config: ['-c', '--config'],
    chdir: ['--chdir'],
    pythonPath: ['--pythonpath'],
    env: ['-e', '--env'],
  }),
  uvicorn: server({
    flags: new Set(['--reload', '--factory', '--proxy-headers', '--no-proxy-headers', '--use-colors', '--no-use-colors', '--access-log', '--no-access-log', '--server-header', '--no-server-header', '--date-header', '--no-date-header', '--interface-asgi3']),
    chdir: ['--app-dir'],
  }),
  daphne: server({
    flags: new Set(['--proxy-headers', '--no-server-name', '-s', '--ws-protocol']),
  }),
  hypercorn: server({
    flags: new Set(['--reload', '--debug']),
    config: ['-c', '--config'],
  }),
  waitress: server({
    flags: new Set(['--call', '--ipv4', '--ipv6', '--no-ipv4', '--no-ipv6', '--expose-tracebacks', '--no-expose-tracebacks', '--unix-socket-perms', '--help']),
  }),
  granian: server({
    flags: new Set(['--reload', '--no-ws', '--respawn-failed-workers', '--factory', '--log', '--no-log', '--access-log', '--no-access-log']),
    chdir: ['--working-dir'],
  }),
  uwsgi: server({
    flags: new Set(['--master', '-M', '--enable-threads', '-T', '--vacuum', '--die-on-term', '--lazy-apps', '--lazy', '--single-interpreter', '--strict', '--need-app', '--no-orphans', '--harakiri-verbose', '--thunder-lock', '--honour-stdin', '--auto-procname', '--log-master', '--no-default-app']),
    config: ['--ini', '--yaml', '--yml', '--json', '--xml', '--include'],
    chdir: ['--chdir'],
    pythonPath: ['--pythonpath', '--python-path', '--pp'],
    env: ['--env'],
    module: ['--module', '-w', '--wsgi'],
    wsgiFile: ['--wsgi-file', '--file'],
  }),
};

const SERVER_NAMES: Record<string, Exclude<ServerName, 'runserver'>> = {
  gunicorn: 'gunicorn',
  uvicorn: 'uvicorn',
  daphne: 'daphne',
  hypercorn: 'hypercorn',
  uwsgi: 'uwsgi',
  'waitress-serve': 'waitress',
  waitress: 'waitress',
  granian: 'granian',
};

/** `manage.py`, `django-admin`, `python -m django`: the words after the program. */
function manageArguments(words: Word[]): Word[] | undefined {
  const args = pythonArguments(words) ?? words;
  const program = commandName(args[0]);
  if (program === undefined) return undefined;
  if (program === 'manage.py' || program === 'django-admin' || program === 'django-admin.py' || program === 'django') return args.slice(1);
  return undefined;
}

function value(word: Word | undefined): string | undefined {
  return word?.value;
}

function envPair(text: string | undefined): CommandEnv | undefined {
  if (text === undefined) return undefined;
  const equals = text.indexOf('=');
  if (equals <= 0) return undefined;
  return { name: text.slice(0, equals), value: text.slice(equals + 1) };
}

/** A `NAME=…` word whose value is not literal: the name, value unknown. */
function unknownPair(raw: string | undefined): CommandEnv | undefined {
  const name = raw === undefined ? undefined : /^["']?([A-Za-z_][A-Za-z0-9_]*)=/.exec(raw)?.[1];
  return name === undefined ? undefined : { name, value: undefined };
}

/** The settings module the env pairs name, last one winning. */
function settingsFrom(env: CommandEnv[]): string | undefined {
  return env.filter((pair) => pair.name === SETTINGS_VARIABLE).at(-1)?.value;
}

/** The simple commands of a command line, `sh -c "…"` / `bash -c '…'` bodies inlined (bounded). */
function simpleCommands(text: string, scope: Scope, depth = 0): ReturnType<typeof simpleCommand>[] {
  const commands: ReturnType<typeof simpleCommand>[] = [];
  for (const segment of splitCommands(text)) {
    const command = simpleCommand(segment.text, scope);
    const body = inlineBody(command.words);
    if (body !== undefined && depth < MAX_NESTING) {
      const inner = simpleCommands(body, scope, depth + 1);
      // The outer assignments apply to the inner commands.
      for (const nested of inner) commands.push({ ...nested, assignments: [...command.assignments, ...nested.assignments] });
    } else {
      commands.push(command);
    }
  }
  return commands;
}

function parseServer(name: Exclude<ServerName, 'runserver'>, args: Word[], prefix: CommandEnv[]): ParsedServerCommand {
  const options = SERVERS[name];
  const parsed: ParsedServerCommand = { server: name, env: [...prefix] };
  const positionals: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const word = args[index]!;
    const raw = word.raw;
    if (!raw.startsWith('-') || raw === '-') {
      if (word.value !== undefined) positionals.push(word.value);
      continue;
    }
    const equals = raw.indexOf('=');
    const option = equals === -1 ? raw : raw.slice(0, equals);
    let optionValue: string | undefined;
    let optionRaw: string | undefined;
    if (equals !== -1) {
      optionValue = word.value?.slice(word.value.indexOf('=') + 1);
      optionRaw = raw.slice(equals + 1);
    } else if (!options.flags.has(option) && index + 1 < args.length) {
      optionRaw = args[index + 1]!.raw;
      optionValue = value(args[++index]);
    }
    if (options.env.includes(option)) {
      // `--env NAME=$VALUE`: set, value unknown.
      const pair = envPair(optionValue) ?? unknownPair(optionRaw);
      if (pair) parsed.env.push(pair);
      continue;
    }
    if (option === '--reload') parsed.reload = option;
    if (optionValue === undefined) continue;
    if (option === '--log-level') parsed.logLevel = optionValue.toLowerCase();
    else if (name === 'uwsgi' && option === '--py-autoreload' && /^[1-9]\d*$/.test(optionValue)) parsed.reload = `${option} ${optionValue}`;
    else if (options.config.includes(option)) parsed.configFile = optionValue;
    else if (options.chdir.includes(option)) parsed.chdir = optionValue;
    else if (options.pythonPath.includes(option)) (parsed.pythonPath ??= []).push(...optionValue.split(/[,:]/).filter(Boolean));
    else if (options.module.includes(option)) parsed.appModule = optionValue;
    else if (options.wsgiFile.includes(option)) parsed.wsgiFile = optionValue;
    else if (name === 'waitress' && option === '--app') parsed.appModule = optionValue;
  }
  if (name === 'uwsgi') {
    // `uwsgi uwsgi.ini`: a lone config file argument.
    const config = positionals.find((positional) => /\.(?:ini|ya?ml|json|xml)$/.test(positional));
    if (config && !parsed.configFile) parsed.configFile = config;
  } else {
    // The app is the positional that looks like a module (`config.wsgi:application`, `config.wsgi`, `main:app`).
    parsed.appModule = positionals.find((positional) => /^[A-Za-z_][\w.]*(?::[\w.()]+)?$/.test(positional) && /[.:]/.test(positional)) ?? positionals[0];
  }
  const settings = settingsFrom(parsed.env);
  if (settings !== undefined) parsed.settingsModule = settings;
  return parsed;
}

function parseRunserver(program: Word | undefined, args: Word[], prefix: CommandEnv[]): ParsedServerCommand {
  const manage = manageFromArgs('runserver', args);
  const parsed: ParsedServerCommand = { server: 'runserver', env: [...prefix] };
  const managePy = program?.value?.replace(/^\.\//, '');
  if (managePy !== undefined && commandName(program) === 'manage.py') parsed.managePy = managePy;
  const settings = manage.settingsModule ?? settingsFrom(prefix);
  if (settings !== undefined) parsed.settingsModule = settings;
  if (manage.pythonPath !== undefined) parsed.pythonPath = [manage.pythonPath];
  return parsed;
}

function manageFromArgs(subcommand: string, args: Word[]): ParsedManageCommand {
  const parsed: ParsedManageCommand = { subcommand };
  for (let index = 0; index < args.length; index++) {
    const raw = args[index]!.raw;
    const option = raw.includes('=') ? raw.slice(0, raw.indexOf('=')) : raw;
    if (option !== '--settings' && option !== '--pythonpath') continue;
    const optionValue = raw.includes('=') ? args[index]!.value?.slice(args[index]!.value!.indexOf('=') + 1) : value(args[++index]);
    if (optionValue === undefined) continue;
    if (option === '--settings') parsed.settingsModule = optionValue;
    else parsed.pythonPath = optionValue;
  }
  return parsed;
}

function prefixEnv(command: ReturnType<typeof simpleCommand>): CommandEnv[] {
  return command.assignments.map(({ name, value: assigned }) => ({ name, value: assigned }));
}

/** `cd a` then `--chdir b`: the directory the server imports from, relative to where the command starts. */
function joinDirectory(base: string | undefined, next: string | undefined): string | undefined {
  if (base === undefined || next === undefined || next.startsWith('/')) return next ?? base;
  return `${base.replace(/\/$/, '')}/${next}`;
}

function inDirectory(parsed: ParsedServerCommand, cd: string | undefined): ParsedServerCommand {
  const chdir = joinDirectory(cd, parsed.chdir);
  return chdir === undefined ? parsed : { ...parsed, chdir };
}

/**
 * The server a command line starts: the first simple command (of `a && b; c`, or inside
 * `sh -c "…"`) that runs gunicorn, uvicorn, daphne, uwsgi, waitress(-serve), hypercorn, granian (directly,
 * as `python -m X`, or behind `exec`, `poetry run`, …) or `manage.py runserver`, in the directory
 * earlier `cd`s of the line moved to. Undefined when none does.
 */
export function parseServerCommand(text: string, scope: Scope = new Map()): ParsedServerCommand | undefined {
  let cd: string | undefined;
  for (const command of simpleCommands(text, scope)) {
    const words = command.words;
    if (words[0]?.raw === 'cd') {
      // `cd $DIR`: where the server runs is no longer known.
      cd = words[1]?.value === undefined ? undefined : joinDirectory(cd, words[1].value);
      continue;
    }
    const viaPython = pythonArguments(words);
    const program = viaPython ? commandName(viaPython[0]) : commandName(words[0]);
    const args = (viaPython ?? words).slice(1);
    const server = program === undefined ? undefined : SERVER_NAMES[program];
    if (server) return inDirectory(parseServer(server, args, prefixEnv(command)), cd);
    // A wrapper script in front of the server (`bin/start-nginx gunicorn …`).
    const wrapped = words[0]?.value?.includes('/') ? words.findIndex((word, index) => index > 0 && SERVER_NAMES[commandName(word) ?? ''] !== undefined) : -1;
    if (wrapped > 0) return inDirectory(parseServer(SERVER_NAMES[commandName(words[wrapped])!]!, words.slice(wrapped + 1), prefixEnv(command)), cd);
    const manage = manageArguments(words);
    if (manage && /^runserver(?:_plus)?$/.test(manage[0]?.value ?? '')) return inDirectory(parseRunserver((viaPython ?? words)[0], manage.slice(1), prefixEnv(command)), cd);
  }
  return undefined;
}

/**
 * The `manage.py` commands of a command line, each with its `--settings`/`--pythonpath`
 * (`python manage.py migrate --settings=config.settings.production && python manage.py collectstatic`).
 * A `DJANGO_SETTINGS_MODULE=…` prefix counts as the settings when `--settings` is absent.
 */
export function parseManageCommands(text: string, scope: Scope = new Map()): ParsedManageCommand[] {
  const found: ParsedManageCommand[] = [];
  for (const command of simpleCommands(text, scope)) {
    const manage = manageArguments(command.words);
    const subcommand = manage?.[0]?.value;
    if (!manage || subcommand === undefined || subcommand.startsWith('-')) continue;
    const parsed = manageFromArgs(subcommand, manage.slice(1));
    const prefixed = settingsFrom(prefixEnv(command));
    if (parsed.settingsModule === undefined && prefixed !== undefined) parsed.settingsModule = prefixed;
    found.push(parsed);
  }
  return found;
}
