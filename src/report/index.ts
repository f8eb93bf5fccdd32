import { formatGithub } from './github.js';
import { formatGitlab } from './gitlab.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatPretty } from './pretty.js';
import { formatSarif } from './sarif.js';
import type { ReportInput } from './types.js';
import type { CheckResult } from '../engine/check.js';
import { UsageError } from '../core/errors.js';

import { FORMATS } from './formats.js';
import type { ReportFormat } from './formats.js';

export { FORMATS };
export type { ReportFormat };

/** A check result, with the rules that ran when the caller has them (for help text and passed rules). */
export type RenderInput = CheckResult & Pick<ReportInput, 'kind' | 'rules'>;

export interface RenderOptions {
  toolVersion: string;
  /** Colour the pretty output (only for a terminal). */
  color: boolean;
  /** Pretty output: show each finding's fix. */
  verbose?: boolean;
  /** Pretty output: print each project's whole production model (`--explain`). */
  explain?: boolean;
}

export function renderReport(format: ReportFormat, input: RenderInput, options: RenderOptions): string {
  switch (format) {
    case 'pretty':
      return formatPretty(input, { color: options.color, verbose: options.verbose, explain: options.explain });
    case 'json':
      return formatJson(input, options.toolVersion);
    case 'sarif':
      return formatSarif(input, options.toolVersion);
    case 'junit':
      return formatJunit(input);
    case 'gitlab':
      return formatGitlab(input);
    case 'github':
      return formatGithub(input);
    case 'markdown':
      return formatMarkdown(input);
  }
}

/** One report to write: to `file`, or to stdout. */
export interface ReportTarget {
  format: ReportFormat;
  file?: string;
}

function isFormat(name: string): name is ReportFormat {
  return (FORMATS as readonly string[]).includes(name);
}

/**
 * Read `--format NAME[:FILE]` (repeatable) and `--output FILE`: each format goes to its file, or to
 * stdout when it has none (at most one may); `--output` is the file of the one untargeted format.
 * No `--format` means pretty.
 */
export function planReports(specs: readonly string[], output?: string): ReportTarget[] {
  const targets: ReportTarget[] = (specs.length ? specs : ['pretty']).map((spec) => {
    const colon = spec.indexOf(':');
    const name = colon === -1 ? spec : spec.slice(0, colon);
    const file = colon === -1 ? undefined : spec.slice(colon + 1);
    if (!isFormat(name)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${name}')`);
    if (file === '') throw new UsageError(`--format ${name}: expected a file after ':'`);
    return file === undefined ? { format: name } : { format: name, file };
  });
  const untargeted = targets.filter((target) => target.file === undefined);
  if (untargeted.length > 1) {
    throw new UsageError(`only one --format can go to stdout (got ${untargeted.map((t) => t.format).join(', ')}); give the others a file: --format sarif:report.sarif`);
  }
  if (output !== undefined) {
    if (!untargeted[0]) throw new UsageError('--output needs a --format without a file (every --format here names its own)');
    untargeted[0].file = output;
  }
  const files = targets.flatMap((target) => (target.file === undefined ? [] : [target.file]));
  const repeated = files.find((file, i) => files.indexOf(file) !== i);
  if (repeated !== undefined) throw new UsageError(`two reports would be written to ${repeated}`);
  return targets;
}
