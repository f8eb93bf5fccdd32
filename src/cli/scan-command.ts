import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { emit, useColor } from './output.js';
import { toolVersion } from './version.js';
import { UsageError } from '../engine/errors.js';
import { gateExitCode, parseGrade, parseSeverity } from '../engine/policy.js';
import { formatScanJson, formatScanPretty, worstGrade } from '../probe/format.js';
import { TargetError, parseTarget } from '../probe/plan.js';
import { DEFAULTS, runScan } from '../probe/scan.js';
import type { ScanProgress, ScanResult } from '../probe/scan.js';

interface ScanFlags {
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
}

const FORMATS = ['pretty', 'json'];

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const index = value.indexOf(':');
    const name = value.slice(0, index).trim();
    if (index <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header expects 'Name: value' (got '${value}')`);
    headers[name.toLowerCase()] = value.slice(index + 1).trim();
  }
  return headers;
}

function parseSeconds(value: string, option: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`${option} expects a number of seconds (got '${value}')`);
  return Math.round(seconds * 1000);
}

function parsePort(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`${option} expects a port number (got '${value}')`);
  return port;
}

function readCa(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--ca: cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A one-line progress indicator on stderr, only on a terminal. */
function progressLine(target: string): { update(progress: ScanProgress): void; clear(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  return {
    update: ({ done, total, finished }) => process.stderr.write(`\r\x1b[2Kscanning ${target} [${done}/${total}] ${finished}`),
    clear: () => process.stderr.write('\r\x1b[2K'),
  };
}

export function registerScan(program: Command, setExitCode: (code: number) => void): void {
  program
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
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'pretty')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (critical, high, medium, low, info, none)', 'high')
    .option('--min-grade <grade>', 'exit 1 when a grade is worse than this (A+ … F)')
    .option('--rule <id>', 'run only this rule or group (repeatable)', collect, [])
    .option('--ignore <id>', 'skip this rule or group (repeatable)', collect, [])
    .option('--verbose', 'show the fix for each finding')
    .option('--no-color', 'never colour the output')
    .action(async (urls: string[], flags: ScanFlags) => {
      if (!FORMATS.includes(flags.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${flags.format}')`);
      const failOn = parseSeverity(flags.failOn, '--fail-on');
      const minGrade = flags.minGrade === undefined ? undefined : parseGrade(flags.minGrade, '--min-grade');
      for (const url of urls) {
        try {
          parseTarget(url);
        } catch (error) {
          if (error instanceof TargetError) throw new UsageError(error.message);
          throw error;
        }
      }
      const options = {
        headers: parseHeaders(flags.header),
        ...(flags.cookie.length ? { cookie: flags.cookie.join('; ') } : {}),
        ...(flags.ca ? { ca: readCa(flags.ca) } : {}),
        insecure: flags.insecure ?? false,
        timeoutMs: parseSeconds(flags.timeout, '--timeout'),
        budgetMs: parseSeconds(flags.budget, '--budget'),
        httpPort: parsePort(flags.httpPort, '--http-port'),
        httpsPort: parsePort(flags.httpsPort, '--https-port'),
        userAgent: `deploycheck/${toolVersion()}`,
        only: flags.rule,
        ignore: flags.ignore,
      };
      const results: ScanResult[] = [];
      for (const url of urls) {
        const progress = progressLine(url);
        try {
          results.push(await runScan(url, { ...options, ...(progress ? { onProgress: progress.update } : {}) }));
        } finally {
          progress?.clear();
        }
      }
      const text =
        flags.format === 'json'
          ? formatScanJson(results, toolVersion())
          : formatScanPretty(results, { color: useColor(flags.output, flags.color), verbose: flags.verbose });
      emit(text, flags.output);
      const errors = results.flatMap((result) => result.errors);
      if (errors.length) {
        for (const error of errors) process.stderr.write(`deploycheck: internal error: ${error}\n`);
        setExitCode(2);
        return;
      }
      const worst = results.reduce((acc, result) => (worstGrade([acc.grade.grade, result.grade.grade]) === result.grade.grade ? result : acc));
      const findings = results.flatMap((result) => result.findings);
      setExitCode(gateExitCode(findings, worst.grade, { failOn, ...(minGrade ? { minGrade } : {}) }));
    });
}
