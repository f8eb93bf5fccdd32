import type { EnvVar } from '../env/types.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';

const PROCESS_LINE = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*(.*?)[ \t]*$/;
const ENV_PREFIX = /^([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|'[^']*'|[^\s'"]*)(\s+|$)/;

function unquote(value: string): string {
  if (value.startsWith("'")) return value.slice(1, -1);
  if (value.startsWith('"')) return value.slice(1, -1).replace(/\\(.)/g, '$1');
  return value;
}

/**
 * A Procfile: `name: command` per line. `VAR=value` words before the command set variables for
 * that process (recorded as environment variables of kind `procfile`).
 */
export function readProcfile(file: string, text: string): DeployReading {
  const reading = emptyReading();
  text.split(/\r?\n/).forEach((line, index) => {
    const lineNumber = index + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const match = PROCESS_LINE.exec(line);
    if (!match) {
      reading.problems.push({
        message: `${file}:${lineNumber}: not a "process: command" line`,
        location: { file, line: lineNumber, column: 1 },
      });
      return;
    }
    const process = match[1]!;
    let command = match[2]!;
    let column = line.indexOf(command, process.length + 1) + 1;
    const env: EnvVar[] = [];
    for (let prefix = ENV_PREFIX.exec(command); prefix; prefix = ENV_PREFIX.exec(command)) {
      const name = prefix[1]!;
      const variable: EnvVar = {
        name,
        value: unquote(prefix[2]!),
        source: { kind: 'procfile', location: { file, line: lineNumber, column }, label: `${file}:${lineNumber} (${process})` },
      };
      reading.env.push(variable);
      env.push(variable);
      column += prefix[0].length;
      command = command.slice(prefix[0].length);
    }
    if (command === '') return;
    if (/\$\{?PORT\b/.test(command)) reading.usesPortVariable = true;
    reading.commands.push({ text: command, process, kind: 'procfile', location: { file, line: lineNumber, column }, ...(env.length > 0 ? { env } : {}) });
  });
  return reading;
}
