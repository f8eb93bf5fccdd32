/** env/gitignore-missing — the repository's .gitignore does not ignore .env. */
import { defineWorkspaceRule } from '../../src/engine/types.js';
import { gitignoreCoversEnv } from '../../src/secrets/gitignore.js';

export default defineWorkspaceRule({
  id: 'env/gitignore-missing',
  title: '.gitignore does not ignore .env',
  severity: 'low',
  docs: {
    why:
      'Without a .env entry in .gitignore, the first `git add -A` or `git commit -a` after someone creates a local ' +
      '.env puts its secrets in the repository. Only the top directory of a git repository is checked, and not when ' +
      'git already tracks .env (a deliberate, secret-free .env is judged by env/file-committed).',
    fix: 'Add the env files to .gitignore (keeping the template):\n\n.env\n.env.*\n!.env.example',
    refs: ['https://git-scm.com/docs/gitignore'],
  },
  check(ctx) {
    const { workspace } = ctx;
    // Only at the top of a repository (a hook runs there): a subdirectory inherits its parents' .gitignore.
    if (workspace.isTracked('.gitignore') === undefined) return;
    if (workspace.source !== 'index' && !workspace.exists('.git/HEAD')) return;
    if (ctx.focus && !ctx.focus.has('.gitignore')) return;
    // A tracked .env was committed on purpose: env/file-committed judges whether it holds secrets, and an ignore entry would not untrack it.
    if (workspace.isTracked('.env')) return;
    // An existing .env: ask git itself (this also honours parent .gitignore files and the global excludes).
    if (workspace.exists('.env')) {
      if (workspace.isIgnored('.env') === false) {
        ctx.report({ message: 'nothing in .gitignore ignores .env', location: { file: '.gitignore', line: 1, column: 1 }, snippet: '.gitignore .env' });
      }
      return;
    }
    const text = workspace.exists('.gitignore') ? workspace.readText('.gitignore') : undefined;
    if (text && !text.ok) return;
    if (text && gitignoreCoversEnv(text.text)) return;
    ctx.report({
      message: text ? '.gitignore has no entry that ignores .env' : 'the repository has no .gitignore, so nothing keeps .env out of it',
      location: { file: '.gitignore', line: 1, column: 1 },
      snippet: '.gitignore .env',
    });
  },
});
