import { readFileSync } from 'node:fs';
import { emit, useColor } from './output.js';
import { toolVersion } from './version.js';
import { UsageError } from '../core/errors.js';
import { gateExitCode, parseGrade, parseSeverity } from '../engine/policy.js';
import { formatScanJson, formatScanPretty } from '../report/scan-format.js';
import { TargetError, parseTarget } from '../probe/plan.js';
import { runScan } from '../probe/scan.js';
import { CI_FORMATS } from '../report/formats.js';
import type { CiFormat } from '../report/formats.js';
import { renderCiReport } from '../report/index.js';
import { scanReportInput } from '../report/scan-input.js';
import { renderScanHtml, scanRuleInfo } from '../report/scan-html.js';
import type { RunScanOptions, ScanProgress, ScanResult } from '../probe/scan.js';
import { SCAN_FORMATS } from './scan-command.js';
import type { ScanFlags } from './scan-command.js';

function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const value of values) {
    const index = value.indexOf(':');
    const name = value.slice(0, index).trim();
    if (index <= 0 || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header expects 'Name: value' (got a value starting '${value.split(/[\s:]/)[0]!.slice(0, 20)}', ${value.length} chars)`);
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

export function readCa(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--ca: cannot read ${file}: ${(error as Error).message}`);
  }
}

function isCiFormat(format: string): format is CiFormat {
  return (CI_FORMATS as readonly string[]).includes(format);
}

/** A one-line progress indicator on stderr, only on a terminal. */
function progressLine(target: string): { update(progress: ScanProgress): void; clear(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  return {
    update: ({ done, total, finished }) => process.stderr.write(`\r\x1b[2Kscanning ${target} [${done}/${total}] ${finished}`),
    clear: () => process.stderr.write('\r\x1b[2K'),
  };
}

/** The probe options the scan flags ask for (the rule selection aside). */
export function probeOptions(flags: ScanFlags): RunScanOptions {
  const ca = readCa(flags.ca);
  const httpPort = parsePort(flags.httpPort, '--http-port');
  const httpsPort = parsePort(flags.httpsPort, '--https-port');
  return {
    headers: parseHeaders(flags.header),
    ...(flags.cookie.length ? { cookie: flags.cookie.join('; ') } : {}),
    ...(ca ? { ca } : {}),
    insecure: flags.insecure ?? false,
    timeoutMs: parseSeconds(flags.timeout, '--timeout'),
    budgetMs: parseSeconds(flags.budget, '--budget'),
    ...(httpPort === undefined ? {} : { httpPort }),
    ...(httpsPort === undefined ? {} : { httpsPort }),
    userAgent: `deploycheck/${toolVersion()}`,
  };
}

/** `deploycheck scan`: scan each URL, write the report, and return the exit code. */
export async function runScanCommand(urls: string[], flags: ScanFlags): Promise<number> {
  if (!SCAN_FORMATS.includes(flags.format)) throw new UsageError(`--format must be one of ${SCAN_FORMATS.join(', ')} (got '${flags.format}')`);
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
  const options = { ...probeOptions(flags), only: flags.rule, ignore: flags.ignore };
  const results: ScanResult[] = [];
  for (const url of urls) {
    const progress = progressLine(url);
    try {
      results.push(await runScan(url, { ...options, ...(progress ? { onProgress: progress.update } : {}) }));
    } finally {
      progress?.clear();
    }
  }
  // One report for every format and for the exit code: all sites' findings, the worst site's grade.
  const report = scanReportInput(results);
  const text = isCiFormat(flags.format)
    ? renderCiReport(flags.format, report, toolVersion())
    : flags.format === 'json'
      ? formatScanJson(results, toolVersion())
      : flags.format === 'html'
        ? renderScanHtml(results, { toolVersion: toolVersion(), rules: await scanRuleInfo() })
        : formatScanPretty(results, { color: useColor(flags.output, flags.color), verbose: flags.verbose });
  emit(text, flags.output);
  if (report.errors.length) {
    for (const error of report.errors) process.stderr.write(`deploycheck: internal error: ${error}\n`);
    return 2;
  }
  return gateExitCode(report.findings, report.grade, { failOn, ...(minGrade ? { minGrade } : {}) });
}
