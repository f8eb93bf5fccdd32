/**
 * A start command that runs a shell script of the repository (`bin/start.sh`, `sh ./start.sh`, a
 * Dockerfile `CMD ["./entrypoint.sh"]`): the Node command the script starts, read line by line with
 * the variables it assigns (`CMD="node server.js"; eval $CMD`). Scripts calling scripts are followed
 * a few levels; a script that cannot be read starts nothing known.
 */
import type { Scope } from '../../deploy/dockerfile-words.js';
import { commandName, simpleCommand, splitCommands } from '../../deploy/shell.js';
import type { FileLocation } from '../../core/location.js';
import { joinPath, resolveFrom } from '../../workspace/paths.js';
import type { Workspace } from '../../workspace/types.js';
import { parseStart } from './command.js';
import type { ParsedStart } from './command.js';

export interface ScriptStart {
  parsed: ParsedStart;
  /** The script file and line the Node command is on. */
  location: FileLocation;
}

const MAX_DEPTH = 3;
/** How many leading folders of an image path (`/app/bin/start.sh`) may be the image's WORKDIR. */
const MAX_WORKDIR_DEPTH = 4;
const SHELLS = /^(?:ba|da|z)?sh$/;
const MAX_SCRIPT_BYTES = 64 * 1024;

/** The script a command line runs (`./start.sh`, `bin/start`, `bash scripts/run.sh`), as written. */
function scriptArgument(line: string): string | undefined {
  const segments = splitCommands(line);
  const last = segments[segments.length - 1];
  if (!last) return undefined;
  const words = simpleCommand(last.text).words.map((word) => word.value);
  if (words.some((word) => word === undefined)) return undefined;
  const [first, second] = words as string[];
  if (first === undefined) return undefined;
  if (SHELLS.test(commandName({ value: first, raw: first, offset: 0 }) ?? '')) return second !== undefined && !second.startsWith('-') ? second : undefined;
  return first.includes('/') || first.endsWith('.sh') ? first : undefined;
}

/** The repository file a script path names: from the project root, from the deploy file, or below an image WORKDIR. */
function scriptFile(workspace: Workspace, root: string, commandFile: string, written: string): string | undefined {
  const candidates: string[] = [];
  const path = written.replace(/^(?:\.\/)+/, '');
  if (path.startsWith('/')) {
    const parts = path.split('/').filter(Boolean);
    for (let drop = 1; drop <= Math.min(MAX_WORKDIR_DEPTH, parts.length - 1); drop++) candidates.push(joinPath(root, parts.slice(drop).join('/')));
  } else {
    candidates.push(joinPath(root, path));
    const fromCommand = resolveFrom(commandFile, path);
    if (fromCommand !== undefined) candidates.push(fromCommand);
  }
  return candidates.find((file) => workspace.exists(file));
}

/** Lines of a script with `\` continuations joined, each with its 1-based line number. */
function logicalLines(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    let current = lines[index]!;
    while (current.endsWith('\\') && index + 1 < lines.length) current = `${current.slice(0, -1)} ${lines[++index]!}`;
    out.push({ text: current, line });
  }
  return out;
}

function readScript(workspace: Workspace, file: string, depth: number, root: string): ScriptStart | undefined {
  const read = workspace.readText(file);
  if (!read.ok || read.text.length > MAX_SCRIPT_BYTES) return undefined;
  const scope = new Map<string, string | undefined>();
  /** `export NAME=value`: set for the commands the script runs after it. */
  const exported = new Map<string, string | undefined>();
  let found: ScriptStart | undefined;
  for (const { text, line } of logicalLines(read.text)) {
    if (/^\s*(?:#|$)/.test(text)) continue;
    const location = { file, line, column: 1 };
    for (const segment of splitCommands(text)) {
      const command = simpleCommand(segment.text, scope as Scope);
      const name = commandName(command.words[0]);
      // `NAME=value` alone (or exported) sets a variable of the script.
      if (command.words.length === 0 || name === 'export' || name === 'readonly') {
        const words = command.words.length === 0 ? command.assignments : command.words.slice(1).flatMap((word) => {
          const match = /^([A-Za-z_]\w*)=(.*)$/s.exec(word.value ?? '');
          return match ? [{ name: match[1]!, value: match[2] }] : [];
        });
        for (const { name: variable, value } of words) {
          scope.set(variable, value);
          if (name === 'export') exported.set(variable, value);
        }
      }
    }
    // `eval $CMD` runs the variable's text as a command line.
    const evalWords = simpleCommand(text, scope as Scope).words;
    const evaluated = commandName(evalWords[0]) === 'eval' && evalWords.slice(1).every((word) => word.value !== undefined) ? evalWords.slice(1).map((word) => word.value).join(' ') : undefined;
    const commandLine = evaluated ?? text;
    const parsed = parseStart(commandLine);
    if (parsed) {
      const fromExports = [...exported].filter(([variable]) => !parsed.assignments.some((assignment) => assignment.name === variable)).map(([variable, value]) => ({ name: variable, value }));
      found = { parsed: { ...parsed, assignments: [...fromExports, ...parsed.assignments] }, location };
      continue;
    }
    const nested = depth + 1 < MAX_DEPTH ? startOfScriptLine(workspace, root, file, commandLine, depth + 1) : undefined;
    if (nested) found = nested;
  }
  return found;
}

function startOfScriptLine(workspace: Workspace, root: string, commandFile: string, line: string, depth: number): ScriptStart | undefined {
  const written = scriptArgument(line);
  const file = written === undefined ? undefined : scriptFile(workspace, root, commandFile, written);
  return file === undefined || file === commandFile ? undefined : readScript(workspace, file, depth, root);
}

/** What a command line that runs a repository shell script starts, with where in the script; undefined when it runs no script or the script starts nothing Node. */
export function startOfScript(workspace: Workspace, root: string, commandFile: string, line: string): ScriptStart | undefined {
  return startOfScriptLine(workspace, root, commandFile, line, 0);
}
