import { basename, dirname, join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import type { DeploycheckConfig } from './types.js';
import { validateConfig } from './validate.js';
import { displayPath } from '../core/display-path.js';
import { UsageError } from '../core/errors.js';
import { probeExists, readFileRecorded } from '../run-cache/record.js';

/** The config files looked for in each directory, in order; the first that has a section wins. */
export const CONFIG_FILES = ['.deploycheck.json', 'pyproject.toml', 'package.json'] as const;

interface Section {
  /** The config section, or undefined when the file has none (not an error). */
  raw: unknown;
  label: string;
}

function readFile(file: string): string {
  try {
    return readFileRecorded(file).toString('utf8');
  } catch (error) {
    throw new UsageError(`${displayPath(file)}: cannot read the config: ${(error as Error).message}`);
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${displayPath(file)}: invalid JSON: ${(error as Error).message}`);
  }
}

/** The deploycheck section of a config file, by its name: the whole of a .json, `[tool.deploycheck]`, `"deploycheck"`. */
function readSection(file: string, text: string): Section {
  const shown = displayPath(file);
  const name = basename(file);
  if (name === 'pyproject.toml') {
    let toml: Record<string, unknown>;
    try {
      toml = parseToml(text);
    } catch (error) {
      throw new UsageError(`${shown}: invalid TOML: ${(error as Error).message.split('\n')[0]}`);
    }
    const tool = toml.tool as Record<string, unknown> | undefined;
    return { raw: typeof tool === 'object' && tool !== null ? tool.deploycheck : undefined, label: `${shown} [tool.deploycheck]` };
  }
  if (name === 'package.json') {
    const json = parseJson(file, text);
    const raw = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).deploycheck : undefined;
    return { raw, label: `${shown} "deploycheck"` };
  }
  return { raw: parseJson(file, text), label: shown };
}

/** Directories from `start` up to the repository root (the first with a `.git`) or the filesystem root. */
function searchDirectories(start: string): string[] {
  const dirs: string[] = [];
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    dirs.push(dir);
    if (probeExists(join(dir, '.git')) || dirname(dir) === dir) return dirs;
  }
}

/**
 * The config for checking `dir`: `explicit` (--config) if given, else the first of
 * .deploycheck.json, `[tool.deploycheck]` in pyproject.toml and `"deploycheck"` in package.json
 * found in `dir` or a parent directory up to the repository root. A pyproject.toml or package.json
 * that does not mention deploycheck is skipped unparsed; a config that cannot be parsed or validated
 * is a UsageError.
 */
export function loadConfig(dir: string, explicit?: string): DeploycheckConfig | undefined {
  if (explicit !== undefined) {
    const file = resolve(explicit);
    if (!probeExists(file)) throw new UsageError(`--config ${explicit}: no such file`);
    const section = readSection(file, readFile(file));
    if (section.raw === undefined) throw new UsageError(`--config ${explicit}: ${section.label} is missing`);
    return validateConfig(section.raw, file, section.label);
  }
  for (const directory of searchDirectories(dir)) {
    for (const name of CONFIG_FILES) {
      const file = join(directory, name);
      if (!probeExists(file)) continue;
      const text = readFile(file);
      // A pyproject.toml or package.json that never names deploycheck has no section to parse: skipping
      // it also keeps a broken, unrelated file from stopping every check (and the TOML parser unloaded).
      if (name !== '.deploycheck.json' && !text.includes('deploycheck')) continue;
      const section = readSection(file, text);
      if (section.raw !== undefined) return validateConfig(section.raw, file, section.label);
    }
  }
  return undefined;
}
