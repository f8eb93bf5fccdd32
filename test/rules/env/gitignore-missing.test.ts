import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { gitignoreFilesIgnore, gitignoreIgnores } from '../../../src/django/gitignore-match.js';
import { openWorkspace } from '../../../src/workspace/index.js';
import { runCheck } from '../../../src/frameworks.js';
import type { Finding } from '../../../src/engine/types.js';
import { makeProject } from '../../helpers/project.js';
import { workspaceOf } from '../../helpers/workspace.js';

const RULE = 'env/gitignore-missing';
const MANAGE_PY = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n";

/** A git repository (nothing staged) holding the files. */
function repository(files: Record<string, string>): string {
  const root = makeProject(files);
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

async function findings(root: string): Promise<Finding[]> {
  const result = await runCheck({ root, only: [RULE] });
  expect(result.errors).toEqual([]);
  return result.findings;
}

function django(settings: string, files: Record<string, string> = {}): Record<string, string> {
  return { 'manage.py': MANAGE_PY, 'mysite/__init__.py': '', 'mysite/settings.py': settings, '.gitignore': '__pycache__/\n', ...files };
}

describe('env/gitignore-missing', () => {
  it('does not fire on a project that uses no env file at all', async () => {
    expect(await findings(repository(django("import os\nSECRET_KEY = os.environ['SECRET_KEY']\n")))).toEqual([]);
    expect(await findings(repository({ 'app.py': 'DEBUG = False\n' }))).toEqual([]);
  });

  it('fires when the settings load a .env file, naming the loader and saying why it matters', async () => {
    const settings = "import environ\nenv = environ.Env()\nenviron.Env.read_env(BASE_DIR / '.env')\nSECRET_KEY = env('SECRET_KEY')\n";
    const [finding, ...rest] = await findings(repository(django(settings)));
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'low', location: { file: '.gitignore', line: 1 } });
    expect(finding!.message).toMatch(/^\.gitignore has no entry that ignores \.env, yet mysite\/settings\.py loads it \(read_env\)/);
    expect(finding!.message).toContain('would put its secrets in the repository history');
    expect(finding!.related).toEqual([{ location: { file: 'mysite/settings.py', line: 3, column: 1 }, message: '.env: mysite/settings.py loads it (read_env)' }]);

    const [decouple] = await findings(repository(django("from decouple import config\nSECRET_KEY = config('SECRET_KEY')\n")));
    expect(decouple!.message).toContain('(python-decouple)');
  });

  it('does not count a loader that reads a file with another name (a .env entry would not cover it)', async () => {
    const manage = "from dotenv import find_dotenv, load_dotenv\nload_dotenv(find_dotenv(filename='.environment'))\n";
    expect(await findings(repository(django('DEBUG = False\n', { 'manage.py': manage + MANAGE_PY })))).toEqual([]);
  });

  it('fires when the repository ships a .env template, or has no .gitignore at all', async () => {
    const [template] = await findings(repository({ 'app.py': '', '.gitignore': 'node_modules/\n', '.env.example': 'SECRET_KEY=\n' }));
    expect(template!.message).toMatch(/^\.gitignore has no entry that ignores \.env, yet \.env\.example is its template/);
    const [none] = await findings(repository({ 'app.py': '', '.env.example': 'SECRET_KEY=\n' }));
    expect(none!.message).toMatch(/^the repository has no \.gitignore to ignore \.env, yet/);
  });

  it('names the env files templates, compose files and loaders point at, and is quiet when .gitignore covers exactly those', async () => {
    const compose = 'services:\n  web:\n    build: .\n    env_file:\n      - ./.env.dev\n';
    const files = { 'app.py': '', '.env.dev-sample': 'DEBUG=1\n', '.env.prod-sample': 'DEBUG=0\n', 'docker-compose.yml': compose };
    expect(await findings(repository({ ...files, '.gitignore': '.env.dev\n.env.prod\n' }))).toEqual([]);
    const [partly] = await findings(repository({ ...files, '.gitignore': '.env.dev\n' }));
    expect(partly!.message).toMatch(/^\.gitignore has no entry that ignores \.env\.prod, yet \.env\.prod-sample is its template/);
    const [composeOnly] = await findings(repository({ 'app.py': '', 'docker-compose.yml': compose, '.gitignore': '*.pyc\n' }));
    expect(composeOnly!.related).toEqual([{ location: { file: 'docker-compose.yml', line: 5, column: 1 }, message: '.env.dev: docker-compose.yml reads it (env_file)' }]);
  });

  it("reads compose's long env_file syntax past its required: and format: keys", async () => {
    const compose = 'services:\n  web:\n    build: .\n    env_file:\n      - path: ./default.env\n        required: true\n      - path: ./.env.local\n        required: false\n';
    const [finding] = await findings(repository({ 'app.py': '', 'docker-compose.yml': compose, '.gitignore': '*.pyc\n' }));
    expect(finding!.related?.map((related) => related.message)).toContain('.env.local: docker-compose.yml reads it (env_file)');
  });

  it('fires on an existing .env git would pick up, and not when .gitignore covers it', async () => {
    const [existing] = await findings(repository({ 'app.py': '', '.gitignore': 'node_modules/\n', '.env': 'SECRET_KEY=x\n' }));
    expect(existing!.message).toMatch(/^nothing in \.gitignore ignores \.env, in the working tree/);
    expect(await findings(repository({ 'app.py': '', '.gitignore': '.env\n', '.env.example': 'SECRET_KEY=\n' }))).toEqual([]);
  });

  it('matches .gitignore patterns the way git does for files that do not exist yet', () => {
    expect(gitignoreIgnores('.env*\n', '.env.prod')).toBe(true);
    expect(gitignoreIgnores('.env*\n!.env.prod\n', '.env.prod')).toBe(false);
    expect(gitignoreIgnores('/.env\n', '.env')).toBe(true);
    expect(gitignoreIgnores('/.env\n', 'app/.env')).toBe(false);
    expect(gitignoreIgnores('.env\n', 'app/.env')).toBe(true);
    expect(gitignoreIgnores('**/.env\n', 'a/b/.env')).toBe(true);
    expect(gitignoreIgnores('config/\n', 'config/.env')).toBe(true);
    expect(gitignoreIgnores('.env/\n', '.env')).toBe(false);
    expect(gitignoreIgnores('*.pyc\n# .env\n', '.env')).toBe(false);
    expect(gitignoreIgnores('*.env\n', '.env')).toBe(true);
    expect(gitignoreIgnores('dist/\n', '.env')).toBe(false);
    expect(gitignoreIgnores('.env.[!e]*\n', '.env.prod')).toBe(true);
    expect(gitignoreIgnores('.env.[!e]*\n', '.env.example')).toBe(false);
  });

  it('honours the .gitignore of a project in a subdirectory, as git does', async () => {
    const compose = 'services:\n  web:\n    build: .\n    env_file:\n      - ./.envs/.django\n';
    const project = { 'python/app.py': '', 'python/docker-compose.yml': compose, '.gitignore': '*.pyc\n' };
    expect(await findings(repository({ ...project, 'python/.gitignore': '.envs/\n' }))).toEqual([]);
    // The nested file ignores something else: the env file is still unprotected.
    const [finding] = await findings(repository({ ...project, 'python/.gitignore': 'media/\n' }));
    expect(finding!.message).toMatch(/^\.gitignore has no entry that ignores python\/\.envs\/\.django, yet/);
    // A nested `!` pattern re-includes what the top file ignores.
    const [reincluded] = await findings(repository({ ...project, '.gitignore': '.envs/\n', 'python/.gitignore': '!.envs/\n' }));
    expect(reincluded!.message).toContain('python/.envs/.django');
  });

  it('reads nested .gitignore files itself when git cannot be asked', () => {
    const root = makeProject({ '.gitignore': '*.pyc\n', 'python/.gitignore': '.envs/\n', 'web/.gitignore': '!.env\n', 'other/x': '' });
    const workspace = openWorkspace(root);
    expect(gitignoreFilesIgnore(workspace, 'python/.envs/.django')).toBe(true);
    expect(gitignoreFilesIgnore(workspace, '.envs/.django')).toBe(false);
    expect(gitignoreFilesIgnore(workspace, 'other/.envs/.django')).toBe(false);
    const reincluding = workspaceOf({ '.gitignore': '.env\n', 'web/.gitignore': '!.env\n' });
    expect(gitignoreFilesIgnore(reincluding, 'web/.env')).toBe(false);
    expect(gitignoreFilesIgnore(reincluding, 'api/.env')).toBe(true);
  });
});
