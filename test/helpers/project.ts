import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

/** A project: workspace-relative path → content. */
export type Files = Record<string, string>;

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Write a throwaway project (relative path → content) and return its absolute root. Removed after the test file. */
export function makeProject(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), 'deploycheck-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

/** makeProject, then a git repository that tracks every file (ignored ones too), in one commit. */
export function makeRepository(files: Files): string {
  const root = makeProject(files);
  const git = (...args: string[]): void => void execFileSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: root, stdio: 'ignore' });
  git('init', '-q');
  git('add', '-A', '-f');
  git('commit', '-qm', 'init');
  return root;
}

const MANAGE_PY = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', '{module}')\n";

/** A Django project whose manage.py names `settingsModule`; a `django` version adds a requirements.txt pinning it. */
export function djangoFiles(settingsModule: string, files: Files, django?: string): Files {
  return {
    'manage.py': MANAGE_PY.replace('{module}', settingsModule),
    'mysite/__init__.py': '',
    ...(django === undefined ? {} : { 'requirements.txt': `Django==${django}\n` }),
    ...files,
  };
}

/** A project whose settings module is mysite/settings.py = `body`, plus `extra` files (see djangoFiles for `django`). */
export function settingsFiles(body: string, extra: Files = {}, django?: string): Files {
  return djangoFiles('mysite.settings', { 'mysite/settings.py': body, ...extra }, django);
}

/** settingsFiles on Django 5.2.8, the version most rule tests pin. */
export function settings52(body: string, extra: Files = {}): Files {
  return settingsFiles(body, extra, '5.2.8');
}
