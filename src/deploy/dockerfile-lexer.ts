import type { FileLocation } from '../core/location.js';

/** One Dockerfile instruction with its continuation lines joined. */
export interface Instruction {
  keyword: string;
  /** The arguments, continuation escapes removed and comment lines inside them dropped. */
  args: string;
  /** Location of the instruction keyword. */
  location: FileLocation;
  /** Location of a character of `args`. */
  at(offset: number): FileLocation;
}

interface Segment {
  start: number;
  line: number;
  column: number;
}

const ESCAPE_DIRECTIVE = /^#\s*escape\s*=\s*([\\`])\s*$/i;
const HEREDOC = /<<-?\s*["']?([A-Za-z_][A-Za-z0-9_]*)["']?/;

/** Split a Dockerfile into instructions (parser directives, comments and heredoc bodies skipped). */
export function lexDockerfile(file: string, text: string): Instruction[] {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  let index = 0;
  // Parser directives are comments at the very top of the file.
  for (; index < lines.length; index++) {
    const directive = lines[index]!.match(/^#\s*(\w+)\s*=/);
    if (!directive) break;
    const escapeMatch = ESCAPE_DIRECTIVE.exec(lines[index]!);
    if (escapeMatch) escape = escapeMatch[1]!;
  }

  const instructions: Instruction[] = [];
  while (index < lines.length) {
    const first = lines[index]!;
    const trimmed = first.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) {
      index++;
      continue;
    }
    const indent = first.length - trimmed.length;
    const keywordMatch = /^(\S+)(\s*)/.exec(trimmed)!;
    const keyword = keywordMatch[1]!.toUpperCase();
    const segments: Segment[] = [];
    let args = '';
    let piece = trimmed.slice(keywordMatch[0].length);
    let pieceLine = index + 1;
    let pieceColumn = indent + keywordMatch[0].length + 1;
    const startLine = index + 1;
    index++;
    while (true) {
      const continued = piece.trimEnd().endsWith(escape);
      const content = continued ? piece.trimEnd().slice(0, -1) : piece;
      segments.push({ start: args.length, line: pieceLine, column: pieceColumn });
      args += content;
      if (!continued) break;
      // Comment and empty lines inside a continuation are dropped.
      while (index < lines.length && /^\s*(#.*)?$/.test(lines[index]!)) index++;
      if (index >= lines.length) break;
      piece = lines[index]!;
      pieceLine = index + 1;
      pieceColumn = 1;
      index++;
    }
    const heredoc = (keyword === 'RUN' || keyword === 'COPY') && HEREDOC.exec(args);
    if (heredoc) {
      const terminator = heredoc[1]!;
      while (index < lines.length && lines[index]!.trim() !== terminator) index++;
      index++;
    }
    instructions.push({
      keyword,
      args: args.trim(),
      location: { file, line: startLine, column: indent + 1 },
      at: locator(file, segments, args.length - args.trimStart().length),
    });
  }
  return instructions;
}

function locator(file: string, segments: Segment[], leading: number): (offset: number) => FileLocation {
  return (offset) => {
    const absolute = offset + leading;
    let segment = segments[0]!;
    for (const candidate of segments) if (candidate.start <= absolute) segment = candidate;
    return { file, line: segment.line, column: segment.column + absolute - segment.start };
  };
}
