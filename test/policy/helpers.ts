import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { makeProject } from '../helpers/project.js';

const HARDENED = 'fixtures/hardened';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** The hardened fixture (no findings, grade A+) as a throwaway project, with `changes` applied. */
export function hardenedProject(changes: Record<string, string> = {}): string {
  const files: Record<string, string> = {};
  for (const file of filesUnder(HARDENED)) files[relative(HARDENED, file)] = readFileSync(file, 'utf8');
  return makeProject({ ...files, ...changes });
}

/** shop/settings.py of the hardened fixture with each `from` line replaced. */
export function hardenedSettings(replacements: Record<string, string>): string {
  let text = readFileSync(join(HARDENED, 'shop/settings.py'), 'utf8');
  for (const [from, to] of Object.entries(replacements)) {
    if (!text.includes(from)) throw new Error(`hardened settings have no '${from}'`);
    text = text.replace(from, to);
  }
  return text;
}

export function git(root: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

/** Commit everything in the repository at `root`. */
export function commitAll(root: string, message = 'initial'): void {
  if (!git(root, 'rev-parse', '--is-inside-work-tree').includes('true')) throw new Error('not a repository');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--no-gpg-sign', '-m', message);
}

/** Make `root` a git repository (with a .gitignore, as a real one has) committed on `main`. */
export function initRepo(root: string): void {
  writeFileSync(join(root, '.gitignore'), '.env\n__pycache__/\n');
  git(root, 'init', '-q', '-b', 'main');
  commitAll(root);
}
