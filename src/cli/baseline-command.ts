import { join } from 'node:path';
import type { Command } from 'commander';
import { addFrameworkOptions, collect, parseAssignments } from './check-command.js';
import { frameworkFlagValues } from '../framework-options.js';
import type { PolicyFlags } from '../config/resolve.js';
import { DEFAULT_BASELINE_FILE, writeBaseline } from '../engine/baseline.js';

interface BaselineFlags {
  output?: string;
  env: string;
  envFile: string[];
  set: string[];
  rule: string[];
  ignore: string[];
  config?: string;
}

export function registerBaseline(program: Command, setExitCode: (code: number) => void): void {
  const command = program
    .command('baseline')
    .description('write the current findings to a baseline file, so that `check --baseline` reports only new ones')
    .argument('[dir]', 'project directory', '.')
    .option('--output <file>', `baseline file (default: the config's baseline, else ${DEFAULT_BASELINE_FILE} in the directory)`)
    .option('--env <name>', 'environment to evaluate under', 'production')
    .option('--env-file <file>', 'extra env file for the environment (repeatable)', collect, [])
    .option('--set <KEY=VALUE>', 'set an environment variable (repeatable)', collect, []);
  addFrameworkOptions(command)
    .option('--rule <id>', 'run only this rule or group (repeatable)', collect, [])
    .option('--ignore <id>', 'skip this rule or group (repeatable)', collect, [])
    .option('--config <file>', 'config file (default: .deploycheck.json, pyproject.toml or package.json, searched upwards)')
    .action(async (dir: string, flags: BaselineFlags, command: Command) => {
      const [{ resolveRun }, { runCheck }] = await Promise.all([import('../config/resolve.js'), import('../frameworks.js')]);
      const given = (flag: keyof PolicyFlags) => command.getOptionValueSource(flag) === 'cli';
      // The baseline records every finding: no earlier baseline, no --changed-since.
      const run = await resolveRun(dir, { ...flags, set: parseAssignments(flags.set), frameworkOptions: frameworkFlagValues(flags), baseline: false }, given);
      const result = await runCheck(run.check);
      if (result.errors.length) {
        for (const error of result.errors) process.stderr.write(`deploycheck: internal error: ${error}\n`);
        setExitCode(2);
        return;
      }
      const output = flags.output ?? run.config?.baseline ?? join(dir, DEFAULT_BASELINE_FILE);
      writeBaseline(output, result.findings);
      const use = run.config?.baseline ? '' : `; use it with \`deploycheck check --baseline ${output}\` or "baseline" in the config`;
      process.stderr.write(`deploycheck: wrote ${result.findings.length} finding(s) to ${output}${use}\n`);
    });
}
