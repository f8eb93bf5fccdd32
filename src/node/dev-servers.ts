/**
 * Development servers in a production start command: `next dev`, nodemon, ts-node-dev, vite, webpack serve,
 * `node --watch`, `nest start --watch`. A start command that runs a package script (`npm start`,
 * `yarn run serve`, `pnpm dev`) is followed into package.json's scripts, a few levels deep.
 */
import { commandName, simpleCommand, splitCommands } from '../deploy/shell.js';
import type { Word } from '../deploy/dockerfile-words.js';

export interface DevServer {
  /** What runs, as the command spells it: `next dev`, `nodemon`, `node --watch`. */
  tool: string;
  /** Why it does not belong in production, one clause. */
  why: string;
  /** The package script the command was found in, when it came through one (`dev` for `npm run dev`). */
  script?: string;
}

/** How deep `npm run a` → scripts.a → `npm run b` … is followed. */
const MAX_SCRIPT_DEPTH = 4;
/** Wrappers whose own options come before the command they run. */
const PASS_THROUGH = new Set(['npx', 'cross-env', 'cross-env-shell', 'dotenv', 'env-cmd', 'bunx', 'pnpx']);

const WATCHER = 'restarts on file changes, watches the whole tree and is not built for production load';
const BUNDLER_DEV = 'serves unoptimised bundles from memory with hot reloading, verbose errors and source maps';

/** The words after the program name, their values (unknown words as their raw text). */
function argsOf(words: Word[]): string[] {
  return words.slice(1).map((word) => word.value ?? word.raw);
}

/** The dev server one simple command runs, without following package scripts. */
function devServerOfWords(words: Word[]): DevServer | undefined {
  const name = commandName(words[0]);
  if (name === undefined) return undefined;
  const args = argsOf(words);
  const sub = args.find((arg) => !arg.startsWith('-'));
  const has = (...flags: string[]): boolean => args.some((arg) => flags.some((flag) => arg === flag || arg.startsWith(`${flag}=`)));
  switch (name) {
    case 'next':
      return sub === 'dev' ? { tool: 'next dev', why: 'compiles pages on request, shows the error overlay with source and stack, and is much slower than `next start`' } : undefined;
    case 'nodemon':
    case 'ts-node-dev':
    case 'tsnd':
      return { tool: name, why: WATCHER };
    case 'node':
    case 'bun':
    case 'tsx':
      if (has('--watch', '--watch-path')) return { tool: `${name} --watch`, why: WATCHER };
      return name === 'tsx' && sub === 'watch' ? { tool: 'tsx watch', why: WATCHER } : undefined;
    case 'nest':
      return sub === 'start' && has('--watch', '-w') ? { tool: 'nest start --watch', why: WATCHER } : undefined;
    case 'vite':
      // Option values (`--host 0.0.0.0`) look like positional words: a known subcommand anywhere decides.
      if (args.includes('preview')) return { tool: 'vite preview', why: 'is a local preview of the build, which Vite documents as not meant for production' };
      return args.includes('build') || args.includes('optimize') ? undefined : { tool: 'vite', why: BUNDLER_DEV };
    case 'webpack':
    case 'webpack-cli':
      return sub === 'serve' ? { tool: `${name} serve`, why: BUNDLER_DEV } : undefined;
    case 'webpack-dev-server':
      return { tool: name, why: BUNDLER_DEV };
    case 'react-scripts':
      return sub === 'start' ? { tool: 'react-scripts start', why: BUNDLER_DEV } : undefined;
    case 'ng':
      return sub === 'serve' ? { tool: 'ng serve', why: BUNDLER_DEV } : undefined;
    case 'nuxt':
    case 'nuxi':
      return sub === 'dev' ? { tool: `${name} dev`, why: BUNDLER_DEV } : undefined;
    case 'gatsby':
      return sub === 'develop' ? { tool: 'gatsby develop', why: BUNDLER_DEV } : undefined;
    default:
      return undefined;
  }
}

/** The package script a package-manager command runs: `npm start` → start, `npm run dev` → dev, `yarn dev` → dev. */
function scriptRun(words: Word[], scripts: Readonly<Record<string, string>>): string | undefined {
  const name = commandName(words[0]);
  const args = argsOf(words).filter((arg) => !arg.startsWith('-'));
  if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun') {
    const [first, second] = args;
    if (first === 'start' || first === 'test') return first;
    if (first === 'run' || first === 'run-script') return second;
    // yarn / pnpm / bun run a script by its name alone (`yarn dev`), when the package has it.
    if (name !== 'npm' && first !== undefined && first in scripts) return first;
  }
  return undefined;
}

/** Peel pass-through wrappers (`npx next dev`, `cross-env NODE_ENV=x nodemon`, `dotenv -- node`) off a command's words. */
export function unwrap(words: Word[]): Word[] {
  let rest = words;
  for (let guard = 0; guard < 8 && rest.length > 0; guard++) {
    const name = commandName(rest[0]);
    if (name === undefined || !PASS_THROUGH.has(name)) break;
    rest = rest.slice(1);
    // Options and NAME=value words of the wrapper, then an optional `--`.
    while (rest.length > 0 && (/^-/.test(rest[0]!.raw) || /^[A-Za-z_]\w*=/.test(rest[0]!.raw))) {
      if (rest[0]!.raw === '--') {
        rest = rest.slice(1);
        break;
      }
      rest = rest.slice(1);
    }
  }
  return rest;
}

/** The simple commands a start command runs, following package scripts (`npm start` → scripts.start), with the script each came from. */
export function* startSegments(command: string, scripts: Readonly<Record<string, string>>): Generator<{ text: string; words: Word[]; script?: string }> {
  const pending: { text: string; depth: number; script?: string }[] = [{ text: command, depth: 0 }];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const { text, depth, script } = pending.shift()!;
    for (const segment of splitCommands(text)) {
      const words = simpleCommand(segment.text).words;
      yield { text: segment.text, words, ...(script === undefined ? {} : { script }) };
      const next = scriptRun(unwrap(words), scripts);
      const body = next === undefined ? undefined : scripts[next];
      if (body !== undefined && depth < MAX_SCRIPT_DEPTH && !seen.has(next!)) {
        seen.add(next!);
        pending.push({ text: body, depth: depth + 1, script: next });
      }
    }
  }
}

/** The development server a production start command runs, following package scripts; undefined when it runs none. */
export function devServerIn(command: string, scripts: Readonly<Record<string, string>> = {}): DevServer | undefined {
  for (const { words, script } of startSegments(command, scripts)) {
    const found = devServerOfWords(unwrap(words));
    if (found) return script === undefined ? found : { ...found, script };
  }
  return undefined;
}

const NODE_ENV_WORD = /(?:^|\s)(?:export\s+)?NODE_ENV=(['"]?)([\w.-]*)\1(?=\s|$)/;

/**
 * The NODE_ENV a start command sets itself, in any form (`NODE_ENV=x node …`, `cross-env NODE_ENV=x …`,
 * `env NODE_ENV=x …`, `export NODE_ENV=x && …`), following package scripts; undefined when it sets none.
 */
export function nodeEnvInCommand(command: string, scripts: Readonly<Record<string, string>> = {}): string | undefined {
  let value: string | undefined;
  for (const { text } of startSegments(command, scripts)) {
    const match = NODE_ENV_WORD.exec(text);
    if (match) value = match[2];
  }
  return value;
}
