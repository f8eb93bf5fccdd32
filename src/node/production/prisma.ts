/**
 * Prisma datasources: `datasource db { provider = "sqlite"  url = env("DATABASE_URL") }` in the
 * project's .prisma files (prisma/schema.prisma, schema.prisma, a prisma/schema/ folder). A small
 * line reader: only the datasource blocks' `provider` and `url` are read.
 */
import type { EnvRead } from '../../core/env-read.js';
import type { FileLocation } from '../../core/location.js';
import type { Environment } from '../../env/types.js';
import type { JsValue } from '../../js/types.js';
import { isWithin } from '../../workspace/paths.js';
import type { Workspace } from '../../workspace/types.js';
import type { PrismaDatasource } from '../types.js';

const DATASOURCE = /^\s*datasource\s+\w+\s*\{\s*$/;
const ASSIGNMENT = /^(\s*)(provider|url)\s*=\s*(.+?)\s*$/;
const STRING = /^"((?:[^"\\]|\\.)*)"$/;
const ENV_CALL = /^env\(\s*"([^"]+)"\s*\)$/;
/** Skipped: installed packages and generated clients carry schemas of their own. */
const NOT_SOURCE = /(?:^|\/)(?:node_modules|dist|build|\.next|generated)\//;

function withoutComment(line: string): string {
  let quote = false;
  for (let index = 0; index < line.length; index++) {
    if (line[index] === '"' && line[index - 1] !== '\\') quote = !quote;
    else if (!quote && line[index] === '/' && line[index + 1] === '/') return line.slice(0, index);
  }
  return line;
}

/** `env("X")` as production sees X: its value, set with the value unknown, or unset. */
function envValue(name: string, environment: Environment, loc: FileLocation): JsValue {
  const variable = environment.get(name);
  const read: EnvRead = {
    name,
    reader: 'prisma env()',
    set: variable !== undefined,
    ...(variable?.source.location ? { source: variable.source.location } : {}),
    ...(variable ? { sourceLabel: variable.source.label } : {}),
  };
  if (!variable) return { kind: 'undefined', loc, env: [read] };
  if (variable.value === undefined) return { kind: 'unknown', reason: `${name} is set, its value is not known here`, loc, env: [read] };
  return { kind: 'string', value: variable.value, loc, env: [read] };
}

function urlValue(text: string, environment: Environment, loc: FileLocation): JsValue {
  const literal = STRING.exec(text);
  if (literal) return { kind: 'string', value: literal[1]!.replace(/\\(.)/g, '$1'), loc };
  const call = ENV_CALL.exec(text);
  if (call) return envValue(call[1]!, environment, loc);
  return { kind: 'unknown', reason: `url = ${text} is not a string or env("…")`, loc };
}

/** The datasources of one schema file. */
export function readPrismaSchema(file: string, text: string, environment: Environment): PrismaDatasource[] {
  const sources: PrismaDatasource[] = [];
  let current: { provider?: string; url?: JsValue; location: FileLocation } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = withoutComment(raw);
    if (!current) {
      if (DATASOURCE.test(line)) current = { location: { file, line: index + 1, column: line.search(/\S/) + 1 } };
      return;
    }
    if (/^\s*\}/.test(line)) {
      if (current.provider) sources.push({ file, provider: current.provider, ...(current.url ? { url: current.url } : {}), location: current.location });
      current = undefined;
      return;
    }
    const assignment = ASSIGNMENT.exec(line);
    if (!assignment) return;
    const loc = { file, line: index + 1, column: assignment[1]!.length + 1 };
    if (assignment[2] === 'provider') {
      const provider = STRING.exec(assignment[3]!);
      if (provider) {
        current.provider = provider[1]!;
        current.location = loc;
      }
    } else {
      current.url = urlValue(assignment[3]!, environment, loc);
    }
  });
  return sources;
}

/** Every datasource of the project's Prisma schemas. */
export function findPrismaDatasources(workspace: Workspace, root: string, environment: Environment): PrismaDatasource[] {
  const sources: PrismaDatasource[] = [];
  for (const file of workspace.files) {
    if (!file.endsWith('.prisma') || !isWithin(file, root) || NOT_SOURCE.test(file)) continue;
    const read = workspace.readText(file);
    if (read.ok && read.text.includes('datasource')) sources.push(...readPrismaSchema(file, read.text, environment));
  }
  return sources;
}
