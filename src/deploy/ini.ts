/** A forgiving INI reader for uwsgi, supervisor and systemd files: sections, repeated keys, continuations. */
import type { FileLocation } from '../core/location.js';
import type { DeployProblem } from './types.js';

export interface IniEntry {
  key: string;
  value: string;
  location: FileLocation;
}

export interface IniSection {
  name: string;
  location: FileLocation;
  entries: IniEntry[];
}

export interface IniReading {
  sections: IniSection[];
  problems: DeployProblem[];
}

const SECTION = /^\[([^\]]+)\]\s*$/;
const ENTRY = /^([A-Za-z0-9_.:-][\w.:-]*)\s*[=]\s?(.*)$/;
const BARE_KEY = /^([A-Za-z][\w-]*)$/;

/**
 * Read an INI file. Entries before any section belong to a section named ''. A line ending in `\`
 * continues on the next; an indented line after an entry continues its value (supervisor). A line
 * that is none of these is a problem (the first one only), and reading goes on.
 */
export function readIni(file: string, text: string, options: { bareKeys?: boolean } = {}): IniReading {
  const reading: IniReading = { sections: [], problems: [] };
  let section: IniSection = { name: '', location: { file, line: 1, column: 1 }, entries: [] };
  reading.sections.push(section);
  const lines = text.split(/\r?\n/);
  let last: IniEntry | undefined;
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    let line = lines[index]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      last = undefined;
      continue;
    }
    if (last && /^\s/.test(line)) {
      last.value = `${last.value} ${trimmed}`.trim();
      continue;
    }
    while (line.trimEnd().endsWith('\\') && index + 1 < lines.length) line = `${line.trimEnd().slice(0, -1).trimEnd()} ${lines[++index]!.trim()}`;
    const header = SECTION.exec(line.trim());
    if (header) {
      section = { name: header[1]!.trim(), location: { file, line: lineNumber, column: 1 }, entries: [] };
      reading.sections.push(section);
      last = undefined;
      continue;
    }
    // uwsgi takes a lone `master` as `master = true`.
    const entry = ENTRY.exec(line.trim()) ?? (options.bareKeys ? BARE_KEY.exec(line.trim()) : null);
    if (!entry) {
      if (reading.problems.length === 0) {
        reading.problems.push({ message: `${file}:${lineNumber}: not a "key = value" line`, location: { file, line: lineNumber, column: 1 } });
      }
      last = undefined;
      continue;
    }
    last = { key: entry[1]!, value: (entry[2] ?? 'true').trim(), location: { file, line: lineNumber, column: line.length - line.trimStart().length + 1 } };
    section.entries.push(last);
  }
  return reading;
}

/** The values of `key` in a section, in order. */
export function iniValues(section: IniSection | undefined, key: string): IniEntry[] {
  return section ? section.entries.filter((entry) => entry.key === key) : [];
}
