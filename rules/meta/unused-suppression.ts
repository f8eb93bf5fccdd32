/** meta/unused-suppression — created by the policy step (src/engine/suppressions.ts), not from project facts. */
import { definePolicyRule } from '../../src/api/workspace.js';

export default definePolicyRule({
  id: 'meta/unused-suppression',
  title: 'Suppression comment hides nothing',
  severity: 'low',
  docs: {
    why:
      'A `deploycheck: ignore[...]` comment that no longer matches a finding is left over from a problem that was ' +
      'fixed or moved, or it names a rule that does not exist (a typo). Left in place, it silently hides the ' +
      'problem if it comes back on that line, and it teaches readers that the line is a known exception when it ' +
      'is not. Only rules that ran are judged: a suppression for a rule turned off in the config is left alone.',
    fix:
      'Delete the comment, or correct the rule id it names (see `deploycheck rules`). A suppression covers the ' +
      'line it is on, or, when the comment stands on its own line, the next line that is not a suppression:\n\n' +
      'DEBUG = env.bool("DEBUG")  # deploycheck: ignore[django/debug] staging image, never deployed to production',
  },
});
