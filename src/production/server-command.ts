/**
 * What a deploy command starts, read from its text: the app server (gunicorn, uvicorn, uwsgi, …, or
 * `manage.py runserver`), the app module it serves, and the settings and variables the command line
 * gives it. A stand-in until deploy facts carry a parsed `server` themselves (see `serverOf`).
 */
import type { DeployCommand } from '../deploy/types.js';

export interface ServerCommand {
  /** `gunicorn`, `uvicorn`, `daphne`, `hypercorn`, `uwsgi`, `waitress-serve`, `granian`, or `runserver`. */
  server: string;
  /** The module the server imports the app from (`config.wsgi`), without the `:application` part. */
  appModule?: string;
  /** `--settings=` on the command line. */
  settingsModule?: string;
  /** Variables the command sets: `NAME=value` before it, gunicorn/uwsgi `--env NAME=value`. */
  env: Record<string, string>;
  /** The directory the command runs in, relative to where it starts (`cd src && …`, `--chdir src`). */
  chdir?: string;
  /** The server's own configuration file (`-c gunicorn.conf.py`, `--ini uwsgi.ini`), as written. */
  configFile?: string;
  /** `manage.py` as the command names it (`src/manage.py`), for runserver. */
  managePy?: string;
}

const SERVERS = new Set(['gunicorn', 'uvicorn', 'daphne', 'hypercorn', 'uwsgi', 'waitress-serve', 'granian']);
/** Words that only run the next word: `exec gunicorn`, `poetry run gunicorn`, `ddtrace-run gunicorn`. */
const WRAPPERS = new Set(['exec', 'env', 'nohup', 'ddtrace-run', 'opentelemetry-instrument', 'dumb-init', 'tini', '--']);
const RUNNERS = new Set(['poetry', 'pipenv', 'uv', 'pdm', 'hatch', 'rye']);
const ASSIGNMENT = /^([A-Za-z_]\w*)=(.*)$/s;
const MODULE = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*(?::[A-Za-z_][\w.]*(?:\(.*\))?)?$/;
/** Options whose value is never the app module (even when it looks like one: `-k uvicorn.workers.UvicornWorker`). */
const VALUE_OPTIONS = new Set([
  '-k', '--worker-class', '-c', '--config', '--chdir', '--pythonpath', '--log-level', '--log-config', '-e', '--env',
  '--settings', '-b', '--bind', '-w', '--workers', '--threads', '-t', '--timeout', '--host', '--port', '-p', '--ini',
  '--interface', '--name', '-n', '--user', '-u', '--group', '-g', '--paste', '--loop', '--http', '--ws', '--lifespan',
  '--root-path', '--app-dir', '--env-file', '--access-logfile', '--error-logfile', '--logger-class', '--max-requests',
  '--max-requests-jitter', '--graceful-timeout', '--keep-alive', '--forwarded-allow-ips', '--proxy-headers',
]);

/** Split a shell command into words (quotes and backslashes honoured), with `&&`, `||`, `;`, `|` as their own words. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  const end = (): void => {
    if (started) words.push(word);
    word = '';
    started = false;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += char;
      continue;
    }
    if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '\\' && i + 1 < text.length) {
      word += text[++i];
      started = true;
    } else if (/\s/.test(char)) {
      end();
    } else if (char === ';' || char === '|' || char === '&') {
      end();
      const double = (char === '|' || char === '&') && text[i + 1] === char;
      words.push(double ? char + char : char);
      if (double) i++;
    } else {
      word += char;
      started = true;
    }
  }
  end();
  return words;
}

/** A JSON-array command (`["gunicorn", "config.wsgi"]`, exec form) as plain words; else undefined. */
function execForm(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? (parsed as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function splitSegments(words: string[]): string[][] {
  const segments: string[][] = [[]];
  for (const word of words) {
    if (['&&', '||', ';', '|', '&'].includes(word)) segments.push([]);
    else segments[segments.length - 1]!.push(word);
  }
  return segments.filter((segment) => segment.length > 0);
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/** `--name=value` or `--name value`: the value of an option in `words`, and every value when repeated. */
function optionValues(words: string[], names: string[]): string[] {
  const values: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    for (const name of names) {
      if (word === name && i + 1 < words.length) values.push(words[i + 1]!);
      else if (word.startsWith(`${name}=`)) values.push(word.slice(name.length + 1));
    }
  }
  return values;
}

function appModuleOf(server: string, args: string[]): string | undefined {
  const strip = (value: string): string => value.split(':')[0]!;
  if (server === 'uwsgi') {
    const module = optionValues(args, ['--module', '-w', '--wsgi'])[0];
    if (module) return strip(module);
    const file = optionValues(args, ['--wsgi-file', '--file'])[0];
    return file?.endsWith('.py') ? file.slice(0, -3).replace(/^\.\//, '').split('/').join('.') : undefined;
  }
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    if (word.startsWith('-')) {
      if (VALUE_OPTIONS.has(word)) i++;
      continue;
    }
    if (MODULE.test(word)) positional.push(word);
  }
  const preferred = positional.find((word) => word.includes(':') || /\.(?:wsgi|asgi)$/.test(word));
  const module = preferred ?? positional.filter((word) => word.includes('.')).at(-1);
  return module ? strip(module) : undefined;
}

function assignments(values: string[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const value of values) {
    const match = ASSIGNMENT.exec(value);
    if (match) env[match[1]!] = match[2]!;
  }
  return env;
}

/** One shell segment (`VAR=x gunicorn …`): the server it starts, if any. */
function parseSegment(words: string[], chdir: string | undefined): ServerCommand | undefined {
  const env: Record<string, string> = {};
  let i = 0;
  for (; i < words.length; i++) {
    const word = words[i]!;
    const assignment = ASSIGNMENT.exec(word);
    if (assignment) env[assignment[1]!] = assignment[2]!;
    else if (WRAPPERS.has(word) || word.startsWith('-') && i > 0 && WRAPPERS.has(words[i - 1]!)) continue;
    else if (RUNNERS.has(word) && words[i + 1] === 'run') i++;
    else break;
  }
  let rest = words.slice(i);
  if (rest[0] && /^python[\d.]*$/.test(baseName(rest[0]))) {
    rest = rest.slice(1).filter((word, index) => index > 0 || !/^-[uBOE]+$/.test(word));
    if (rest[0] === '-m') rest = rest.slice(1);
  }
  // A wrapper that runs the rest of its words (`bin/start-nginx gunicorn …`, `newrelic-admin run-program gunicorn …`).
  const wrapped = rest.findIndex((word, index) => index > 0 && SERVERS.has(baseName(word)));
  if (rest[0] && !SERVERS.has(baseName(rest[0])) && baseName(rest[0]) !== 'manage.py' && wrapped > 0) rest = rest.slice(wrapped);
  const program = rest[0] ? baseName(rest[0]) : undefined;
  if (!program) return undefined;
  const args = rest.slice(1);
  const settings = optionValues(args, ['--settings'])[0];
  const base = (server: string): ServerCommand => ({
    server,
    env: { ...env, ...assignments(optionValues(args, ['-e', '--env'])) },
    ...(settings ? { settingsModule: settings } : {}),
    ...(chdir ? { chdir } : {}),
  });
  if (SERVERS.has(program)) {
    const result = base(program);
    const appModule = appModuleOf(program, args);
    if (appModule) result.appModule = appModule;
    const own = optionValues(args, ['--chdir', '--app-dir'])[0];
    if (own) result.chdir = chdir ? `${chdir}/${own}` : own;
    const configFile = optionValues(args, ['-c', '--config', '--ini'])[0] ?? args.find((word) => /\.(?:ini|ya?ml)$/.test(word));
    if (configFile) result.configFile = configFile;
    return result;
  }
  if ((program === 'manage.py' || program === 'django-admin' || program === 'django') && args[0] === 'runserver') {
    const result = base('runserver');
    if (program === 'manage.py') result.managePy = rest[0]!.replace(/^\.\//, '');
    return result;
  }
  return undefined;
}

/**
 * The server a command starts: the first shell segment that runs one (`cd src && exec gunicorn
 * config.wsgi`), following `sh -c '…'`. Undefined for anything else (a script, a worker).
 */
export function parseServerCommand(text: string, depth = 0): ServerCommand | undefined {
  let chdir: string | undefined;
  for (const segment of splitSegments(execForm(text) ?? shellWords(text))) {
    const [first, ...rest] = segment;
    if (first === 'cd' && rest[0]) {
      chdir = chdir ? `${chdir}/${rest[0]}` : rest[0];
      continue;
    }
    if (first && /^(?:ba|da|z)?sh$/.test(baseName(first)) && rest.includes('-c') && depth < 3) {
      const script = rest[rest.indexOf('-c') + 1];
      const inner = script ? parseServerCommand(script, depth + 1) : undefined;
      if (inner) return chdir && !inner.chdir ? { ...inner, chdir } : inner;
      continue;
    }
    const found = parseSegment(segment, chdir);
    if (found) return found;
  }
  return undefined;
}

/** The parsed server of a deploy command: the deploy reader's own when it has one, else read from the text. */
export function serverOf(command: DeployCommand): ServerCommand | undefined {
  // Read loosely: the deploy reader's own shape may differ in detail (env as a map or a list of variables).
  const parsed = (command as unknown as { server?: { server?: string; appModule?: string; settingsModule?: string; configFile?: string; env?: unknown } }).server;
  if (parsed?.server) {
    const env: Record<string, string> = {};
    if (Array.isArray(parsed.env)) {
      for (const item of parsed.env as { name?: unknown; value?: unknown }[]) {
        if (typeof item?.name === 'string' && typeof item.value === 'string') env[item.name] = item.value;
      }
    } else if (parsed.env && typeof parsed.env === 'object') {
      for (const [name, value] of Object.entries(parsed.env)) if (typeof value === 'string') env[name] = value;
    }
    const fromText = parseServerCommand(command.text);
    return {
      server: parsed.server,
      env,
      ...(parsed.appModule ? { appModule: parsed.appModule.split(':')[0]! } : {}),
      ...(parsed.settingsModule ? { settingsModule: parsed.settingsModule } : {}),
      ...(parsed.configFile ? { configFile: parsed.configFile } : {}),
      ...(fromText?.chdir ? { chdir: fromText.chdir } : {}),
      ...(fromText?.managePy ? { managePy: fromText.managePy } : {}),
    };
  }
  return parseServerCommand(command.text);
}
