/**
 * This checkout as its real clients get it: a git repository of the working tree (what a user or
 * the pre-commit framework clones) and the tarball `npm pack` makes of it (what `npm install -g`
 * and `npx` install).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const checkout = fileURLToPath(new URL('../..', import.meta.url));

export interface ClonedTree {
  /** A git repository whose one commit holds the working tree's tracked and unignored files. */
  dir: string;
  commit: string;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=dev@example.com', '-c', 'user.name=dev', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
  });
}

/** The working tree, uncommitted changes included, committed into a new repository under `parent`. */
export function commitWorkingTree(parent = mkdtempSync(join(tmpdir(), 'deploycheck-tree-'))): ClonedTree {
  const dir = join(parent, 'deploycheck');
  const files = git(checkout, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
  for (const file of files) {
    // Deleted but not yet staged files are listed by --cached; they are not part of the tree.
    const target = join(dir, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      copyFileSync(join(checkout, file), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'deploycheck under test');
  return { dir, commit: git(dir, 'rev-parse', 'HEAD').trim() };
}

/**
 * `npm pack` of a tree from commitWorkingTree, with this checkout's node_modules lent for the
 * `prepare` build. Returns the tarball's path and what npm printed on standard output, which the
 * pre-commit framework reads as the tarball's name.
 */
export function packTree(tree: ClonedTree, destination: string): { tarball: string; stdout: string } {
  symlinkSync(join(checkout, 'node_modules'), join(tree.dir, 'node_modules'), 'dir');
  const packed = spawnSync('npm', ['pack', '--pack-destination', destination], { cwd: tree.dir, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`npm pack failed (${packed.status}): ${packed.stderr}`);
  return { tarball: join(destination, packed.stdout.trim()), stdout: packed.stdout };
}

/** Whether a command answers `--version` on this machine. */
export function hasCommand(command: string): boolean {
  return spawnSync(command, ['--version'], { encoding: 'utf8' }).status === 0;
}
