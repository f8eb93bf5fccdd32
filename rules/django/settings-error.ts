import type { EvalProblemKind, FileLocation, Severity, Workspace } from '../../src/api/django.js';
import { defineRule } from '../../src/api/django.js';

/** How much each evaluation problem matters for a deploy. */
const SEVERITY: Record<EvalProblemKind, Severity> = {
  // Python would refuse to import the module: the app does not start.
  'syntax-error': 'high',
  'unreadable-file': 'high',
  'import-cycle': 'medium',
  // Settings raise at import under this environment (a failing cast, an explicit raise). It may
  // depend on a value production sets outside the repository, so this informs rather than fails.
  raises: 'info',
  'unresolved-import': 'info',
  'step-budget': 'info',
};

/**
 * The lines a problem points at, which tell two problems with one message apart (two settings that
 * raise the same error) without the line numbers that move with every edit above them.
 */
function sourceLines(workspace: Workspace, location: FileLocation): string {
  const read = workspace.readText(location.file);
  if (!read.ok) return '';
  return read.text.split('\n').slice(location.line - 1, location.endLine ?? location.line).join('\n').slice(0, 500);
}

/**
 * What it does: reports the parts of the settings modules deploycheck could not evaluate: syntax
 * errors, unreadable files, import cycles, imports it could not resolve, and code that raises.
 */
export default defineRule({
  id: 'django/settings-error',
  title: 'Settings could not be fully evaluated',
  severity: 'high',
  docs: {
    why: `A syntax error, an unreadable file or an import cycle in a settings module stops Django from
starting, and every setting after the problem is unknown, so deploycheck cannot vouch for it either.
Code that raises under the chosen environment (a failing cast, an explicit raise) fails the same
way in production. A variable the code requires without a default (os.environ['SECRET_KEY'],
env('SECRET_KEY')) and the repository never sets is not listed: production must provide it (the
platform's secret store), so it is taken as set with its value unknown.`,
    fix: `Fix the file at the reported line (run \`python -m py_compile path/to/settings.py\`), break the
import cycle, or declare the variable for production in a deploy file (fly.toml [env], app.json env,
render.yaml envVars) or pass it to deploycheck with --set / --env-file.`,
    refs: ['https://docs.djangoproject.com/en/stable/topics/settings/'],
  },
  check(ctx) {
    for (const problem of ctx.project.settings?.problems ?? []) {
      ctx.report({
        message: problem.message,
        location: problem.location,
        severity: SEVERITY[problem.kind],
        about: `${problem.kind} ${problem.message} ${sourceLines(ctx.workspace, problem.location)}`,
      });
    }
  },
});
