/**
 * What a Node start command runs: `node [options] server.js`, `ts-node src/index.ts`, `nest start`,
 * `next start`, `fastify start plugin.js` (fastify-cli), `pm2-runtime ecosystem.config.js`, a development server (`next dev`, `nodemon`), or
 * `npm start` / `npm run x` / `yarn x` / `pnpm x`, which runs a package.json script.
 */
import { commandName, inlineBody, simpleCommand, splitCommands } from '../../deploy/shell.js';
import type { Word } from '../../deploy/dockerfile-words.js';

/** What one simple command starts. */
export type NodeRun =
  /** `node [opts] file`, `ts-node file`, `tsx file`, `nodemon file`, `bun file`: a file of the project. */
  | { kind: 'file'; runner: string; file: string; envFiles: string[]; plugin?: 'fastify' }
  /** `nest start`: the Nest CLI runs nest-cli.json's entry (src/main.ts by default). */
  | { kind: 'nest'; watch: boolean }
  /** `next start` (production) or `next dev`. */
  | { kind: 'next'; mode: 'start' | 'dev' }
  /** `pm2 start x` / `pm2-runtime x`: a file or an ecosystem config. */
  | { kind: 'pm2'; target: string }
  /** `npm start`, `npm run x`, `yarn x`, `pnpm run x`: a package.json script. */
  | { kind: 'script'; name: string };

export interface ParsedStart {
  run: NodeRun;
  /** The simple command it was read from, as written. */
  text: string;
  /** `NAME=value` words before it (`NODE_ENV=production node server.js`), value undefined when not literal. */
  assignments: { name: string; value: string | undefined }[];
  /** The folder it runs in, when the line says (`cd web && npm start`, `npm --prefix web start`, `yarn --cwd web start`), as written. */
  cd?: string;
}

/** node's options that take a value as the next word (`-r dotenv/config`, `--env-file .env`). */
const NODE_OPTIONS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--env-file-if-exists', '--max-old-space-size', '--title', '-C', '--conditions', '--inspect-port']);
/** fastify-cli `start` options that take a value as the next word (`-a 0.0.0.0`, `-l info`). */
const FASTIFY_OPTIONS_WITH_VALUE = new Set(['-a', '--address', '-p', '--port', '-s', '--socket', '-l', '--log-level', '-r', '--require', '-i', '--import', '-x', '--prefix', '-T', '--plugin-timeout', '--close-grace-delay', '--body-limit', '-e', '--env-file', '-m', '--method']);
type Assignment = { name: string; value: string | undefined };

/** Wrappers that set variables for the command after them. */
const CROSS_ENV = new Set(['cross-env', 'cross-env-shell']);

function assignmentOf(word: string): Assignment | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(word);
  return match ? { name: match[1]!, value: match[2]! } : undefined;
}

/** How many `sh -c "…"` are looked into. */
const MAX_SHELL_DEPTH = 3;
/** Runners that take a file to run the way node does. */
const FILE_RUNNERS = new Set(['node', 'nodejs', 'ts-node', 'ts-node-dev', 'tsnd', 'tsx', 'nodemon', 'bun', 'babel-node', 'forever', 'supervisor', 'esno', 'esr', 'sucrase-node']);
/** Package runners: the rest of the line is the command (`npx next start`, `yarn exec`, `pnpm exec`). */
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx']);

function valueOf(word: Word | undefined): string | undefined {
  return word?.value ?? undefined;
}

/** The first word that is not an option (skipping the values of options that take one), and the env files `--env-file` names. */
function fileArgument(words: string[], withValue: ReadonlySet<string> = NODE_OPTIONS_WITH_VALUE): { file?: string; envFiles: string[] } {
  const envFiles: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (word === '--') continue;
    if (word.startsWith('-')) {
      const [name, inline] = word.split(/=(.*)/s, 2) as [string, string | undefined];
      const value = inline ?? (withValue.has(name) ? words[++index] : undefined);
      if ((name === '--env-file' || name === '--env-file-if-exists') && value) envFiles.push(value);
      continue;
    }
    return { file: word, envFiles };
  }
  return { envFiles };
}

function scriptRun(tool: string, args: string[]): NodeRun | undefined {
  const [first, second] = args;
  if (first === undefined) return undefined;
  if (first === 'start' || first === 'run-script' || first === 'run') {
    if (first === 'start') return { kind: 'script', name: 'start' };
    return second ? { kind: 'script', name: second } : undefined;
  }
  // `yarn x` and `pnpm x` run script x; npm needs `run`.
  if ((tool === 'yarn' || tool === 'pnpm' || tool === 'bun') && !first.startsWith('-') && !['install', 'add', 'exec', 'dlx'].includes(first)) {
    return { kind: 'script', name: first };
  }
  return undefined;
}

/** What the words of one simple command run, wrappers removed; undefined when it starts nothing Node. */
function runOf(words: string[]): NodeRun | undefined {
  let rest = words;
  for (let guard = 0; guard < 4 && rest.length > 0 && PACKAGE_RUNNERS.has(baseNameOf(rest[0]!)); guard++) {
    rest = rest.slice(1).filter((word, index) => index > 0 || !word.startsWith('-'));
  }
  const tool = baseNameOf(rest[0] ?? '');
  const args = rest.slice(1);
  if (tool === 'npm' || tool === 'yarn' || tool === 'pnpm') return scriptRun(tool, args);
  if (tool === 'bun' && (args[0] === 'run' || args[0] === 'start')) return scriptRun(tool, args);
  if (tool === 'next') {
    if (args[0] === 'start') return { kind: 'next', mode: 'start' };
    if (args[0] === 'dev' || args[0] === undefined) return { kind: 'next', mode: 'dev' };
    return undefined;
  }
  // fastify-cli creates the app, registers the file's exported plugin on it and listens.
  if (tool === 'fastify' && args[0] === 'start') {
    const { file } = fileArgument(args.slice(1), FASTIFY_OPTIONS_WITH_VALUE);
    return file ? { kind: 'file', runner: 'fastify', file, envFiles: [], plugin: 'fastify' } : undefined;
  }
  if (tool === 'nest') return args[0] === 'start' ? { kind: 'nest', watch: args.some((arg) => arg === '--watch' || arg === '-w') } : undefined;
  if (tool === 'pm2' || tool === 'pm2-runtime' || tool === 'pm2-docker') {
    const target = (tool === 'pm2' ? args.slice(args.indexOf('start') + 1) : args[0] === 'start' ? args.slice(1) : args).find((arg) => !arg.startsWith('-'));
    return (tool !== 'pm2' || args.includes('start')) && target ? { kind: 'pm2', target } : undefined;
  }
  if (FILE_RUNNERS.has(tool)) {
    const { file, envFiles } = fileArgument(args);
    return file ? { kind: 'file', runner: tool, file, envFiles } : undefined;
  }
  return undefined;
}

/** npm's `--prefix dir`, yarn's `--cwd dir`, pnpm's `-C dir` / `--dir dir`: the package folder the tool runs in. */
const FOLDER_OPTIONS = new Set(['--prefix', '--cwd', '-C', '--dir']);

function packageFolder(words: string[]): string | undefined {
  if (!['npm', 'yarn', 'pnpm'].includes(baseNameOf(words[0] ?? ''))) return undefined;
  for (let index = 1; index < words.length; index++) {
    const [name, inline] = words[index]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (FOLDER_OPTIONS.has(name)) return inline ?? words[index + 1];
  }
  return undefined;
}

function withoutFolderOption(words: string[]): string[] {
  const out: string[] = [];
  for (let index = 0; index < words.length; index++) {
    const name = words[index]!.split('=')[0]!;
    if (!FOLDER_OPTIONS.has(name)) out.push(words[index]!);
    else if (!words[index]!.includes('=')) index++;
  }
  return out;
}

function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The simple command of a command line that starts the server: the last one that runs something
 * Node (`npm run build && node dist/main.js` starts `node dist/main.js`); undefined when none does.
 */
export function parseStart(line: string, depth = 0): ParsedStart | undefined {
  let found: ParsedStart | undefined;
  // `export NODE_ENV=production && node x`: what an earlier segment exports holds for the later ones.
  const exported: Assignment[] = [];
  let cd: string | undefined;
  for (const segment of splitCommands(line)) {
    const simple = simpleCommand(segment.text);
    const { words } = simple;
    const assignments = [...exported, ...simple.assignments.map(({ name, value }) => ({ name, value }))];
    if (commandName(words[0]) === 'export') {
      exported.push(...words.slice(1).flatMap((word) => assignmentOf(word.value ?? word.raw) ?? []));
      continue;
    }
    if (commandName(words[0]) === 'cd') {
      cd = words[1]?.value;
      continue;
    }
    // `sh -c "sleep 5 && npm start"`: the body is the command line.
    const body = depth < MAX_SHELL_DEPTH ? inlineBody(words) : undefined;
    if (body !== undefined) {
      const inner = parseStart(body, depth + 1);
      if (inner) found = { ...inner, assignments: [...assignments, ...inner.assignments] };
      continue;
    }
    // A word with a variable not known here (`-p $PORT`) is kept as written.
    let values = words.map((word) => valueOf(word) ?? word.raw);
    // `cross-env NODE_ENV=production node x`: its assignments, then the command.
    if (CROSS_ENV.has(baseNameOf(values[0] ?? ''))) {
      values = values.slice(1);
      for (let assignment = assignmentOf(values[0] ?? ''); assignment; assignment = assignmentOf(values[0] ?? '')) {
        assignments.push(assignment);
        values = values.slice(1);
      }
    }
    const prefix = packageFolder(values);
    const run = runOf(prefix === undefined ? values : withoutFolderOption(values));
    const folder = prefix ?? cd;
    if (run) found = { run, text: segment.text, assignments, ...(folder !== undefined ? { cd: folder } : {}) };
  }
  return found;
}
