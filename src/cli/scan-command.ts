import type { Command } from 'commander';
import { DEFAULTS } from '../probe/defaults.js';
import { CI_FORMATS } from '../report/formats.js';
import { addFrameworkOptions, collect } from './check-command.js';
import { UsageError } from '../core/errors.js';
import { FRAMEWORK_OPTIONS, frameworkFlagValues } from '../framework-options.js';

export interface ScanFlags {
  header: string[];
  cookie: string[];
  ca?: string;
  insecure?: boolean;
  timeout: string;
  budget: string;
  httpPort?: string;
  httpsPort?: string;
  format: string;
  output?: string;
  failOn: string;
  minGrade?: string;
  rule: string[];
  ignore: string[];
  verbose?: boolean;
  color?: boolean;
  /** `--project`: also check this project and reconcile it with the site (`check DIR --url URL`). */
  project?: string;
}

export const SCAN_FORMATS: readonly string[] = ['pretty', 'json', 'html', ...CI_FORMATS];

export function registerScan(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('scan')
    .description('scan a live site: HTTPS, headers, cookies, TLS, exposed files, Django DEBUG and admin')
    .argument('<url...>', 'http(s)://host[:port][/path]')
    .option('--header <header>', "extra request header 'Name: value', sent to the scanned host only (repeatable)", collect, [])
    .option('--cookie <cookie>', "cookie 'name=value' sent to the scanned host (repeatable)", collect, [])
    .option('--ca <file>', 'trust this CA certificate (PEM) in addition to the system ones')
    .option('--insecure', 'do not verify certificates for HTTP probes (the TLS findings still report them)')
    .option('--timeout <seconds>', 'timeout of each probe', String(DEFAULTS.timeoutMs / 1000))
    .option('--budget <seconds>', 'total time for the scan of one URL', String(DEFAULTS.budgetMs / 1000))
    .option('--http-port <port>', 'port of the plain-HTTP site when the URL is https (default 80)')
    .option('--https-port <port>', 'port of the HTTPS site when the URL is http (default: no HTTPS probes)')
    .option('--format <format>', `output format: ${SCAN_FORMATS.join(', ')}`, 'pretty')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (critical, high, medium, low, info, none)', 'high')
    .option('--min-grade <grade>', 'exit 1 when a grade is worse than this (A+ … F)')
    .option('--rule <id>', 'run only this rule or group (repeatable)', collect, [])
    .option('--ignore <id>', 'skip this rule or group (repeatable)', collect, [])
    .option('--verbose', 'show the fix for each finding')
    .option('--no-color', 'never colour the output')
    .option('--project <dir>', 'also check the code in this directory: one report for the code and the site, as `check DIR --url URL`');
  // With --project, the project's settings module and the like, as `check` takes them.
  addFrameworkOptions(command).action(async (urls: string[], flags: ScanFlags, command: Command) => {
    if (flags.project !== undefined) {
      const { runScanWithProject } = await import('./check-run.js');
      setExitCode(await runScanWithProject(flags.project, urls, flags, command));
      return;
    }
    const projectOnly = FRAMEWORK_OPTIONS.find(({ key }) => frameworkFlagValues(flags)[key] !== undefined);
    if (projectOnly) throw new UsageError(`${projectOnly.flag.split(' ')[0]} applies to the project: add --project DIR`);
    // Loaded on use: only a scan pays for undici and the probes.
    const { runScanCommand } = await import('./scan-run.js');
    setExitCode(await runScanCommand(urls, flags));
  });
}
