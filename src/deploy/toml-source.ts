import { parse, TomlError } from 'smol-toml';
import type { FileLocation } from '../core/location.js';
import type { DeployProblem } from './types.js';

const HEADER = /^\s*\[(\[?)\s*([^\]]*?)\s*\]\]?\s*(?:#.*)?$/;

function normalizeKeyPath(path: string): string {
  return path
    .split('.')
    .map((part) => part.trim().replace(/^["']|["']$/g, ''))
    .join('.');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A TOML document and a line scanner that finds where keys are written. */
export class TomlSource {
  readonly data: Record<string, unknown> | undefined;
  readonly problems: DeployProblem[] = [];
  private readonly lines: string[];

  constructor(
    readonly file: string,
    text: string,
  ) {
    this.lines = text.split(/\r?\n/);
    try {
      this.data = parse(text) as Record<string, unknown>;
    } catch (error) {
      const line = error instanceof TomlError ? error.line : 1;
      const column = error instanceof TomlError ? error.column : 1;
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
      this.problems.push({ message: `${file}: ${message}`, location: { file, line, column } });
    }
  }

  /**
   * Where `key` is written inside table `table` ('' for the top level; for an array of tables, its
   * `occurrence`-th `[[table]]`). Falls back to the table header, then to line 1.
   */
  locate(table: string, key?: string, occurrence = 0): FileLocation {
    const keyPattern = key
      ? new RegExp(`^(\\s*)(?:"${escapeRegExp(key)}"|'${escapeRegExp(key)}'|${escapeRegExp(key)})\\s*=`)
      : undefined;
    let current = '';
    let seen = -1;
    let header: FileLocation | undefined;
    for (let index = 0; index < this.lines.length; index++) {
      const line = this.lines[index]!;
      const match = HEADER.exec(line);
      if (match) {
        current = normalizeKeyPath(match[2]!);
        if (current === table) {
          seen++;
          if (seen === occurrence) header = { file: this.file, line: index + 1, column: line.indexOf('[') + 1 };
        }
        continue;
      }
      const inTable = current === table && (table === '' || seen === occurrence);
      if (inTable && keyPattern) {
        const keyMatch = keyPattern.exec(line);
        if (keyMatch) return { file: this.file, line: index + 1, column: keyMatch[1]!.length + 1 };
      }
    }
    return header ?? { file: this.file, line: 1, column: 1 };
  }
}

export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A TOML scalar as an environment value. */
export function tomlScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}
