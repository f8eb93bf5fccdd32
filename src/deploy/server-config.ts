/**
 * Server config files a command names or a server reads by default: gunicorn's Python config
 * (`raw_env`, `wsgi_app`, `chdir`, `pythonpath`) and uwsgi's ini (`module`, `wsgi-file`, `env`,
 * `chdir`, `pythonpath`). Only literal values are read; anything computed is set, value unknown.
 */
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import { iniValues, readIni } from './ini.js';
import type { DeployProblem } from './types.js';

export interface ServerConfig {
  appModule?: string;
  wsgiFile?: string;
  chdir?: string;
  pythonPath?: string[];
  /** Variables the server sets for the app (`raw_env`, uwsgi `env =`). */
  env: EnvVar[];
  /** Auto-reload turned on (`reload = True`, uwsgi `py-autoreload = 1`), as written with its place. */
  reload?: string;
  /** `loglevel = '…'`, lower-cased. */
  logLevel?: string;
  problems: DeployProblem[];
}

/** gunicorn's default config file names, read from its working directory when no `-c` is given (gunicorn ≥ 20). */
export const GUNICORN_DEFAULT_CONFIG = 'gunicorn.conf.py';
/** Conventional names for gunicorn config files projects keep next to their deploy files. */
export const GUNICORN_CONFIG_NAMES = new Set(['gunicorn.conf.py', 'gunicorn_config.py', 'gunicorn_conf.py', 'gunicorn.config.py', 'gunicorn-cfg.py', 'gunicorn_cfg.py']);

const ASSIGNMENT = /^(raw_env|wsgi_app|chdir|pythonpath|loglevel)\s*(\+?=)\s*(.*)$/;
const RELOAD_ON = /^reload\s*=\s*(?:True|1)\s*(?:#.*)?$/;
const APPEND = /^raw_env\.(?:append|extend)\((.*)$/;
const STRING = /^[rRuUbB]?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/;
/** A statement spread over lines is read at most this far. */
const MAX_STATEMENT_LINES = 60;

function envVar(file: string, text: string | undefined, location: FileLocation, label: string): EnvVar | undefined {
  if (text === undefined) return undefined;
  const name = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(text)?.[1];
  if (!name) return undefined;
  return { name, value: text.slice(name.length + 1), source: { kind: 'deploy-script', location, label: `${file}:${location.line} (${label})` } };
}

/**
 * The string literals of a Python expression, each undefined when it is not a plain literal (an
 * f-string with a placeholder, `%`/`.format`, a name); `whole` is false when the expression also
 * holds something besides literals, commas and brackets.
 */
function literals(expression: string): { items: { text: string | undefined; raw: string }[]; whole: boolean } {
  const items: { text: string | undefined; raw: string }[] = [];
  let rest = expression.trim();
  let whole = true;
  for (let guard = 0; guard < 500 && rest !== ''; guard++) {
    const punctuation = /^[\s[\](),]+/.exec(rest);
    if (punctuation) {
      rest = rest.slice(punctuation[0].length);
      continue;
    }
    if (rest.startsWith('#')) {
      rest = rest.replace(/^#[^\n]*/, '');
      continue;
    }
    const fString = /^[fF][rR]?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/.exec(rest);
    const string = fString ?? STRING.exec(rest);
    if (string) {
      const body = string[1] ?? string[2] ?? '';
      rest = rest.slice(string[0].length);
      const formatted = /^\s*(?:%|\.format\b)/.test(rest) || (fString !== null && /\{[^{]/.test(body));
      items.push({ text: formatted ? undefined : body.replace(/\\(.)/g, '$1'), raw: body });
      continue;
    }
    whole = false;
    rest = rest.replace(/^[^\s[\](),'"]+/, '') || rest.slice(1);
  }
  return { items, whole };
}

/** The full text of a statement starting at `index`, brackets balanced (bounded); undefined when they never close. */
function statement(lines: string[], index: number, start: string): { text: string; end: number } | undefined {
  let text = start;
  let end = index;
  const depth = (value: string): number => {
    const stripped = value.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|#[^\n]*/g, '');
    return (stripped.match(/[[({]/g)?.length ?? 0) - (stripped.match(/[\])}]/g)?.length ?? 0);
  };
  while (depth(text) > 0) {
    if (end + 1 >= lines.length || end - index >= MAX_STATEMENT_LINES) return undefined;
    text += `\n${lines[++end]!}`;
  }
  return { text, end };
}

/** gunicorn's Python config file. An unclosed bracket is a problem; computed values are set, value unknown. */
export function readGunicornConfig(file: string, text: string): ServerConfig {
  const config: ServerConfig = { env: [], problems: [] };
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (RELOAD_ON.test(line)) config.reload = `${line.replace(/\s*#.*$/, '').trim()} (${file}:${index + 1})`;
    const assignment = ASSIGNMENT.exec(line);
    const append = APPEND.exec(line);
    if (!assignment && !append) continue;
    const location: FileLocation = { file, line: index + 1, column: 1 };
    const full = statement(lines, index, assignment ? assignment[3]! : `(${append![1]!}`);
    if (!full) {
      config.problems.push({ message: `${file}:${index + 1}: unclosed bracket`, location });
      return config;
    }
    index = full.end;
    const { items, whole } = literals(full.text);
    const key = assignment ? assignment[1]! : 'raw_env';
    if (key === 'raw_env') {
      if (assignment?.[2] === '=') config.env = [];
      for (const item of items) {
        const variable = envVar(file, item.text, location, 'raw_env') ?? envVar(file, item.raw, location, 'raw_env');
        if (variable) config.env.push(item.text === undefined ? { ...variable, value: undefined } : variable);
      }
      continue;
    }
    const single = whole && items.length === 1 ? items[0]!.text : undefined;
    if (single === undefined) continue;
    if (key === 'wsgi_app') config.appModule = single;
    else if (key === 'loglevel') config.logLevel = single.toLowerCase();
    else if (key === 'chdir') config.chdir = single;
    else config.pythonPath = single.split(',').filter(Boolean);
  }
  return config;
}

/** A uwsgi placeholder (`%(var)`, `$(VAR)`, `@(file)`) makes a value unknown here. */
function uwsgiValue(value: string): string | undefined {
  return /[%$@]\(/.test(value) ? undefined : value.replace(/^["']|["']$/g, '');
}

/** uwsgi's ini file: the `[uwsgi]` section. */
export function readUwsgiIni(file: string, text: string): ServerConfig {
  const ini = readIni(file, text, { bareKeys: true });
  const config: ServerConfig = { env: [], problems: ini.problems };
  const section = ini.sections.find((candidate) => candidate.name === 'uwsgi');
  if (!section) {
    config.problems.push({ message: `${file}: no [uwsgi] section`, location: { file, line: 1, column: 1 } });
    return config;
  }
  const last = (...keys: string[]): string | undefined => {
    const entry = keys.flatMap((key) => iniValues(section, key)).sort((a, b) => a.location.line - b.location.line).at(-1);
    return entry === undefined ? undefined : uwsgiValue(entry.value);
  };
  const module = last('module', 'wsgi', 'w');
  if (module) config.appModule = module;
  const wsgiFile = last('wsgi-file', 'file');
  if (wsgiFile) config.wsgiFile = wsgiFile;
  const chdir = last('chdir');
  if (chdir) config.chdir = chdir;
  const autoreload = iniValues(section, 'py-autoreload').at(-1);
  if (autoreload && /^[1-9]\d*$/.test(autoreload.value.trim())) config.reload = `py-autoreload = ${autoreload.value.trim()} (${file}:${autoreload.location.line})`;
  const pythonPath = ['pythonpath', 'python-path', 'pp'].flatMap((key) => iniValues(section, key)).map((entry) => uwsgiValue(entry.value));
  if (pythonPath.length > 0) config.pythonPath = pythonPath.filter((path): path is string => path !== undefined);
  for (const entry of iniValues(section, 'env')) {
    const value = entry.value.replace(/^["']|["']$/g, '');
    const variable = envVar(file, value, entry.location, 'env');
    if (variable) config.env.push(uwsgiValue(value) === undefined ? { ...variable, value: undefined } : variable);
  }
  return config;
}
