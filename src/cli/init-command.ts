import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../core/errors.js';

const MARKER = '# Installed by `deploycheck init --hook`';

interface InitFlags {
  hook?: boolean;
  force?: boolean;
}

/** The pre-commit hooks directory of the repository at `dir` (honours core.hooksPath). */
function hooksDir(dir: string): string {
  let path: string;
  try {
    path = execFileSync('git', ['rev-parse', '--git-path', 'hooks'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new UsageError(`${dir} is not in a git repository`);
  }
  return isAbsolute(path) ? path : join(resolve(dir), path);
}

/** How the hook runs deploycheck: this very CLI when it was started from a file, else the project's install via npx. */
function deploycheckCommand(): string {
  const script = process.argv[1];
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  if (script && isAbsolute(script) && existsSync(script) && basename(script).startsWith('deploycheck')) {
    return `${quote(process.execPath)} ${quote(script)}`;
  }
  return 'npx --no-install deploycheck';
}

/** A plain git pre-commit hook: checks the staged files and refuses the commit when the gate fails. */
export function hookScript(command: string): string {
  return [
    '#!/bin/sh',
    `${MARKER}: checks what is being committed.`,
    '# Skip once with `git commit --no-verify`.',
    `exec ${command} check --staged`,
    '',
  ].join('\n');
}

/** Write the hook; an existing hook that deploycheck did not write is kept unless `force`. Returns its path. */
export function installHook(dir: string, force: boolean): string {
  const hooks = hooksDir(dir);
  const path = join(hooks, 'pre-commit');
  if (existsSync(path) && !force && !readFileSync(path, 'utf8').includes(MARKER)) {
    throw new UsageError(`${path} already exists; rerun with --force to replace it (or call deploycheck from it: deploycheck check --staged)`);
  }
  mkdirSync(hooks, { recursive: true });
  writeFileSync(path, hookScript(deploycheckCommand()));
  chmodSync(path, 0o755);
  return path;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('set deploycheck up in a repository')
    .argument('[dir]', 'repository directory', '.')
    .option('--hook', 'install a git pre-commit hook that runs `deploycheck check --staged`')
    .option('--force', 'replace an existing pre-commit hook')
    .action((dir: string, flags: InitFlags) => {
      if (!flags.hook) throw new UsageError('nothing to do: use `deploycheck init --hook`');
      const path = installHook(dir, Boolean(flags.force));
      process.stdout.write(`deploycheck: installed the pre-commit hook at ${path}\n`);
    });
}
