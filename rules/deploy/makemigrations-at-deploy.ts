/** deploy/makemigrations-at-deploy — production writes its own migrations (`manage.py makemigrations`) when it starts or deploys. */
import { defineRule, parseManageCommands, productionCommands, redactCommand } from '../../src/api/django.js';

export default defineRule({
  id: 'deploy/makemigrations-at-deploy',
  title: 'Production generates its own database migrations',
  severity: 'medium',
  docs: {
    why:
      '`manage.py makemigrations` writes new migration files from the models it finds. Run by a start, release or ' +
      'build command, it creates migrations that exist only inside the running container or server, never reviewed ' +
      'and never committed: the database schema then drifts from the migration history in the repository, the next ' +
      'deploy (a fresh container) generates different files with the same numbers, and `migrate` fails or applies ' +
      'changes nobody has seen. Migrations are written in development, reviewed and committed; production only ' +
      'applies them. Only commands production runs count; one a start script runs only in one branch is reported at ' +
      'default confidence.',
    fix:
      'Remove makemigrations from the production command, run it in development and commit the files; keep only ' +
      'migrate in the release step:\n\n' +
      'release: python manage.py migrate --noinput\n\n' +
      'In CI, `python manage.py makemigrations --check --dry-run` fails when a model change has no migration.',
    refs: [
      'https://docs.djangoproject.com/en/stable/topics/migrations/#workflow',
      'https://docs.djangoproject.com/en/stable/ref/django-admin/#makemigrations',
    ],
  },
  check(ctx) {
    for (const command of productionCommands(ctx.project.deploy)) {
      const manage = parseManageCommands(command.text).find((parsed) => parsed.subcommand === 'makemigrations');
      if (!manage) continue;
      // `makemigrations --check` / `--dry-run` only verifies: it writes nothing.
      if (/makemigrations\b[^;&|\n]*\s--(?:check|dry-run)(?=[\s;&|"']|$)/.test(command.text)) continue;
      const branch = command.conditional ? ' in one branch of its script (production may take another)' : '';
      ctx.report({
        location: command.location,
        message: `${command.process ?? command.kind} runs manage.py makemigrations${branch}: production writes migrations nobody reviewed or committed`,
        ...(command.conditional ? { confidence: 'default' as const } : {}),
        evidence: redactCommand(command.text).replace(/\s+/g, ' ').trim().slice(0, 160),
        snippet: `${command.kind} ${command.process ?? ''} makemigrations`,
      });
    }
  },
});
