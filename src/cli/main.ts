import { Command, CommanderError } from 'commander';
import { registerBaseline } from './baseline-command.js';
import { registerCheck } from './check-command.js';
import { registerInit } from './init-command.js';
import { registerRules } from './rules-command.js';
import { registerScan } from './scan-command.js';
import { registerServe } from './serve-command.js';
import { toolVersion } from './version.js';
import { UsageError } from '../core/errors.js';
import { finishRecording, startRecording, uncacheable } from '../run-cache/record.js';
import type { RunCacheTarget } from '../run-cache/lookup.js';

export { setFileImporter } from '../engine/import-file.js';
// For the installed package's `deploycheck/api/<kind>` modules (users' rule files).
export { loadRuleApi, RULE_API_KINDS } from '../api/index.js';

export interface MainOptions {
  /** Where the launcher's run cache wants this run recorded (it missed); see src/run-cache. */
  runCache?: RunCacheTarget;
}

/**
 * Run the CLI and return the exit code: 0 pass, 1 gate failed, 2 usage, config or internal error.
 * With `runCache`, the run is recorded and stored for the launcher to replay.
 */
export async function main(argv: string[], options: MainOptions = {}): Promise<number> {
  if (!options.runCache) return run(argv);
  startRecording(options.runCache);
  const code = await run(argv);
  finishRecording(code);
  return code;
}

async function run(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command()
    .name('deploycheck')
    .description('Deployment-readiness linter for Django projects')
    .version(toolVersion())
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  registerCheck(program, (code) => (exitCode = code));
  registerScan(program, (code) => (exitCode = code));
  registerServe(program, (code) => (exitCode = code));
  registerBaseline(program, (code) => (exitCode = code));
  registerRules(program);
  registerInit(program);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and argument errors are laid out for the terminal's width.
      uncacheable('argument parsing ended the run');
      // --help and --version end here with exit code 0.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`deploycheck: ${error.message}\n`);
      return 2;
    }
    uncacheable('internal error');
    process.stderr.write(`deploycheck: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}
