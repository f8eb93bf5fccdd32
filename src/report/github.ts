import type { ReportInput } from './types.js';
import { describeLocation } from './types.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../engine/types.js';

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Command> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };

/** Workflow-command data: `%`, CR and LF are escaped (as @actions/core does). */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also escape the `:` and `,` that delimit them. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(name: Command, properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeData(message)}`;
}

function annotation(finding: Finding): string {
  const related = finding.related.map((r) => `\n${describeLocation(r.location)}: ${r.message}`).join('');
  const title = `${finding.title} (${finding.rule})`;
  if (!('file' in finding.location)) {
    return command(COMMAND[finding.severity], { title }, `${finding.location.url}: ${finding.message}${related}`);
  }
  const { file, line, column, endLine, endColumn } = finding.location;
  return command(COMMAND[finding.severity], { file, line, col: column, endLine, endColumn, title }, `${finding.message}${related}`);
}

/**
 * GitHub Actions workflow commands, one a finding: `::error` for critical and high, `::warning` for
 * medium, `::notice` for low and info; file findings are annotated on their line, live-scan
 * findings (no file) on the run. Internal errors become `::error` lines too.
 */
export function formatGithub(input: ReportInput): string {
  const lines = input.findings.map(annotation);
  for (const error of input.errors) lines.push(command('error', { title: 'deploycheck internal error' }, error));
  return lines.length ? `${lines.join('\n')}\n` : '';
}
