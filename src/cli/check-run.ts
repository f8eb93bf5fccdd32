import type { Command } from 'commander';
import { parseAssignments } from './check-command.js';
import type { CheckFlags } from './check-command.js';
import type { ScanFlags } from './scan-command.js';
import type { RunScanOptions } from '../probe/scan.js';
import { emit, useColor } from './output.js';
import { stagedCheckOptions } from './staged-options.js';
import { toolVersion } from './version.js';
import { resolveRun } from '../config/resolve.js';
import type { PolicyFlags } from '../config/resolve.js';
import { runCheck } from '../frameworks.js';
import type { BuiltInProjectSummary } from '../frameworks.js';
import type { CheckOptions, CheckResult } from '../engine/check.js';
import { frameworkFlagValues } from '../framework-options.js';
import { gateExitCode } from '../engine/policy.js';
import { SEVERITIES } from '../core/severity.js';
import { planReports, renderReport } from '../report/index.js';
import { uncacheable } from '../run-cache/record.js';

async function checkWithUrls(options: CheckOptions, flags: CheckFlags, probes?: RunScanOptions): Promise<CheckResult<BuiltInProjectSummary>> {
  const [{ checkUrls, runCheckWithUrls }, { readCa }] = await Promise.all([import('./check-url.js'), import('./scan-run.js')]);
  checkUrls(flags.url);
  const ca = readCa(flags.ca);
  return runCheckWithUrls(options, flags.url, probes ?? { userAgent: `deploycheck/${toolVersion()}`, insecure: flags.insecure ?? false, ...(ca ? { ca } : {}) });
}

/**
 * `deploycheck scan URL… --project DIR`: `check DIR --url URL…` from the scan side, with the scan's probe
 * options (--header, --cookie, --timeout, --budget, the ports) and the check's configuration for DIR.
 */
export async function runScanWithProject(dir: string, urls: string[], flags: ScanFlags, command: Command): Promise<number> {
  const { probeOptions } = await import('./scan-run.js');
  const checkFlags: CheckFlags = {
    env: 'production',
    envFile: [],
    set: [],
    format: [flags.format],
    ...(flags.output === undefined ? {} : { output: flags.output }),
    failOn: flags.failOn,
    ...(flags.minGrade === undefined ? {} : { minGrade: flags.minGrade }),
    rule: flags.rule,
    ignore: flags.ignore,
    ...(flags.verbose === undefined ? {} : { verbose: flags.verbose }),
    ...(flags.color === undefined ? {} : { color: flags.color }),
    url: urls,
    ...frameworkFlagValues(flags),
  };
  return runCheckCommand(dir, checkFlags, command, probeOptions(flags));
}

/** `deploycheck check`: run, write every requested report, and return the exit code. */
export async function runCheckCommand(dir: string, flags: CheckFlags, command: Command, probes?: RunScanOptions): Promise<number> {
  const reports = planReports(flags.format, flags.output);
  // The run cache replays what a run printed, not files it wrote or what a live site answered.
  if (reports.some((report) => report.file)) uncacheable('writes a report file');
  if (flags.url?.length) uncacheable('--url');
  const given = (flag: keyof PolicyFlags) => command.getOptionValueSource(flag) === 'cli';
  const run = await resolveRun(dir, { ...flags, set: parseAssignments(flags.set), frameworkOptions: frameworkFlagValues(flags) }, given);
  const options = { ...run.check, ...stagedCheckOptions(dir, flags) };
  // --url: loaded on use, so a plain `check` never loads the live scan.
  const result = flags.url?.length ? await checkWithUrls(options, flags, probes) : await runCheck(options);
  // --report-level only trims what the reports show; the gate below sees every finding.
  const level = SEVERITIES.indexOf(run.reportLevel);
  const shown = { ...result, findings: result.findings.filter((finding) => SEVERITIES.indexOf(finding.severity) <= level) };
  for (const report of reports) {
    const options = { toolVersion: toolVersion(), color: useColor(report.file, flags.color), verbose: flags.verbose, explain: flags.explain };
    emit(renderReport(report.format, shown, options), report.file);
  }
  if (result.errors.length) {
    // A rule that failed may not fail again (a stack overflow, a path in the stack trace).
    uncacheable('a rule failed');
    for (const error of result.errors) process.stderr.write(`deploycheck: internal error: ${error}\n`);
    return 2;
  }
  const failsOn = (findings: typeof result.findings) => gateExitCode(findings, result.grade, { failOn: run.gate.failOn }) === 1;
  if (failsOn(result.findings) && !failsOn(shown.findings)) {
    process.stderr.write(`deploycheck: failing on findings at or above ${run.gate.failOn} that --report-level ${run.reportLevel} does not show\n`);
  }
  return gateExitCode(result.findings, result.grade, run.gate);
}
