/**
 * Deploy scripts (shell scripts, Makefile and justfile recipes, the `run:` steps of CI deploy jobs):
 * the platform config they set (`heroku config:set`, `fly secrets set`, `gcloud run deploy
 * --set-env-vars`, `railway variables set`, `dokku config:set`) and the compose `-f` chains they run.
 */
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import type { Word } from './dockerfile-words.js';
import { commandName, simpleCommand, splitCommands } from './shell.js';

export type ScriptFormat = 'shell' | 'makefile' | 'justfile' | 'workflow';

export interface ComposeChain {
  /** The `-f` files in order, as written. */
  files: string[];
  location: FileLocation;
  /** Whether the recipe, job or script is named for deploying (deploy, release, prod, publish). */
  deploying: boolean;
  /** Why the chain counts, when not a script's `-f` list. */
  reason?: string;
}

export interface DeployScriptReading {
  env: EnvVar[];
  /** `docker build --build-arg NAME=value`: values baked into the image's history. */
  buildArgs: EnvVar[];
  composeChains: ComposeChain[];
}

const DEPLOYING = /(?:^|[^a-z])(?:deploy\w*|release|prod|production|publish|ship|cd)(?:[^a-z]|$)/i;

interface Line {
  text: string;
  line: number;
  deploying: boolean;
}

/** `A=1` words of a config-set command; a value holding `$` (a shell or make variable, a CI secret) is unknown. */
function pairs(words: Word[], file: string, line: number, label: string, valueOptions: Set<string>): EnvVar[] {
  const vars: EnvVar[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    if (valueOptions.has(word.raw)) {
      index++;
      continue;
    }
    const name = /^["']?([A-Za-z_][A-Za-z0-9_]*)=/.exec(word.raw)?.[1];
    if (!name) continue;
    const known = word.value !== undefined && !word.raw.includes('$');
    const value = known ? word.value!.slice(word.value!.indexOf('=') + 1) : undefined;
    const location = { file, line, column: word.offset + 1 };
    vars.push({ name, value, source: { kind: 'deploy-script', location, label: `${file}:${line} (${label})` } });
  }
  return vars;
}

/** `--set-env-vars A=1,B=2` or `--set-env-vars=A=1,B=2` (gcloud). */
function gcloudPairs(words: Word[], file: string, line: number): EnvVar[] {
  const vars: EnvVar[] = [];
  for (let index = 0; index < words.length; index++) {
    const raw = words[index]!.raw;
    const option = /^--(set-env-vars|update-env-vars|set-secrets|update-secrets)(=.*)?$/.exec(raw);
    if (!option) continue;
    const secret = option[1]!.endsWith('secrets');
    const word = option[2] ? words[index]! : words[++index];
    if (!word) continue;
    const text = option[2] ? (word.value ?? word.raw).slice(raw.indexOf('=') + 1) : (word.value ?? word.raw);
    for (const pair of text.split(',')) {
      const equals = pair.indexOf('=');
      if (equals <= 0) continue;
      const value = secret || pair.includes('$') || word.value === undefined ? undefined : pair.slice(equals + 1);
      const location = { file, line, column: word.offset + 1 };
      vars.push({ name: pair.slice(0, equals), value, source: { kind: 'deploy-script', location, label: `${file}:${line} (gcloud ${option[1]})` } });
    }
  }
  return vars;
}

/** `docker build`, `docker buildx build`, `docker image build`. */
function isDockerBuild(args: string[]): boolean {
  return args[0] === 'build' || ((args[0] === 'buildx' || args[0] === 'image') && args[1] === 'build');
}

/** `--build-arg NAME=value` / `--build-arg=NAME=value`; `--build-arg NAME` passes the builder's variable (value unknown). */
function buildArgPairs(words: Word[], file: string, line: number): EnvVar[] {
  const args: Word[] = [];
  for (let index = 0; index < words.length; index++) {
    const raw = words[index]!.raw;
    if (raw === '--build-arg' && words[index + 1]) args.push(words[++index]!);
    else if (raw.startsWith('--build-arg=')) {
      const word = words[index]!;
      const cut = '--build-arg='.length;
      args.push({ ...word, raw: raw.slice(cut), value: word.value?.slice(cut), offset: word.offset + cut });
    }
  }
  return pairs(args, file, line, 'docker build --build-arg', NO_OPTIONS);
}

const HEROKU_OPTIONS = new Set(['-a', '--app', '-r', '--remote']);
const NO_OPTIONS = new Set<string>();

/** The variables a command line sets in the platform's config, and the compose chain it runs. */
function readLine(line: Line, file: string, reading: DeployScriptReading): void {
  for (const segment of splitCommands(line.text)) {
    const words = simpleCommand(segment.text).words;
    const program = commandName(words[0]);
    const args = words.slice(1).map((word) => word.value ?? word.raw);
    if (program === 'heroku' && args[0] === 'config:set') reading.env.push(...pairs(words.slice(2), file, line.line, 'heroku config:set', HEROKU_OPTIONS));
    else if (program === 'dokku' && args[0] === 'config:set') reading.env.push(...pairs(words.slice(2), file, line.line, 'dokku config:set', NO_OPTIONS));
    else if ((program === 'fly' || program === 'flyctl') && args[0] === 'secrets' && args[1] === 'set') {
      reading.env.push(...pairs(words.slice(3), file, line.line, `${program} secrets set`, HEROKU_OPTIONS));
    } else if (program === 'gcloud' && args.includes('deploy')) reading.env.push(...gcloudPairs(words, file, line.line));
    else if (program === 'railway' && /^variables?$/.test(args[0] ?? '')) {
      reading.env.push(...pairs(words.slice(2).filter((word) => word.raw !== '--set'), file, line.line, 'railway variables', new Set(['-s', '--service', '-e', '--environment'])));
    } else if (program === 'docker' && isDockerBuild(args)) reading.buildArgs.push(...buildArgPairs(words, file, line.line));
    else if (program === 'docker-compose' || (program === 'docker' && args[0] === 'compose')) {
      const files: string[] = [];
      for (let index = 1; index < words.length; index++) {
        const raw = words[index]!.raw;
        if (raw === '-f' || raw === '--file') files.push(words[++index]?.value ?? '');
        else if (/^--file=/.test(raw)) files.push((words[index]!.value ?? '').slice('--file='.length));
      }
      if (files.length > 0 && files.every((path) => path !== '' && !path.includes('$'))) {
        reading.composeChains.push({ files, location: { file, line: line.line, column: segment.offset + 1 }, deploying: line.deploying });
      }
    }
  }
}

/** Lines with `\` continuations joined. */
function joined(text: string): { text: string; line: number }[] {
  const lines = text.split(/\r?\n/);
  const result: { text: string; line: number }[] = [];
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let current = lines[index]!;
    while (current.trimEnd().endsWith('\\') && index + 1 < lines.length) current = `${current.trimEnd().slice(0, -1)} ${lines[++index]!.trim()}`;
    result.push({ text: current, line: start + 1 });
  }
  return result;
}

/** Makefile/justfile recipe lines with the recipe each belongs to. */
function recipeLines(text: string, format: 'makefile' | 'justfile'): (Line & { recipe: string })[] {
  const lines: (Line & { recipe: string })[] = [];
  let recipe = '';
  for (const { text: line, line: number } of joined(text)) {
    const body = format === 'makefile' ? /^\t(.*)$/.exec(line) : /^[ \t]+(\S.*)$/.exec(line);
    if (body) {
      lines.push({ text: body[1]!.replace(/^[@+-]+/, ''), line: number, deploying: DEPLOYING.test(recipe), recipe });
      continue;
    }
    // `deploy:`, `deploy-prod: build`, justfile `deploy env="prod":`; not `VAR := value`.
    const target = /^@?([\w.%/-]+)(?:\s[^:=]*)?:(?!=)/.exec(line);
    if (target) recipe = target[1]!;
  }
  return lines;
}

/**
 * The recipe of one Makefile/justfile target as a shell script whose lines keep their line numbers
 * in the file (other lines blank), `$$` read as `$`; undefined when the file has no such target.
 */
export function recipeScript(text: string, format: 'makefile' | 'justfile', target: string): string | undefined {
  const lines = recipeLines(text, format).filter((line) => line.recipe === target);
  if (lines.length === 0) return undefined;
  const out: string[] = [];
  for (const line of lines) {
    while (out.length < line.line - 1) out.push('');
    out.push(format === 'makefile' ? line.text.replace(/\$\$/g, '$') : line.text);
  }
  return out.join('\n');
}

/**
 * The shell lines of the jobs of a workflow that deploy (by workflow file or name, job id, job name
 * or a job `environment`), read line by line rather than parsed: YAML parsing a large CI file costs
 * more than the rest of the deploy reading. A `run:` step's text keeps its own line numbers.
 */
function workflowLines(file: string, text: string): Line[] {
  const lines: Line[] = [];
  const workflowDeploys = DEPLOYING.test(file.slice(file.lastIndexOf('/') + 1)) || DEPLOYING.test(/^name\s*:\s*(.*)$/m.exec(text)?.[1] ?? '');
  let inJobs = false;
  let jobIndent = -1;
  let jobDeploying = false;
  for (const { text: line, line: number } of joined(text)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      inJobs = /^jobs\s*:\s*$/.test(line);
      jobIndent = -1;
      continue;
    }
    if (!inJobs) continue;
    if (jobIndent === -1) jobIndent = indent;
    if (indent === jobIndent) {
      jobDeploying = DEPLOYING.test(/^([\w-]+)\s*:/.exec(trimmed)?.[1] ?? '');
      continue;
    }
    const key = /^(name|environment)\s*:\s*(.*)$/.exec(trimmed);
    if (key && indent <= jobIndent + 4 && !/^-/.test(trimmed)) {
      if (key[1] === 'environment' || DEPLOYING.test(key[2]!)) jobDeploying = true;
      continue;
    }
    if (!(workflowDeploys || jobDeploying)) continue;
    lines.push({ text: trimmed.replace(/^-?\s*run\s*:\s*(?:[|>][-+]?\s*$)?/, ''), line: number, deploying: true });
  }
  return lines;
}

/** Read a deploy script of the given format. Never throws. */
export function readDeployScript(file: string, text: string, format: ScriptFormat): DeployScriptReading {
  const reading: DeployScriptReading = { env: [], buildArgs: [], composeChains: [] };
  const lines =
    format === 'workflow'
      ? workflowLines(file, text)
      : format === 'shell'
        ? joined(text).map((line) => ({ ...line, deploying: DEPLOYING.test(file.slice(file.lastIndexOf('/') + 1)) }))
        : recipeLines(text, format);
  for (const line of lines) if (!/^\s*#/.test(line.text)) readLine(line, file, reading);
  return reading;
}
