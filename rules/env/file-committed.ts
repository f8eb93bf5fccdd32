/** env/file-committed — an env file with real secrets is in the repository. */
import { defineWorkspaceRule } from '../../src/engine/types.js';
import { isEnvFile, isEnvTemplate } from '../../src/secrets/files.js';
import { PATH_CONTEXT_LABEL } from '../../src/secrets/paths.js';
import { isCommitted, workspaceSecrets } from '../../src/secrets/workspace-scan.js';

export default defineWorkspaceRule({
  id: 'env/file-committed',
  title: 'An env file with secrets is committed',
  severity: 'critical',
  docs: {
    why:
      'An env file (.env, .env.production, prod.env) exists to keep secrets out of the code; once git tracks it, ' +
      'or it is not in .gitignore and the next `git add -A` picks it up, every secret in it is in the repository ' +
      'and its history for good. Unquoted values count: KEY=value is as much a secret as KEY="value". Template ' +
      'files (.env.example, .env.sample, .env.template) are expected to be committed and are judged by ' +
      'env/template-has-secrets instead. Outside a git repository the finding has default confidence. Dev and test ' +
      'env files (.env.test, .env.local, .devcontainer/*.env) are only reported for live provider credentials, at ' +
      'medium severity.',
    fix:
      'Remove the file from the index, ignore it, and rotate every secret it held:\n\n' +
      'git rm --cached .env\necho ".env" >> .gitignore\n\n' +
      'Commit a .env.example with placeholders (SECRET_KEY=changeme) to document the variables.',
    refs: ['https://12factor.net/config', 'https://git-scm.com/docs/gitignore'],
  },
  check(ctx) {
    for (const [file, hits] of workspaceSecrets(ctx.workspace, ctx.focus, isEnvFile)) {
      if (!isEnvFile(file) || isEnvTemplate(file)) continue;
      const committed = isCommitted(ctx.workspace, file);
      if (committed === false) continue;
      const names = [...new Set(hits.map((hit) => hit.name ?? hit.label))];
      const how = ctx.workspace.isTracked(file) ? 'git tracks it' : committed ? '.gitignore does not exclude it' : 'nothing keeps it out of a repository';
      // A dev or test env file only reaches here with live provider credentials (see scanText).
      const context = hits[0]!.context;
      const kind = context ? `, ${PATH_CONTEXT_LABEL[context]},` : '';
      ctx.report({
        message: `${file}${kind} holds ${hits.length} secret${hits.length > 1 ? 's' : ''} (${names.join(', ')}) and ${how}: untrack it, ignore it and rotate them`,
        ...(context ? { severity: 'medium' as const } : {}),
        location: hits[0]!.location,
        confidence: committed === undefined ? 'default' : 'certain',
        secret: hits[0]!.secret,
        snippet: `${file} ${names.join(' ')}`,
      });
    }
  },
});
