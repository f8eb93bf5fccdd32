import { posix } from 'node:path';
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import type { DeployCommand } from './types.js';
import { lexDockerfile } from './dockerfile-lexer.js';
import type { Instruction } from './dockerfile-lexer.js';
import { splitWords, substitute } from './dockerfile-words.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';

const DOCKERFILE = /^(?:dockerfile(?:\.[\w.-]+)?|[\w.-]+\.dockerfile)$/i;

/** Whether a file name (no directory) is a Dockerfile's: `Dockerfile`, `Dockerfile.prod`, `web.dockerfile`, in any case. */
export function isDockerfileName(name: string): boolean {
  return DOCKERFILE.test(name);
}

const OTHER_INSTRUCTIONS = new Set(['RUN', 'LABEL', 'MAINTAINER', 'EXPOSE', 'VOLUME', 'ONBUILD', 'STOPSIGNAL', 'SHELL']);

/** Where the files of an image come from: its build context and the stage's COPY/ADD instructions. */
export interface ImageLayout {
  /** The build context (workspace-relative directory). */
  context: string;
  /** The stage's final WORKDIR (absolute image path), where relative CMD paths start. */
  workdir?: string;
  /** COPY/ADD from the build context, in order: context-relative sources to an absolute image destination. */
  copies: { sources: string[]; dest: string; location: FileLocation }[];
}

export interface DockerfileOptions {
  /** The stage to build (`--target`), and who named it. */
  target?: { name: string; chosenBy: string; location?: FileLocation };
  /** Who named this Dockerfile without a target (`fly.toml [build] dockerfile`): said in the stage's `chosenBy`. */
  namedBy?: string;
  /** The build context, when not the Dockerfile's directory. */
  context?: string;
}

interface Stage {
  name?: string;
  index: number;
  from: FileLocation;
  workdir?: string;
  copies: ImageLayout['copies'];
  env: EnvVar[];
  scope: Map<string, string | undefined>;
  user?: { user: string; location: FileLocation };
  cmd?: DeployCommand;
  /** Whether this stage itself set CMD (an ENTRYPOINT resets a CMD inherited from the parent). */
  cmdSet?: boolean;
  entrypoint?: DeployCommand;
  /** The ENTRYPOINT as written (exec or shell form). */
  entrypointArgs?: string;
  healthCheck?: { location: FileLocation };
}

function copyStage(stage: Stage, name: string | undefined, index: number, from: FileLocation): Stage {
  return { ...stage, name, index, from, cmdSet: false, env: [...stage.env], copies: [...stage.copies], scope: new Map(stage.scope) };
}

/** An image path: absolute as written, or relative to the WORKDIR (`/` by default). */
function imagePath(path: string, workdir: string | undefined): string {
  return posix.normalize(path.startsWith('/') ? path : posix.join(workdir ?? '/', path));
}

/** `COPY [--chown=…] src… dest` or the JSON form; undefined for `--from=` copies (another stage or image). */
function copyArguments(args: string, scope: Map<string, string | undefined>): { sources: string[]; dest: string } | undefined {
  let parts: string[] | undefined;
  const rest = args.replace(/^(?:--[\w-]+(?:=\S*)?\s+)+/, (options) => (/--from=/.test(options) ? '\0' : ''));
  if (rest.startsWith('\0')) return undefined;
  if (rest.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(rest);
      if (Array.isArray(parsed) && parsed.every((part) => typeof part === 'string')) parts = parsed as string[];
    } catch {
      // Not JSON: read as words.
    }
  }
  parts ??= splitWords(rest, scope).map((word) => word.value ?? '');
  if (parts.length < 2 || parts.some((part) => part === '')) return undefined;
  return { sources: parts.slice(0, -1), dest: parts.at(-1)! };
}

/** `ENV A=1 B="2 3"` or the legacy `ENV A 1 2` (one variable, the rest of the line is its value). */
function envAssignments(instruction: Instruction, scope: Map<string, string | undefined>): { name: string; value: string | undefined; offset: number }[] {
  const words = splitWords(instruction.args, scope);
  const first = words[0];
  if (!first) return [];
  if (!first.raw.includes('=')) {
    const rest = instruction.args.slice(first.raw.length).trim();
    const restWords = splitWords(rest, scope);
    const value = restWords.some((word) => word.value === undefined)
      ? undefined
      : restWords.map((word) => word.value).join(' ');
    return [{ name: first.raw, value, offset: first.offset }];
  }
  return words
    .filter((word) => word.raw.includes('='))
    .map((word) => {
      const name = word.raw.slice(0, word.raw.indexOf('='));
      return { name, value: word.value?.slice(name.length + 1), offset: word.offset };
    });
}

/** Whether CMD/ENTRYPOINT arguments are the exec form (a JSON array of strings). */
function isExecForm(args: string): boolean {
  if (!args.startsWith('[')) return false;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((part) => typeof part === 'string');
  } catch {
    return false;
  }
}

/** `CMD ["a", "b"]` (exec form) or `CMD a b` (shell form) as one command line. */
function commandText(args: string): string {
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((part) => typeof part === 'string')) {
        return parsed.map((part: string) => (/\s/.test(part) ? JSON.stringify(part) : part)).join(' ');
      }
    } catch {
      // Not valid JSON: Docker runs it in shell form.
    }
  }
  return args;
}

/**
 * A Dockerfile: the deployed stage's ENV (inherited through `FROM <earlier stage>`), every ARG as a
 * build argument, the deployed stage's CMD/ENTRYPOINT, USER, WORKDIR and COPY/ADD sources. The
 * deployed stage is the last one, or the `target` a compose file or fly.toml names.
 */
export function readDockerfile(file: string, text: string, options: DockerfileOptions = {}): DeployReading {
  const reading = emptyReading();
  const context = options.context ?? posix.dirname(file).replace(/^\.$/, '');
  const globalArgs = new Map<string, string | undefined>();
  const stages: Stage[] = [];
  let stage: Stage | undefined;

  const label = (location: FileLocation): string => `${file}:${location.line}`;

  for (const instruction of lexDockerfile(file, text)) {
    const scope = stage?.scope ?? globalArgs;
    switch (instruction.keyword) {
      case 'FROM': {
        const words = splitWords(instruction.args, globalArgs).filter((word) => !word.raw.startsWith('--'));
        const image = words[0]?.value ?? words[0]?.raw ?? '';
        const name = words[1]?.raw.toLowerCase() === 'as' ? words[2]?.raw.toLowerCase() : undefined;
        const parent = stages.find((candidate) => candidate.name === image.toLowerCase());
        const index = stages.length;
        stage = parent
          ? copyStage(parent, name, index, instruction.location)
          : { name, index, from: instruction.location, copies: [], env: [], scope: new Map() };
        stages.push(stage);
        break;
      }
      case 'ARG': {
        for (const word of splitWords(instruction.args, scope)) {
          const equals = word.raw.indexOf('=');
          const name = equals === -1 ? word.raw : word.raw.slice(0, equals);
          if (name === '') continue;
          const value = equals === -1 ? (stage ? globalArgs.get(name) : undefined) : word.value?.slice(name.length + 1);
          const location = instruction.at(word.offset);
          reading.buildArgs.push({ name, value, source: { kind: 'dockerfile', location, label: label(location) } });
          scope.set(name, value);
        }
        break;
      }
      case 'ENV': {
        if (!stage) break;
        for (const { name, value, offset } of envAssignments(instruction, stage.scope)) {
          if (name === '') continue;
          const location = instruction.at(offset);
          stage.env.push({ name, value, source: { kind: 'dockerfile', location, label: label(location) } });
          stage.scope.set(name, value);
        }
        break;
      }
      case 'USER': {
        if (!stage) break;
        const user = substitute(instruction.args, stage.scope) ?? instruction.args;
        stage.user = { user, location: instruction.location };
        break;
      }
      case 'CMD':
      case 'ENTRYPOINT': {
        if (!stage) break;
        const command: DeployCommand = {
          text: commandText(instruction.args),
          kind: 'dockerfile',
          location: instruction.location,
        };
        if (instruction.keyword === 'CMD') {
          stage.cmd = command;
          stage.cmdSet = true;
        } else {
          stage.entrypoint = command;
          stage.entrypointArgs = instruction.args;
          if (!stage.cmdSet) stage.cmd = undefined;
        }
        break;
      }
      case 'WORKDIR': {
        if (!stage) break;
        const dir = substitute(instruction.args.replace(/^["']|["']$/g, ''), stage.scope);
        stage.workdir = dir === undefined ? undefined : imagePath(dir, stage.workdir);
        break;
      }
      case 'COPY':
      case 'ADD': {
        if (!stage) break;
        const copy = copyArguments(instruction.args, stage.scope);
        if (!copy || copy.sources.some((source) => /^[\w+-]+:\/\//.test(source))) break;
        stage.copies.push({ sources: copy.sources, dest: imagePath(copy.dest, stage.workdir) + (copy.dest.endsWith('/') ? '/' : ''), location: instruction.location });
        break;
      }
      case 'HEALTHCHECK': {
        if (!stage) break;
        stage.healthCheck = /^NONE\b/i.test(instruction.args) ? undefined : { location: instruction.location };
        break;
      }
      default:
        if (!OTHER_INSTRUCTIONS.has(instruction.keyword)) {
          reading.problems.push({
            message: `${file}:${instruction.location.line}: unknown instruction ${instruction.keyword}`,
            location: instruction.location,
          });
        }
    }
  }

  if (!stage) {
    if (text.trim() !== '') {
      reading.problems.push({ message: `${file}: no FROM instruction`, location: { file, line: 1, column: 1 } });
    }
    return reading;
  }
  let chosenBy = options.namedBy ? `last stage (${options.namedBy})` : 'last stage';
  const target = options.target;
  if (target) {
    const named = stages.find((candidate) => candidate.name === target.name.toLowerCase());
    if (named) {
      stage = named;
      chosenBy = target.chosenBy;
    } else {
      reading.problems.push({
        message: `${file}: no stage named ${target.name} (the build target ${target.chosenBy} names); the last stage is assumed`,
        location: target.location ?? { file, line: 1, column: 1 },
      });
    }
  }
  reading.stage = {
    dockerfile: file,
    ...(stage.name ? { stage: stage.name } : {}),
    index: stage.index,
    context,
    location: stage.from,
    chosenBy,
    ...(target && chosenBy === target.chosenBy && target.location ? { targetLocation: target.location } : {}),
    ...(stage.user ? { user: stage.user } : {}),
    ...((stage.cmd ?? stage.entrypoint) ? { start: (stage.cmd ?? stage.entrypoint)!.location } : {}),
    ...(stage.copies.length ? { copies: stage.copies } : {}),
  };
  reading.image = { context, ...(stage.workdir ? { workdir: stage.workdir } : {}), copies: stage.copies };
  for (const command of [stage.entrypoint, stage.cmd]) if (command) Object.assign(command, { role: 'web', deployed: true });
  // A shell-form ENTRYPOINT (`ENTRYPOINT gunicorn …`) never passes CMD to anything: CMD does not run.
  if (stage.entrypoint && stage.cmd && !isExecForm(stage.entrypointArgs ?? '')) {
    Object.assign(stage.cmd, { deployed: false });
    delete stage.cmd.role;
  }
  reading.imageCommands = { ...(stage.entrypoint ? { entrypoint: stage.entrypoint } : {}), ...(stage.cmd ? { cmd: stage.cmd } : {}) };
  reading.env = stage.env;
  if (stage.entrypoint) reading.commands.push(stage.entrypoint);
  if (stage.cmd) reading.commands.push(stage.cmd);
  if (stage.user) reading.containerUser = stage.user;
  if (stage.healthCheck) reading.healthChecks = [stage.healthCheck];
  reading.usesPortVariable = /\$\{?PORT\b/.test(text) || stage.scope.has('PORT');
  return reading;
}
