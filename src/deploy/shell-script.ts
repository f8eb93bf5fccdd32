/**
 * A shell script that deploy files run (`docker-entrypoint.sh`, `start.sh`, `build.sh`), read as a
 * list of steps in order: the server and manage.py commands it runs, the scripts it calls or
 * sources, and `"$@"` (it then runs the image's CMD), each with the variables exported before it.
 */
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import type { Word } from './dockerfile-words.js';
import { commandName, inlineBody, simpleCommand, splitCommands } from './shell.js';
import { parseManageCommands, parseServerCommand } from './server-command.js';
import type { ParsedManageCommand, ParsedServerCommand } from './types.js';
import type { DeployProblem } from './types.js';

export type ScriptStep =
  /** A command that starts a server or runs manage.py (other commands are left out). */
  | { kind: 'command'; text: string; location: FileLocation; env: EnvVar[]; server?: ParsedServerCommand; manage?: ParsedManageCommand[]; conditional?: boolean }
  /** Another script it runs (`./migrate.sh`, `bash scripts/start.sh`) or sources (`. ./env.sh`). */
  | { kind: 'script'; path: string; sourced: boolean; location: FileLocation; env: EnvVar[]; conditional?: boolean }
  /** `make target` / `just target`: the target's recipe runs. */
  | { kind: 'recipe'; tool: 'make' | 'just'; file?: string; target: string; location: FileLocation; env: EnvVar[]; conditional?: boolean }
  /** `exec "$@"`: the script hands over to its arguments (a Dockerfile ENTRYPOINT's CMD). */
  | { kind: 'run-args'; location: FileLocation; env: EnvVar[] };

export interface ScriptReading {
  steps: ScriptStep[];
  /** Variables the script exports (or assigns under `set -a`), last value last. */
  exports: EnvVar[];
  problems: DeployProblem[];
}

const RUN_ARGS = /^(?:"\$@"|\$@|"\$\{@\}"|\$\{@\}|"\$\*"|\$\*)$/;
const HEREDOC = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/;
const SHELLS = /^(?:ba|da|z|k)?sh$/;
/** Shell keywords before a command (`then python manage.py migrate`). */
const KEYWORDS = /^(?:(?:if|then|else|elif|do|while|until|!)\s+)+/;
/** Lines longer than this are not shell a person wrote; the script is skipped. */
const MAX_LINE = 10_000;
/** `sh -c "…"` nesting followed at most this deep. */
const MAX_NESTING = 3;

interface LogicalLine {
  text: string;
  line: number;
}

/** Lines with `\` continuations joined and heredoc bodies dropped; undefined when a quote never closes. */
function logicalLines(text: string): LogicalLine[] | { unclosed: number } {
  const lines = text.split(/\r?\n/);
  const result: LogicalLine[] = [];
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    let joined = lines[index]!;
    while (joined.endsWith('\\') && index + 1 < lines.length) joined = joined.slice(0, -1) + lines[++index]!;
    // A quoted string may span lines.
    while (unbalanced(joined) && index + 1 < lines.length && index - start < 50) joined += `\n${lines[++index]!}`;
    if (unbalanced(joined)) return { unclosed: start + 1 };
    const heredoc = HEREDOC.exec(joined);
    if (heredoc && !/^\s*#/.test(joined)) {
      while (index + 1 < lines.length && lines[index + 1]!.trim() !== heredoc[1]) index++;
      index++;
    }
    result.push({ text: joined, line: start + 1 });
  }
  return result;
}

function unbalanced(line: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '\\') i++;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return false;
    else if (char === '"' || char === "'") quote = char;
  }
  return quote !== undefined;
}

/** Read a shell script. Never throws: an unclosed quote or an absurd line is a problem and the script yields nothing. */
export function readShellScript(file: string, text: string): ScriptReading {
  const reading: ScriptReading = { steps: [], exports: [], problems: [] };
  const lines = logicalLines(text);
  if (!Array.isArray(lines)) {
    reading.problems.push({ message: `${file}:${lines.unclosed}: unclosed quote`, location: { file, line: lines.unclosed, column: 1 } });
    return reading;
  }
  const scope = new Map<string, string | undefined>();
  const exported = new Map<string, EnvVar>();
  let autoExport = false;
  /** How deep inside `if`/`case`/loops the current line is: commands there run only on some paths. */
  let branches = 0;
  const variable = (name: string, value: string | undefined, location: FileLocation): EnvVar => ({
    name,
    value,
    source: { kind: 'deploy-script', location, label: `${file}:${location.line}` },
  });
  const exportVar = (envVar: EnvVar): void => {
    exported.delete(envVar.name);
    exported.set(envVar.name, envVar);
    reading.exports.push(envVar);
  };

  for (const { text: line, line: lineNumber } of lines) {
    if (line.length > MAX_LINE) {
      reading.problems.push({ message: `${file}:${lineNumber}: line too long to read`, location: { file, line: lineNumber, column: 1 } });
      return { steps: [], exports: [], problems: reading.problems };
    }
    for (const segment of splitCommands(line)) handle(segment.text, { file, line: lineNumber, column: segment.offset + 1 }, 0);
  }
  return reading;

  function handle(rawText: string, location: FileLocation, depth: number): void {
    const opens = /^(?:if|case|while|until|for|select)\b/.test(rawText);
    if (/^(?:fi|esac|done)\b/.test(rawText)) branches = Math.max(0, branches - 1);
    // A `case` pattern (`production)`) before the command.
    const segmentText = rawText.replace(/^\(?[\w*.'"$-]+\)\s*/, '');
    handleCommand(segmentText, location, depth);
    if (opens) branches++;
  }

  function handleCommand(segmentText: string, location: FileLocation, depth: number): void {
    const command = simpleCommand(segmentText, scope);
    // A command's own `VAR=value` prefix stays in its text (the server parser reads it); a script it runs inherits it.
    const exportedEnv = (): EnvVar[] => [...exported.values()];
    const env = (): EnvVar[] => [...exported.values(), ...command.assignments.map((a) => variable(a.name, a.value, location))];
    const [first, ...rest] = command.words;
    const name = commandName(first);
    if (!first) {
      for (const assignment of command.assignments) {
        scope.set(assignment.name, assignment.value);
        if (autoExport || exported.has(assignment.name)) exportVar(variable(assignment.name, assignment.value, location));
      }
      return;
    }
    if (name === 'export' || name === 'declare' || name === 'typeset') {
      if (name !== 'export' && !rest.some((word) => /^-\w*x/.test(word.raw))) return;
      for (const word of rest) {
        if (word.raw.startsWith('-')) continue;
        const equals = word.raw.indexOf('=');
        const varName = equals === -1 ? word.raw : word.raw.slice(0, equals);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(varName)) continue;
        const value = equals === -1 ? scope.get(varName) : word.value?.slice(word.value.indexOf('=') + 1);
        if (equals !== -1 || scope.has(varName)) scope.set(varName, value);
        exportVar(variable(varName, equals === -1 && !scope.has(varName) ? undefined : value, location));
      }
      return;
    }
    if (name === 'set') {
      for (const word of rest) {
        if (/^-\w*a/.test(word.raw)) autoExport = true;
        if (/^\+\w*a/.test(word.raw)) autoExport = false;
      }
      return;
    }
    if (RUN_ARGS.test(first.raw)) {
      reading.steps.push({ kind: 'run-args', location, env: env() });
      return;
    }
    if (name === '.' || name === 'source') {
      const path = rest[0]?.value;
      // A virtualenv's activate script lives in the image or on the server, never in the repository.
      if (path && !/(?:^|\/)activate$/.test(path)) reading.steps.push({ kind: 'script', path, sourced: true, location, env: env(), ...(branches > 0 ? { conditional: true } : {}) });
      return;
    }
    if (name === 'make' || name === 'just') {
      const recipe = recipeCall(rest);
      if (recipe) reading.steps.push({ kind: 'recipe', tool: name, ...recipe, location, env: env(), ...(branches > 0 ? { conditional: true } : {}) });
      return;
    }
    const script = scriptPath(command.words);
    if (script) {
      reading.steps.push({ kind: 'script', path: script, sourced: false, location, env: env(), ...(branches > 0 ? { conditional: true } : {}) });
      return;
    }
    const body = inlineBody(command.words);
    if (body !== undefined) {
      if (depth < MAX_NESTING) for (const inner of splitCommands(body)) handle(inner.text, location, depth + 1);
      return;
    }
    // Parsed with the script's variables (`gunicorn ${MODULE}:application`); other commands (echo, tests) are left out.
    const server = parseServerCommand(segmentText, scope);
    const manage = parseManageCommands(segmentText, scope);
    if (server || manage.length > 0) {
      reading.steps.push({
        kind: 'command',
        text: segmentText.replace(KEYWORDS, ''),
        location,
        env: exportedEnv(),
        ...(server ? { server } : {}),
        ...(manage.length > 0 ? { manage } : {}),
        ...(branches > 0 ? { conditional: true } : {}),
      });
    }
  }
}

/** `make [-f file] [-C dir] target` / `just target`: the first target and the file named; undefined for options we cannot follow. */
function recipeCall(args: Word[]): { file?: string; target: string } | undefined {
  let file: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const raw = args[index]!.raw;
    if (raw === '-f' || raw === '--file' || raw === '--justfile') file = args[++index]?.value;
    else if (raw === '-C' || raw === '--directory' || raw === '-j' || raw === '--jobs') index++;
    else if (raw.startsWith('-') || raw.includes('=')) continue;
    else {
      const target = args[index]!.value;
      return target === undefined ? undefined : { ...(file ? { file } : {}), target };
    }
  }
  return undefined;
}

/** The script a command runs: `sh x.sh`, `bash -e x`, `./x`, `/app/x.sh`, `scripts/x.sh`. */
function scriptPath(words: Word[]): string | undefined {
  const first = words[0]?.value;
  if (first === undefined) return undefined;
  const name = first.slice(first.lastIndexOf('/') + 1);
  if (SHELLS.test(name)) {
    let index = 1;
    while (index < words.length && words[index]!.raw.startsWith('-')) {
      if (/^-\w*c$/.test(words[index]!.raw)) return undefined;
      index++;
    }
    return words[index]?.value;
  }
  if (/\.(?:sh|bash)$/.test(first) || first.startsWith('./') || first.startsWith('../')) return first;
  return undefined;
}
