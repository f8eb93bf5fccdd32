/** env/file-committed — an env file with real secrets is in the repository. */
import { committedCredentials, defineWorkspaceRule, envFileDialect, isCommitted, isEnvFile, isEnvTemplate, PATH_CONTEXT_LABEL, productionEnvFiles, readDotenv, workspaceSecrets } from '../../src/api/workspace.js';

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
      'medium severity. An env file production loads (a production compose env_file, --env-file, a file the settings ' +
      'load) is committed production configuration: any password, key or token in it counts, even a short or default ' +
      'one (POSTGRES_PASSWORD=postgres is a working credential, reported at high severity); placeholders such as ' +
      'changeme, your-secret-here or an empty value do not.',
    fix:
      'Remove the file from the index, ignore it, and rotate every secret it held:\n\n' +
      'git rm --cached .env\necho ".env" >> .gitignore\n\n' +
      'Commit a .env.example with placeholders (SECRET_KEY=changeme) to document the variables.',
    refs: ['https://12factor.net/config', 'https://git-scm.com/docs/gitignore'],
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const [file, hits] of workspaceSecrets(ctx.workspace, ctx.focus, isEnvFile)) {
      if (!isEnvFile(file) || isEnvTemplate(file)) continue;
      const committed = isCommitted(ctx.workspace, file);
      if (committed === false) continue;
      reported.add(file);
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
    // Production's own env files: the scanner's entropy bar lets weak keys and default passwords through.
    for (const use of productionEnvFiles(ctx.workspace, ctx.projects)) {
      const file = use.path;
      if (reported.has(file) || (ctx.focus && !ctx.focus.has(file)) || isEnvTemplate(file)) continue;
      const committed = isCommitted(ctx.workspace, file);
      if (committed === false) continue;
      const parsed = readDotenv(ctx.workspace, file, use.readByDocker ? 'compose' : envFileDialect(ctx.workspace, file));
      const credentials = parsed.ok ? committedCredentials(parsed.entries) : [];
      if (!credentials.length) continue;
      const names = [...new Set(credentials.map((credential) => credential.name))];
      const weak = credentials.every((credential) => credential.strength === 'weak');
      const how = ctx.workspace.isTracked(file) ? 'git tracks it' : committed ? '.gitignore does not exclude it' : 'nothing keeps it out of a repository';
      const first = credentials.find((credential) => credential.strength === 'real') ?? credentials[0]!;
      ctx.report({
        message:
          `${file} is production configuration (${use.loadedBy}) and holds ${credentials.length} credential${credentials.length > 1 ? 's' : ''} ` +
          `(${names.join(', ')}${weak ? ', default or weak values that still work' : ''}) and ${how}: untrack it, ignore it and rotate them`,
        ...(weak ? { severity: 'high' as const } : {}),
        location: { file, line: first.line, column: first.column },
        ...(use.location ? { related: [{ location: use.location, message: `production loads ${file} here` }] } : {}),
        confidence: committed === undefined ? 'default' : 'certain',
        secret: first.secret,
        snippet: `${file} ${names.join(' ')}`,
      });
    }
  },
});
