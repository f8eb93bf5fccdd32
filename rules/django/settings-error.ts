import type { EvalProblemKind, Severity } from '../../src/api/django.js';
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
        snippet: `${problem.kind} ${problem.message}`,
      });
    }
  },
});
