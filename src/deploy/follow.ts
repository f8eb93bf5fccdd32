/**
 * Follow the scripts a deploy command runs (an image's ENTRYPOINT/CMD, a Procfile or render.yaml
 * command) the way the platform does: map the path the command names to a repository file (through
 * the image's COPY/WORKDIR, relative to the deploy file, else by file name), read it, and keep the
 * server and manage.py commands it runs with the variables exported before them, each with the chain
 * of locations that leads to it. Bounded depth, no cycles; what cannot be followed is skipped with a reason.
 */
import { posix } from 'node:path';
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import type { Workspace } from '../workspace/types.js';
import { baseName, isWithin, joinPath } from '../workspace/paths.js';
import { isVendoredIn } from '../workspace/vendored.js';
import type { ImageLayout } from './dockerfile.js';
import { readShellScript } from './shell-script.js';
import type { ScriptReading, ScriptStep } from './shell-script.js';
import { recipeScript } from './deploy-scripts.js';
import { simpleCommand, splitCommands } from './shell.js';
import type { DeployCommand, DeployProblem } from './types.js';
import { globRegExp } from '../workspace/glob.js';

/** COPY sources match as Go's filepath.Match does: classes and backslash escapes, no `**`. */
const COPY_GLOB = { classes: true, escapes: true } as const;

/** Scripts calling scripts are followed at most this deep. */
export const MAX_SCRIPT_DEPTH = 5;
/** Where a bare program name is found in an image (the usual PATH). */
const PATH_DIRS = ['/usr/local/bin', '/usr/local/sbin', '/usr/bin', '/usr/sbin', '/bin', '/sbin'];

/** Where the paths a command names are looked up: inside an image, or relative to a repository directory. */
export type PathBase = { kind: 'image'; layout: ImageLayout } | { kind: 'repo'; dir: string };

export interface FollowSink {
  workspace: Workspace;
  problems: DeployProblem[];
  skipped: { file: string; reason: string; location?: FileLocation }[];
  /** Called once per script file read. */
  scriptRead(path: string): void;
  /** What is left of the workspace's following budget, shared by every command followed. */
  budget: FollowBudget;
}

/** Script visits and commands still allowed; beyond them scripts are skipped, so fan-out cannot explode. */
export interface FollowBudget {
  scripts: number;
  commands: number;
}

/** A workspace's following budget: scripts calling scripts on many lines would otherwise grow exponentially. */
export function followBudget(): FollowBudget {
  return { scripts: 200, commands: 2000 };
}

export interface FollowResult {
  commands: DeployCommand[];
  /** Where a followed script runs its arguments (`exec "$@"`): the chain to that line and the variables then set. */
  runArgs?: { via: FileLocation[]; env: EnvVar[] };
}

function normalize(path: string): string {
  const normal = posix.normalize(path);
  return normal === '.' ? '' : normal.replace(/^\.\//, '');
}

/** The repository file an image path comes from, through the stage's COPY/ADD (the last copy wins). */
function throughCopies(target: string, layout: ImageLayout, workspace: Workspace): string | undefined {
  for (const copy of [...layout.copies].reverse()) {
    const dest = copy.dest.replace(/\/+$/, '') || '/';
    for (const source of copy.sources) {
      const from = normalize(joinPath(layout.context, source));
      const candidates: string[] = [];
      if (/[*?[]/.test(source)) {
        if (posix.dirname(target) === dest && globRegExp(baseName(source), COPY_GLOB).test(baseName(target))) candidates.push(normalize(joinPath(posix.dirname(from), baseName(target))));
      } else {
        if (target === dest) candidates.push(from);
        if (target.startsWith(dest === '/' ? '/' : `${dest}/`)) {
          const rest = target.slice(dest === '/' ? 1 : dest.length + 1);
          candidates.push(normalize(joinPath(from, rest)));
          if (rest === baseName(source)) candidates.push(from);
        }
      }
      const found = candidates.find((candidate) => candidate !== '' && workspace.exists(candidate));
      if (found) return found;
    }
  }
  return undefined;
}

const byBaseName = new WeakMap<Workspace, Map<string, string[]>>();

/** The repository file with this name, preferring those under `near`, then the shallowest; undefined when there is none. */
function byName(path: string, near: string, workspace: Workspace): string | undefined {
  let index = byBaseName.get(workspace);
  if (!index) {
    index = new Map();
    for (const file of workspace.files) {
      const name = baseName(file);
      const list = index.get(name);
      if (list) list.push(file);
      else index.set(name, [file]);
    }
    byBaseName.set(workspace, index);
  }
  // A script of the same name inside a committed virtualenv is not the one the image runs.
  const vendored = isVendoredIn(workspace);
  const matches = (index.get(baseName(path)) ?? []).filter((file) => !vendored(file));
  const close = matches.filter((file) => isWithin(file, near));
  const pool = close.length > 0 ? close : matches;
  return [...pool].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
}

/**
 * The repository file a command's path names. `exact` leaves out the by-name fallback (for files a
 * server reads by default from its working directory).
 */
export function resolveCommandPath(path: string, base: PathBase, workspace: Workspace, exact = false): string | undefined {
  if (base.kind === 'image') {
    const target = posix.normalize(path.startsWith('/') ? path : posix.join(base.layout.workdir ?? '/', path));
    return throughCopies(target, base.layout, workspace) ?? (exact ? undefined : byName(path, base.layout.context, workspace));
  }
  if (!path.startsWith('/')) {
    const relative = normalize(joinPath(base.dir, path));
    if (!relative.startsWith('../') && relative !== '' && workspace.exists(relative)) return relative;
  }
  return exact ? undefined : byName(path, base.dir, workspace);
}

interface State {
  /** The script was reached through an `if`/`case` branch of its caller. */
  conditional?: boolean;
  via: FileLocation[];
  env: EnvVar[];
  depth: number;
  visiting: Set<string>;
  /** What each script already followed for this command exported, by key and whether it was reached conditionally. */
  done: Map<string, EnvVar[]>;
}

/** The scripts a command runs and what they run, with `via` starting at the command itself. */
export function followCommand(command: DeployCommand, base: PathBase, sink: FollowSink): FollowResult {
  const result: FollowResult = { commands: [] };
  // The command line itself, read as a one-line script (its own server command is already `command`).
  const top = readShellScript(command.location.file, command.text);
  const state: State = { via: [...(command.via ?? []), command.location], env: command.env ?? [], depth: 0, visiting: new Set(), done: new Map() };
  const scripts = top.steps.filter((step) => step.kind === 'script' || step.kind === 'recipe');
  for (const step of scripts) {
    const target = step.kind === 'script' ? scriptTarget(step.path, base, sink) : recipeTarget(step, base, sink);
    followScript(target, { ...state, env: [...state.env, ...step.env] }, base, command, result, sink);
  }
  if (scripts.length === 0 && base.kind === 'image') {
    // `CMD ["/start"]`, `ENTRYPOINT ["start-app"]`: a program without an extension that the image copies
    // from the repository, by path or into a directory on the PATH.
    const program = simpleCommand(splitCommands(command.text)[0]?.text ?? '').words[0]?.value;
    const paths = program === undefined ? [] : program.startsWith('/') ? [posix.normalize(program)] : program.includes('/') ? [] : PATH_DIRS.map((dir) => `${dir}/${program}`);
    const copied = paths.find((path) => throughCopies(path, base.layout, sink.workspace));
    if (copied) followScript(scriptTarget(copied, base, sink), state, base, command, result, sink);
  }
  return result;
}

/** A file a step names, resolved and read, with the key that detects cycles; a string is why it cannot be. */
type Target = { file: string; key: string; script: ScriptReading } | string;

function scriptTarget(path: string, base: PathBase, sink: FollowSink): Target {
  const file = resolveCommandPath(path, base, sink.workspace);
  if (!file) return `runs ${path}, which is not in the repository`;
  const read = sink.workspace.readText(file);
  if (!read.ok) return `${file}: ${read.message}`;
  return { file, key: file, script: readShellScript(file, read.text) };
}

const RECIPE_FILES = { make: ['Makefile', 'makefile', 'GNUmakefile'], just: ['justfile', 'Justfile', '.justfile'] };

/** The recipe `make target` / `just target` runs, from the Makefile/justfile of the working directory (or `-f file`). */
function recipeTarget(step: Extract<ScriptStep, { kind: 'recipe' }>, base: PathBase, sink: FollowSink): Target {
  const file = step.file ? resolveCommandPath(step.file, base, sink.workspace) : RECIPE_FILES[step.tool].map((name) => resolveCommandPath(name, base, sink.workspace, true)).find(Boolean);
  if (!file) return `runs ${step.tool} ${step.target}, but its ${step.file ?? RECIPE_FILES[step.tool][0]} is not in the repository`;
  const read = sink.workspace.readText(file);
  if (!read.ok) return `${file}: ${read.message}`;
  const recipe = recipeScript(read.text, step.tool === 'make' ? 'makefile' : 'justfile', step.target);
  if (recipe === undefined) return `${file} has no recipe for ${step.target}`;
  return { file, key: `${file}#${step.target}`, script: readShellScript(file, recipe) };
}

/** Follow a script or recipe; returns what it exports (for `. ./env.sh`). */
function followScript(target: Target, state: State, base: PathBase, origin: DeployCommand, result: FollowResult, sink: FollowSink): EnvVar[] {
  const from = state.via.at(-1)!;
  const skip = (reason: string): EnvVar[] => {
    sink.skipped.push({ file: from.file, reason, location: from });
    return [];
  };
  if (typeof target === 'string') return skip(target);
  const { file, key, script } = target;
  if (state.visiting.has(key)) return skip(`${file} runs itself again (a cycle); not followed further`);
  if (state.depth >= MAX_SCRIPT_DEPTH) return skip(`${file} is more than ${MAX_SCRIPT_DEPTH} scripts deep; not followed`);
  // A script this command already followed adds nothing new: its commands are listed once, with the first caller's chain.
  const memo = `${state.conditional ? '?' : ''}${key}`;
  const done = state.done.get(memo);
  if (done) return done;
  if (sink.budget.scripts <= 0 || sink.budget.commands <= 0) return skip(`${file} not followed: the deploy scripts run more scripts or commands than deploycheck follows`);
  sink.budget.scripts--;
  sink.scriptRead(file);
  sink.problems.push(...script.problems);
  const visiting = new Set([...state.visiting, key]);
  const sourced: EnvVar[] = [];
  for (const step of script.steps) {
    const env = [...state.env, ...sourced, ...step.env];
    if (step.kind === 'command') {
      if (sink.budget.commands <= 0) {
        skip(`${file}:${step.location.line} and later commands not followed: the deploy scripts run more commands than deploycheck follows`);
        break;
      }
      sink.budget.commands--;
      result.commands.push({
        text: step.text,
        kind: 'script',
        location: step.location,
        ...(step.server ? { server: step.server } : {}),
        ...(step.conditional || state.conditional ? { conditional: true } : {}),
        ...(step.manage ? { manage: step.manage.find((parsed) => parsed.settingsModule !== undefined) ?? step.manage[0]! } : {}),
        origin: origin.origin ?? origin.kind,
        ...(origin.process ? { process: origin.process } : {}),
        ...(origin.deployed !== undefined ? { deployed: origin.deployed } : {}),
        via: state.via,
        env,
      });
    } else if (step.kind === 'script' || step.kind === 'recipe') {
      const conditional = state.conditional || step.conditional === true;
      const next = step.kind === 'script' ? scriptTarget(step.path, base, sink) : recipeTarget(step, base, sink);
      const exported = followScript(next, { via: [...state.via, step.location], env, depth: state.depth + 1, visiting, done: state.done, ...(conditional ? { conditional } : {}) }, base, origin, result, sink);
      if (step.kind === 'script' && step.sourced) sourced.push(...exported);
    } else {
      result.runArgs ??= { via: [...state.via, step.location], env };
    }
  }
  state.done.set(memo, script.exports);
  return script.exports;
}
