/**
 * Process managers a VPS deploy runs the app under: supervisor `[program:x]` sections (`command=`,
 * `environment=`, `directory=`) and systemd units (`ExecStart=`, `Environment=`, `EnvironmentFile=`,
 * `WorkingDirectory=`). Each program or unit is a command with the variables it sets.
 */
import type { FileLocation } from '../core/location.js';
import type { EnvVar } from '../env/types.js';
import { dotenvVars } from '../env/dotenv.js';
import { readDotenv } from '../env/workspace-dotenv.js';
import type { Workspace } from '../workspace/types.js';
import { baseName } from '../workspace/paths.js';
import { splitWords } from './dockerfile-words.js';
import { iniValues, readIni } from './ini.js';
import type { DeployReading } from './reading.js';
import { emptyReading } from './reading.js';

function variable(file: string, name: string, value: string | undefined, location: FileLocation, label: string): EnvVar {
  return { name, value, source: { kind: 'deploy-script', location, label: `${file}:${location.line} (${label})` } };
}

/** Split on commas outside quotes. */
function commaList(text: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = undefined;
      current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      current += char;
    } else if (char === ',') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter(Boolean);
}

/** supervisor's `environment=A="1",B=2` (`%(ENV_X)s` expansions are unknown here). */
function supervisorEnvironment(file: string, value: string, location: FileLocation, program: string): EnvVar[] {
  const vars: EnvVar[] = [];
  for (const part of commaList(value)) {
    const equals = part.indexOf('=');
    if (equals <= 0) continue;
    const raw = part.slice(equals + 1).trim().replace(/^"(.*)"$|^'(.*)'$/, '$1$2');
    vars.push(variable(file, part.slice(0, equals).trim(), /%\(/.test(raw) ? undefined : raw, location, `program:${program} environment`));
  }
  return vars;
}

/** Supervisor config: each `[program:name]` with a `command=`. */
export function readSupervisorConf(file: string, text: string): DeployReading {
  const reading = emptyReading();
  const ini = readIni(file, text);
  reading.problems.push(...ini.problems);
  for (const section of ini.sections) {
    const program = /^program:(.+)$/.exec(section.name)?.[1]?.trim();
    const command = iniValues(section, 'command').at(-1);
    if (!program || !command) continue;
    const env = iniValues(section, 'environment').flatMap((entry) => supervisorEnvironment(file, entry.value, entry.location, program));
    reading.commands.push({
      text: command.value,
      process: program,
      kind: 'supervisor',
      location: command.location,
      deployed: true,
      ...(env.length > 0 ? { env } : {}),
    });
  }
  return reading;
}

/** Whether an INI text has a supervisor program section. */
export function isSupervisorConf(text: string): boolean {
  return /^\[program:[^\]]+\]/m.test(text);
}

/**
 * A systemd service unit: `ExecStart=` of `[Service]` (prefixes `-@:+!` dropped), its `Environment=`
 * and `EnvironmentFile=`. An env file is read when the repository has a file of that name (the
 * unit names a path on the server), otherwise its variables are not known here.
 */
export function readSystemdUnit(file: string, text: string, workspace: Workspace): DeployReading & { skipped: { file: string; reason: string; location: FileLocation }[] } {
  const reading = { ...emptyReading(), skipped: [] as { file: string; reason: string; location: FileLocation }[] };
  const ini = readIni(file, text);
  reading.problems.push(...ini.problems);
  const service = ini.sections.find((section) => section.name === 'Service');
  const exec = iniValues(service, 'ExecStart').filter((entry) => entry.value !== '').at(-1);
  if (!service || !exec) return reading;
  const env: EnvVar[] = [];
  for (const entry of service.entries) {
    if (entry.key === 'Environment') {
      for (const word of splitWords(entry.value, new Map())) {
        const text = word.value ?? word.raw;
        const equals = text.indexOf('=');
        if (equals > 0) env.push(variable(file, text.slice(0, equals), word.value === undefined ? undefined : text.slice(equals + 1), entry.location, 'Environment'));
      }
    } else if (entry.key === 'EnvironmentFile') {
      const path = entry.value.replace(/^-/, '').trim();
      const candidates = workspace.files.filter((candidate) => baseName(candidate) === baseName(path));
      // systemd reads `NAME=value` lines with no comment after a value, as django-environ does.
      const parsed = candidates.length === 1 ? readDotenv(workspace, candidates[0]!, 'django-environ') : undefined;
      if (parsed?.ok) env.push(...dotenvVars(parsed.entries, candidates[0]!, { kind: 'deploy-script', note: `(EnvironmentFile of ${file})` }));
      else reading.skipped.push({ file, reason: `EnvironmentFile ${path} is not in the repository: its variables are not known`, location: entry.location });
    }
  }
  const unit = baseName(file).replace(/\.service$/, '');
  reading.commands.push({
    text: exec.value.replace(/^[-@:+!]+/, ''),
    process: unit,
    kind: 'systemd',
    location: exec.location,
    deployed: true,
    ...(env.length > 0 ? { env } : {}),
  });
  return reading;
}
