import { defineRule } from '../../src/engine/types.js';
import type { Severity } from '../../src/engine/types.js';
import type { EvalProblemKind } from '../../src/python/types.js';

/** How much each evaluation problem matters for a deploy. */
const SEVERITY: Record<EvalProblemKind, Severity> = {
  // Python would refuse to import the module: the app does not start.
  'syntax-error': 'high',
  'unreadable-file': 'high',
  'import-cycle': 'medium',
  // Settings raise at import under this environment, e.g. os.environ['X'] with X unset. Production
  // may set X outside the repository (a dashboard), so this informs rather than fails.
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
  facts: ['settings'],
  docs: {
    why: `A syntax error, an unreadable file or an import cycle in a settings module stops Django from
starting, and every setting after the problem is unknown, so deploycheck cannot vouch for it either.
Code that raises under the chosen environment (for example os.environ['SECRET_KEY'] when the
environment does not set SECRET_KEY) fails the same way in production unless the platform sets the
variable somewhere deploycheck cannot see.`,
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
