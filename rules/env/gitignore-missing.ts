/** env/gitignore-missing — the repository works with .env files but its .gitignore does not ignore them. */
import type { EnvFileUse } from '../../src/api/workspace.js';
import { defineWorkspaceRule, envFilesInUse, gitignoreFilesIgnore, isDjangoProject } from '../../src/api/workspace.js';

const CONSEQUENCE = 'the next `git add -A` or `git commit -a` would put its secrets in the repository history';
const LISTED = 3;
/** The reason a framework gives a file its code loads: `mysite/settings.py loads it (read_env)`, `server.js loads it (dotenv)`. */
const LOADER_REASON = / loads it \(/;

function listPaths(uses: EnvFileUse[]): string {
  const shown = uses.slice(0, LISTED).map((use) => use.path).join(', ');
  return uses.length > LISTED ? `${shown} and ${uses.length - LISTED} more` : shown;
}

export default defineWorkspaceRule({
  id: 'env/gitignore-missing',
  title: '.gitignore does not ignore .env',
  severity: 'low',
  docs: {
    why:
      'A .env file holds the real secrets of whoever runs the project (database passwords, API keys, SECRET_KEY). ' +
      'Without an entry in .gitignore, the first `git add -A` or `git commit -a` after someone creates one puts those ' +
      'secrets in the repository, and deleting them later does not remove them from the history. Reported for the env ' +
      'files the repository works with: those lying in the tree, the ones its templates (.env.example, ' +
      '.env.dev-sample) tell developers to create, the ones its compose files read (env_file) and the ones its ' +
      'code loads: Django settings or manage.py (load_dotenv, read_env, python-decouple), a Node server ' +
      '(dotenv.config(), import \'dotenv/config\', NestJS ConfigModule, `node --env-file`) and Next.js, which reads ' +
      '.env itself at build and start. A project configured only by its ' +
      'platform\'s environment has no .env to leak. Checked from the top directory of a git repository, with git\'s ' +
      'own ignore rules (a project in a subdirectory may ignore its env files in its own .gitignore), and not for ' +
      'files git already tracks (env/file-committed judges whether those hold secrets).',
    fix: 'Add the env files to .gitignore (keeping the template):\n\n.env\n.env.*\n!.env.example',
    refs: ['https://git-scm.com/docs/gitignore'],
  },
  check(ctx) {
    const { workspace } = ctx;
    // Only at the top of a repository (a hook runs there): a subdirectory inherits its parents' .gitignore.
    if (workspace.isTracked('.gitignore') === undefined) return;
    if (workspace.source !== 'index' && !workspace.exists('.git/HEAD')) return;
    if (ctx.focus && !ctx.focus.has('.gitignore')) return;
    const text = workspace.exists('.gitignore') ? workspace.readText('.gitignore') : undefined;
    if (text && !text.ok) return;
    // A tracked file was committed on purpose, and an ignore entry would not untrack it.
    const uses = envFilesInUse(workspace, ctx.projects).filter((use) => !workspace.isTracked(use.path));
    // An existing file: ask git itself (this also honours parent .gitignore files and the global excludes).
    const present = uses.filter((use) => workspace.exists(use.path) && workspace.isIgnored(use.path) === false);
    const location = { file: '.gitignore', line: 1, column: 1 };
    if (present.length) {
      ctx.report({
        message: `nothing in .gitignore ignores ${listPaths(present)}, in the working tree: ${CONSEQUENCE}`,
        location,
        related: present.map((use) => ({ location: use.location, message: use.reason })),
        about: '.gitignore .env',
      });
      return;
    }
    // A file yet to be created: git's own answer (nested .gitignore files, info/exclude) when it can be
    // asked, else the .gitignore files of the path's directories read as git would.
    const absent = uses.filter((use) => !workspace.exists(use.path));
    const ignoredByGit = workspace.wouldIgnore?.(absent.map((use) => use.path));
    const ignored = (path: string): boolean => (ignoredByGit ? ignoredByGit.has(path) : gitignoreFilesIgnore(workspace, path));
    const missing = absent.filter((use) => !ignored(use.path));
    if (!missing.length) return;
    // The file a settings loader really reads (the evaluator's answer) may be tracked under another path than the one named.
    const loadedByCode = missing.some((use) => LOADER_REASON.test(use.reason));
    const trackedLoaded = loadedByCode
      ? [...new Set(ctx.projects.filter(isDjangoProject).flatMap((project) => project.settings?.envFiles ?? []))].filter((file) => workspace.isTracked(file) && !ignored(file))
      : [];
    const when = trackedLoaded.length
      ? `, and git already tracks ${trackedLoaded.join(', ')} (the env file the settings load): its secrets are in the history already, and an ignore entry alone does not untrack it (git rm --cached)`
      : `: once someone creates it, ${CONSEQUENCE}`;
    ctx.report({
      message:
        `${text ? '.gitignore has no entry that ignores' : 'the repository has no .gitignore to ignore'} ${listPaths(missing)}, ` +
        `yet ${missing[0]!.reason}${when}`,
      location,
      related: missing.map((use) => ({ location: use.location, message: `${use.path}: ${use.reason}` })),
      about: '.gitignore .env',
    });
  },
});
