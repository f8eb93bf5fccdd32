import type { Command } from 'commander';
import type { StagedFlags } from './staged-options.js';
import { UsageError } from '../core/errors.js';
import { FORMATS } from '../report/formats.js';
import { FRAMEWORK_OPTIONS } from '../framework-options.js';

export interface CheckFlags extends StagedFlags {
  env: string;
  envFile: string[];
  set: string[];
  format: string[];
  output?: string;
  failOn: string;
  minGrade?: string;
  reportLevel?: string;
  rule: string[];
  ignore: string[];
  config?: string;
  baseline?: string | false;
  changedSince?: string;
  verbose?: boolean;
  explain?: boolean;
  color?: boolean;
  /** `--url`: also scan these URLs of the running site and reconcile them with the code. */
  url: string[];
  /** With --url: a CA to trust, or no certificate checks for the HTTP probes (as `scan --ca`, `--insecure`). */
  ca?: string;
  insecure?: boolean;
}

/** Commander reducer for a repeatable option: its values in order. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function parseAssignments(pairs: string[]): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs) {
    const index = pair.indexOf('=');
    if (index <= 0) throw new UsageError(`--set expects KEY=VALUE (got '${pair}')`);
    vars[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return vars;
}

/** Each framework's own options (Django's `--settings`, `--configuration`), after the environment options. */
export function addFrameworkOptions(command: Command): Command {
  for (const option of FRAMEWORK_OPTIONS) command.option(option.flag, option.description);
  return command;
}

export function registerCheck(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('check')
    .description('check a Django or Node project the way production would see it')
    .argument('[dir]', 'project directory', '.')
    .option('--env <name>', 'environment to evaluate under', 'production')
    .option('--env-file <file>', 'extra env file for the environment (repeatable)', collect, [])
    .option('--set <KEY=VALUE>', 'set an environment variable (repeatable)', collect, []);
  addFrameworkOptions(command)
    .option('--format <format[:file]>', `output format (repeatable, each to stdout or its own file): ${FORMATS.join(', ')}`, collect, [])
    .option('--output <file>', 'write the report of the --format without a file to this file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity (critical, high, medium, low, info, none)', 'high')
    .option('--min-grade <grade>', 'exit 1 when the grade is worse than this (A+ … F)')
    .option('--report-level <severity>', 'show only findings at or above this severity (the exit code still sees all)')
    .option('--config <file>', 'config file (default: .deploycheck.json, pyproject.toml or package.json, searched upwards)')
    .option('--baseline <file>', 'hide the findings this baseline lists and report its stale entries')
    .option('--no-baseline', "ignore the config's baseline")
    .option('--changed-since <ref>', 'report only findings in files changed since this git revision')
    .option('--rule <id>', 'run only this rule or group (repeatable)', collect, [])
    .option('--ignore <id>', 'skip this rule or group (repeatable)', collect, [])
    .option('--verbose', 'show the fix for each finding')
    .option('--explain', 'print how production was inferred: entry, settings module candidates, variables, assumptions')
    .option('--no-color', 'never colour the output')
    .option('--staged', 'check what is staged in the git index (pre-commit): report only findings in staged files')
    .option('--all', 'with --staged or --files: report findings in every file')
    .option('--files <paths...>', 'report only findings in these files (what a pre-commit framework passes)')
    .option('--history', 'also scan every commit of the git history for secrets')
    .option('--url <url>', 'also scan the running site at this URL: one report for the code and the site (repeatable)', collect, [])
    .option('--ca <file>', 'with --url: trust this CA certificate (PEM) in addition to the system ones')
    .option('--insecure', 'with --url: do not verify certificates for HTTP probes (the TLS findings still report them)')
    // Read by the launcher (bin/deploycheck.js) before the bundle loads; declared so that commander accepts it.
    .option('--no-cache', 'neither replay nor store this run in the run cache (see docs/startup.md)')
    .action(async (dir: string, flags: CheckFlags, command: Command) => {
      // Loaded on use: `deploycheck --version`, `rules` and `scan` never pay for the check pipeline.
      const { runCheckCommand } = await import('./check-run.js');
      setExitCode(await runCheckCommand(dir, flags, command));
    });
}
